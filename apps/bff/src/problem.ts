import { type ErrorCode, type Problem, problemDefaults, problemTitle } from '@gateway-console/contract';

type ProblemExtra = Partial<Pick<Problem, 'errors' | 'current' | 'steps'>> & {
  headers?: Record<string, string>;
};

/** A failure the BFF reports to its client as problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly title: string,
    readonly detail?: string,
    readonly extra: ProblemExtra = {},
  ) {
    super(detail ?? title);
  }
}

/** A problem with its code's status and title from the contract's table. */
export const problem = (code: ErrorCode, detail?: string, extra?: ProblemExtra) =>
  new ProblemError(problemDefaults[code].status, code, problemTitle(code), detail, extra);

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
    ...(error.extra.steps ? { steps: error.extra.steps } : {}),
  };
}
