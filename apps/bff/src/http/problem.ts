import type { ErrorCode, Problem } from '@gateway-console/contract';

/** A failure the BFF reports to its client as problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Partial<Pick<Problem, 'errors' | 'current'>> & { headers?: Record<string, string> } = {},
  ) {
    super(detail ?? title);
  }
}

export function problemBody(error: ProblemError, requestId: string): Problem {
  return {
    type: `https://gateway-console.dev/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    requestId,
    ...(error.extra.errors ? { errors: error.extra.errors } : {}),
    ...(error.extra.current !== undefined ? { current: error.extra.current } : {}),
  };
}
