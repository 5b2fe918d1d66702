import {
  AddUserRequest,
  SignInRequest,
  type TemporaryPassword,
  UpdateUserRequest,
  type UpdateUserResponse,
  type User,
  type UserList,
} from '@gateway-console/contract';
import { Hono } from 'hono';
import { auditAhead, audited } from '../audit/middleware.ts';
import { guard } from '../auth/middleware.ts';
import type { Sessions } from '../auth/sessions.ts';
import {
  addUser,
  getUser,
  listUsers,
  otherEnabledAdmins,
  temporaryPassword,
  updateUser,
} from '../auth/users.ts';
import type { AppEnv, Deps } from '../context.ts';
import { jsonBody, pathParam } from '../http/validate.ts';
import { ProblemError } from '../problem.ts';

// Every change to users runs under this key, on every replica: two admins demoting each other at once
// cannot both pass the last-admin check.
const USERS_LOCK = 'users';

/** What the audit log keeps of a user: never a password or its hash. */
const auditView = (user: User) => ({ role: user.role, disabled: user.disabled, source: user.source });

/** People (admins only): list, add with a temporary password, change role, disable, reset a password. */
export const usersRoutes = (deps: Deps, sessions: Sessions) =>
  new Hono<AppEnv>()
    .get('/', guard('listUsers'), async (c) =>
      c.json({ items: await listUsers(deps.storage.db) } satisfies UserList, 200),
    )
    .post('/', audited(deps, 'user.add'), guard('addUser'), async (c) => {
      const request = await jsonBody(c, AddUserRequest);
      c.var.audit.target = `users/${request.username}`;
      const password = temporaryPassword();
      await auditAhead(c);
      const user = await addUser(deps.storage.db, request, password);
      if (!user) {
        throw new ProblemError(
          409,
          'CONFLICT',
          'User exists',
          `There is already a user ${request.username}.`,
        );
      }
      c.var.audit.after = auditView(user);
      return c.json(
        { username: user.username, role: user.role, temporaryPassword: password } satisfies TemporaryPassword,
        201,
      );
    })
    .patch('/:username', audited(deps, 'user.update'), guard('updateUser'), async (c) => {
      // Any stored name can be looked up, including ones a proxy or OpenID Connect brought in.
      const username = pathParam(c, 'username', SignInRequest.shape.username);
      c.var.audit.target = `users/${username}`;
      const change = await jsonBody(c, UpdateUserRequest);
      const db = deps.storage.db;
      return deps.storage.exclusive(USERS_LOCK, async () => {
        const before = await getUser(db, username);
        if (!before) throw new ProblemError(404, 'NOT_FOUND', 'Not found', `There is no user ${username}.`);
        c.var.audit.before = auditView(before);
        const stopsBeingAdmin =
          before.role === 'admin' &&
          !before.disabled &&
          (change.disabled || (change.role ?? 'admin') !== 'admin');
        if (stopsBeingAdmin && (await otherEnabledAdmins(db, username)) === 0) {
          throw new ProblemError(
            409,
            'LAST_ADMIN',
            'The last admin must stay',
            `${username} is the only enabled admin: make someone else admin first.`,
          );
        }
        if (change.resetPassword && before.source !== 'local') {
          throw new ProblemError(
            409,
            'CONFLICT',
            'No password here',
            `${username} signs in through ${before.source === 'oidc' ? 'OpenID Connect' : 'the SSO proxy'}, not with a password.`,
          );
        }
        const password = change.resetPassword ? temporaryPassword() : undefined;
        await auditAhead(c);
        const after = await updateUser(db, username, { ...change, temporaryPassword: password });
        if (!after) throw new ProblemError(404, 'NOT_FOUND', 'Not found', `There is no user ${username}.`);
        // Disabled or given a new password: their sessions end. A new role: their sessions carry it at
        // once here, and within the session-check interval on other replicas.
        if (after.disabled || password) await sessions.endAllOf(username);
        else sessions.forget(username);
        c.var.audit.after = { ...auditView(after), ...(password ? { passwordReset: true } : {}) };
        return c.json(
          { ...after, ...(password ? { temporaryPassword: password } : {}) } satisfies UpdateUserResponse,
          200,
        );
      });
    });
