import { ApiError } from './http.ts';

/** Shows a failed call's problem: title, detail and request id, in a role=alert box. */
export function ErrorAlert({ error }: { error: unknown }) {
  const problem = error instanceof ApiError ? error.problem : undefined;
  return (
    <div role="alert" className="alert">
      <strong>{problem?.title ?? 'Something went wrong'}</strong>
      <span>{problem?.detail ?? (error instanceof Error ? error.message : String(error))}</span>
      {problem?.requestId && problem.requestId !== '-' && <small>Request id {problem.requestId}</small>}
    </div>
  );
}
