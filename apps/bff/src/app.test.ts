import { routeList } from '@gateway-console/contract/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStorage } from '../test/harness.ts';
import { createApp } from './app.ts';
import { awsDeps } from './aws/clients.ts';
import type { Storage } from './db/database.ts';

let storage: Storage;
beforeAll(async () => {
  storage = await openTestStorage();
});
afterAll(() => storage.close());

describe('the Hono app serves exactly the route manifest', () => {
  it('every route it registers is in the manifest, and every route of the manifest is registered', () => {
    // Nothing is called: AWS is never reached, OpenID Connect discovery waits for the first sign-in.
    const app = createApp({
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
});
