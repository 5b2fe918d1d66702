import { ApiError } from './http.ts';

/** Shows a failed call's problem: title, detail and request id, in a role=alert box. */
export function ErrorAlert({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  const problem = error instanceof ApiError ? error.problem : undefined;
  return (
    <div role="alert" className="alert">
      <div className="alert-body">
        <strong>{problem?.title ?? 'Something went wrong'}</strong>
        <span>{problem?.detail ?? (error instanceof Error ? error.message : String(error))}</span>
        {problem?.errors?.map((e) => (
          <span key={e.path}>
            <code>{e.path}</code>: {e.message}
          </span>
        ))}
        {problem?.requestId && problem.requestId !== '-' && (
          <small>
            Request id <span className="mono">{problem.requestId}</span>
          </small>
        )}
      </div>
      {onDismiss && (
        <button type="button" className="button ghost small" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
