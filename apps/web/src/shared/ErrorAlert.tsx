import { ApiError } from './http.ts';
import { isThrottled, retryChangeAt, useSecondsUntil } from './throttling.ts';

/** Shows a failed call's problem: title, detail and request id, in a role=alert box. */
export function ErrorAlert({
  error,
  onDismiss,
  onRetry,
}: {
  error: unknown;
  onDismiss?: () => void;
  /** A read that failed whole: the way forward is to ask again. */
  onRetry?: () => void;
}) {
  const problem = error instanceof ApiError ? error.problem : undefined;
  const throttled = isThrottled(error);
  return (
    <div role="alert" className={throttled ? 'alert alert-calm' : 'alert'}>
      <div className="alert-body">
        <strong>{problem?.title ?? 'Something went wrong'}</strong>
        <span>{problem?.detail ?? (error instanceof Error ? error.message : String(error))}</span>
        {throttled && <TryAgainIn at={retryChangeAt(error)} />}
        {problem?.errors?.map((e) => (
          <span key={e.path}>
            <code>{e.path}</code>: {e.message}
          </span>
        ))}
        <RequestId problem={problem} />
      </div>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
      {onDismiss && (
        <button type="button" className="button ghost small" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}

/** The id to quote to whoever reads the console's logs. */
export function RequestId({ problem }: { problem: ApiError['problem'] | undefined }) {
  if (!problem?.requestId || problem.requestId === '-') return null;
  return (
    <small>
      Request id <span className="mono">{problem.requestId}</span>
    </small>
  );
}

/** A throttled change is never retried behind the operator's back: say when trying again makes sense. */
function TryAgainIn({ at }: { at: number }) {
  const seconds = useSecondsUntil(at);
  return (
    // The countdown ticks every second; a screen reader hears the alert once, not every tick.
    <span aria-live="off" className="retry-countdown">
      {seconds > 0 ? `Try again in ${seconds} s.` : 'You can try again now.'}
    </span>
  );
}
