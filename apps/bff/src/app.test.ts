import { type Role, roles } from '@gateway-console/contract';
import { routeList } from '@gateway-console/contract/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, openTestStorage, problemOf, sessionCookie } from '../test/harness.ts';
import { createApp } from './app.ts';
import { awsDeps } from './aws/clients.ts';
import type { Storage } from './db/database.ts';

let storage: Storage;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  storage = await openTestStorage();
  // Nothing here reaches AWS, and OpenID Connect discovery waits for the first sign-in.
  app = createApp({
    ...awsDeps({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
    storage,
    oidc: {
      issuer: 'http://127.0.0.1:9',
      clientId: 'gateway-console',
      clientSecret: 'unused',
      redirectUrl: 'http://console.test/api/session/oidc/callback',
      groupsClaim: 'groups',
      adminGroups: [],
      operatorGroups: [],
    },
  });
});
afterAll(() => storage.close());

/** A concrete path of a route: ids that look right, so only the role check can refuse. */
const concrete = (path: string) =>
  path.replaceAll(
    /:(\w+)/g,
    (_, name: string) =>
      ({ apiId: 'a1b2c3d4e5', stage: 'prod', id: '00000000-0000-4000-8000-000000000000' })[name] ?? 'nobody',
  );

describe('the Hono app serves exactly the route manifest', () => {
  it('every route it registers is in the manifest, and every route of the manifest is registered', () => {
    // Middleware registers as ALL; each handler of a route chain registers once more under the same key.
    const registered = new Set(
      app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`),
    );
    const declared = new Set(routeList.map((r) => `${r.method} ${r.path}`));
    expect(
      [...registered].filter((r) => !declared.has(r)),
      'served but not in the manifest',
    ).toEqual([]);
    expect(
      [...declared].filter((r) => !registered.has(r)),
      'in the manifest but not served',
    ).toEqual([]);
  });

  it('each route refuses callers below its least role: 401 to nobody, 403 to a lower role', async () => {
    const callers = {
      nobody: callerOf(app, undefined),
      ...Object.fromEntries(
        await Promise.all(
          roles.map(async (role) => [role, callerOf(app, await sessionCookie(storage, role))]),
        ),
      ),
    } as Record<Role | 'nobody', ReturnType<typeof callerOf>>;
    for (const route of routeList) {
      if (route.role === null) continue;
      const below = roles.slice(0, roles.indexOf(route.role));
      for (const who of ['nobody', ...below] as const) {
        const response = await callers[who].request(route.method, concrete(route.path));
        const where = `${route.id} (${route.method} ${route.path}) as ${who}`;
        expect(response.status, where).toBe(who === 'nobody' ? 401 : 403);
        expect((await problemOf(response, response.status)).code, where).toBe(
          who === 'nobody' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
        );
      }
    }
  });
});
