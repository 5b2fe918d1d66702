import {
  type AuditPage,
  Problem,
  SessionInfo,
  TemporaryPassword,
  UpdateUserResponse,
  UserList,
} from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Harness, startHarness, TEST_PASSWORD } from '../../test/harness.ts';
import { auditEvents } from '../db/schema.ts';

const problemOf = async (response: Response) => Problem.parse(await response.json());

describe('people: users, temporary passwords, roles, disabling', () => {
  let harness: Harness;
  let admin: Caller;
  let petStore: string;
  let payments: string;
  beforeAll(async () => {
    harness = await startHarness();
    admin = await harness.as('admin');
    const apis = (await (await admin.get('/api/apis')).json()) as { items: { id: string; name: string }[] };
    petStore = apis.items.find((api) => api.name === 'PetStore')!.id;
    payments = apis.items.find((api) => api.name === 'Payments')!.id;
  });
  afterAll(() => harness.close());

  const addUser = async (username: string, role = 'operator') => {
    const response = await admin.request('POST', '/api/users', { username, role });
    expect(response.status).toBe(201);
    return TemporaryPassword.parse(await response.json());
  };

  it('lists users to admins only', async () => {
    const list = UserList.parse(await (await admin.get('/api/users')).json());
    expect(list.items.map((u) => [u.username, u.role, u.source, u.disabled])).toEqual([
      ['admin', 'admin', 'local', false],
      ['operator', 'operator', 'local', false],
      ['viewer', 'viewer', 'local', false],
    ]);
    const operator = await harness.as('operator');
    expect((await problemOf(await operator.get('/api/users'))).code).toBe('FORBIDDEN');
    expect((await operator.request('POST', '/api/users', { username: 'x', role: 'admin' })).status).toBe(403);
    expect((await harness.anonymous.get('/api/users')).status).toBe(401);
  });

  it('refuses names with control or direction characters, too long, taken, or padded', async () => {
    for (const username of ['ad\u202Emin', 'a\u2066b', 'tab\there', 'x'.repeat(65), ' alice', '']) {
      const response = await admin.request('POST', '/api/users', { username, role: 'viewer' });
      expect((await problemOf(response)).code, JSON.stringify(username)).toBe('VALIDATION_FAILED');
    }
    const taken = await admin.request('POST', '/api/users', { username: 'operator', role: 'viewer' });
    expect(taken.status).toBe(409);
  });

  it('a new user signs in with the temporary password and must change it before anything else', async () => {
    const { temporaryPassword } = await addUser('alice');
    expect(temporaryPassword).toMatch(/^[\w-]{24}$/);
    const alice = await harness.signIn('alice', temporaryPassword);
    const otherDevice = await harness.signIn('alice', temporaryPassword);
    expect(SessionInfo.parse(await (await alice.get('/api/session')).json())).toEqual({
      username: 'alice',
      role: 'operator',
      mustChangePassword: true,
    });
    expect((await alice.get('/api/environment')).status).toBe(200);
    expect((await problemOf(await alice.get('/api/apis'))).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const flush = await alice.request('POST', `/api/apis/${petStore}/stages/prod/cache/flush`);
    expect(flush.status).toBe(403);
    expect((await problemOf(flush)).code).toBe('PASSWORD_CHANGE_REQUIRED');

    const change = (currentPassword: string, newPassword: string) =>
      alice.request('POST', '/api/session/password', { currentPassword, newPassword });
    expect((await problemOf(await change(temporaryPassword, 'short'))).code).toBe('VALIDATION_FAILED');
    expect((await change(temporaryPassword, 'aaaaaaaaaaaaaaaa')).status).toBe(400);
    expect((await change(temporaryPassword, temporaryPassword)).status).toBe(400);
    expect(
      (await problemOf(await change('not my password', 'a fine new passphrase'))).errors?.[0]?.path,
    ).toBe('currentPassword');
    expect((await change(temporaryPassword, 'a fine new passphrase')).status).toBe(204);

    expect(SessionInfo.parse(await (await alice.get('/api/session')).json())).toEqual({
      username: 'alice',
      role: 'operator',
    });
    expect((await alice.get('/api/apis')).status).toBe(200);
    // Her other session ended with the change; the temporary password no longer works.
    expect((await otherDevice.get('/api/session')).status).toBe(401);
    const old = await harness.anonymous.request('POST', '/api/session', {
      username: 'alice',
      password: temporaryPassword,
    });
    expect(old.status).toBe(401);
    await harness.signIn('alice', 'a fine new passphrase');
  });

  it('a new role applies to existing sessions; disabling ends them and refuses sign-in', async () => {
    const { temporaryPassword } = await addUser('bob', 'viewer');
    const bob = await harness.signIn('bob', temporaryPassword);
    await bob.request('POST', '/api/session/password', {
      currentPassword: temporaryPassword,
      newPassword: 'bob has a long password',
    });
    expect((await bob.request('POST', `/api/apis/${payments}/stages/staging/cache/flush`)).status).toBe(403);

    const promoted = await admin.request('PATCH', '/api/users/bob', { role: 'operator' });
    expect(UpdateUserResponse.parse(await promoted.json()).role).toBe('operator');
    expect(SessionInfo.parse(await (await bob.get('/api/session')).json()).role).toBe('operator');
    expect((await bob.request('POST', `/api/apis/${payments}/stages/staging/cache/flush`)).status).toBe(202);

    const disabled = await admin.request('PATCH', '/api/users/bob', { disabled: true });
    expect(UpdateUserResponse.parse(await disabled.json()).disabled).toBe(true);
    expect((await bob.get('/api/session')).status).toBe(401);
    const signIn = await harness.anonymous.request('POST', '/api/session', {
      username: 'bob',
      password: 'bob has a long password',
    });
    expect(signIn.status).toBe(401);

    await admin.request('PATCH', '/api/users/bob', { disabled: false });
    await harness.signIn('bob', 'bob has a long password');
  });

  it('reset gives a new temporary password that must be changed', async () => {
    const reset = await admin.request('PATCH', '/api/users/operator', { resetPassword: true });
    const { temporaryPassword, mustChangePassword } = UpdateUserResponse.parse(await reset.json());
    expect(mustChangePassword).toBe(true);
    const failed = await harness.anonymous.request('POST', '/api/session', {
      username: 'operator',
      password: TEST_PASSWORD,
    });
    expect(failed.status).toBe(401);
    const operator = await harness.signIn('operator', temporaryPassword!);
    expect((await problemOf(await operator.get('/api/apis'))).code).toBe('PASSWORD_CHANGE_REQUIRED');
    await operator.request('POST', '/api/session/password', {
      currentPassword: temporaryPassword,
      newPassword: TEST_PASSWORD,
    });
    expect((await operator.get('/api/apis')).status).toBe(200);
    expect((await admin.request('PATCH', '/api/users/nobody', { resetPassword: true })).status).toBe(404);
    expect((await admin.request('PATCH', '/api/users/operator', {})).status).toBe(400);
  });

  it('the last enabled admin can be neither demoted nor disabled', async () => {
    for (const change of [{ role: 'operator' }, { disabled: true }]) {
      const response = await admin.request('PATCH', '/api/users/admin', change);
      expect(response.status).toBe(409);
      expect((await problemOf(response)).code).toBe('LAST_ADMIN');
    }
    const { temporaryPassword } = await addUser('carol', 'admin');
    const demoted = await admin.request('PATCH', '/api/users/carol', { role: 'viewer' });
    expect(demoted.status).toBe(200);
    // carol is a viewer again: admin is alone once more.
    expect((await admin.request('PATCH', '/api/users/admin', { disabled: true })).status).toBe(409);
    expect(temporaryPassword).not.toBe('');
  });

  it('audits every change by name, never a password', async () => {
    const page = (await (await admin.get('/api/audit?limit=100')).json()) as AuditPage;
    const users = page.items.filter(
      (e) => e.action.startsWith('user.') || e.action === 'session.changePassword',
    );
    expect(users.find((e) => e.action === 'user.add' && e.target === 'users/alice')).toMatchObject({
      actor: 'admin',
      outcome: 'success',
      after: { role: 'operator', disabled: false, source: 'local' },
    });
    expect(
      users.find((e) => e.action === 'user.update' && e.target === 'users/bob' && e.outcome === 'success'),
    ).toMatchObject({ actor: 'admin' });
    expect(users.find((e) => e.action === 'session.changePassword' && e.actor === 'alice')?.outcome).toBe(
      'success',
    );
    expect(users.find((e) => e.target === 'users/admin' && e.outcome === 'refused')?.detail).toContain(
      'LAST_ADMIN',
    );
    const everything = JSON.stringify(await harness.storage.db.select().from(auditEvents));
    expect(everything).not.toContain('a fine new passphrase');
    expect(everything).not.toContain('bob has a long password');
  });
});
