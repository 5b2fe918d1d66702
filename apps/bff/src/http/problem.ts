import { awsProblem } from '../aws/errors.ts';
import { ProblemError, problem } from '../problem.ts';

/** Turns anything thrown while serving a request into the problem the client sees; AWS internals stay out. */
export function toProblem(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  return awsProblem(err) ?? problem('INTERNAL', 'Something went wrong on our side.');
}
