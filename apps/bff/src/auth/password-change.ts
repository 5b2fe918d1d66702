import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { ProblemError } from '../problem.ts';

// What someone signed in with a temporary password may still reach: who am I / sign out, changing the
// password, where the console points, and the unauthenticated health and API documents.
const allowed = new Set([
  '/api/session',
  '/api/session/password',
  '/api/session/methods',
  '/api/environment',
  '/api/health',
  '/api/ready',
  '/api/openapi.json',
]);

/** Refuses everything else with 403 PASSWORD_CHANGE_REQUIRED until a temporary password is changed. */
export const passwordChangeFirst: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('user')?.mustChangePassword && !allowed.has(c.req.path.replace(/\/+$/, ''))) {
    throw new ProblemError(
      403,
      'PASSWORD_CHANGE_REQUIRED',
      'Change your password first',
      'You signed in with a temporary password. Choose your own password before doing anything else.',
    );
  }
  return next();
};
