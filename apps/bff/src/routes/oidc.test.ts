import type { AddressInfo } from 'node:net';
import { SessionInfo, SignInMethods, UserList } from '@gateway-console/contract';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, type Harness, startHarness } from '../../test/harness.ts';
import type { OidcSettings } from '../auth/oidc.ts';

// A real OpenID provider (oidc-provider, with its development login and consent pages) on a free port.
const CALLBACK = 'http://console.test/api/session/oidc/callback';
const people: Record<string, string[]> = { grace: ['platform-admins'], linus: ['sre'], ada: [] };

async function startProvider() {
  const provider = new Provider('http://127.0.0.1:0', {
    clients: [
      {
        client_id: 'gateway-console',
        client_secret: 'a test client secret',
        redirect_uris: [CALLBACK],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['preferred_username', 'groups'] },
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, preferred_username: sub, groups: people[sub] ?? [] }),
    }),
  });
  const server = provider.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The issuer is only known once listening: the provider reads it from the request's host.
  (provider as unknown as { issuer: string }).issuer = issuer;
  return { issuer, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A browser's walk through the provider: cookies kept, login and consent forms submitted. */
async function signInAtProvider(start: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!, value.join('='));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = start;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(CALLBACK)) return url;
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      headers: { Cookie: cookie(), ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
      body,
      redirect: 'manual',
    });
    remember(response);
    body = undefined;
    const location = response.headers.get('Location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected page from the provider: ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('the provider never sent the browser back');
}

/** The console session a response started. */
const sessionOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith('gc_session='))
    ?.split(';')[0];

describe('company sign-in with OpenID Connect (authorization code + PKCE)', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let harness: Harness;
  let settings: OidcSettings;
  beforeAll(async () => {
    provider = await startProvider();
    settings = {
      issuer: provider.issuer,
      clientId: 'gateway-console',
      clientSecret: 'a test client secret',
      redirectUrl: CALLBACK,
      groupsClaim: 'groups',
      adminGroups: ['platform-admins'],
      operatorGroups: ['sre'],
    };
    harness = await startHarness({ oidc: settings, passwordSignIn: false });
  });
  afterAll(async () => {
    await harness.close();
    await provider.close();
  });

  const signInAs = async (login: string) => {
    const start = await harness.app.request('/api/session/oidc');
    expect(start.status).toBe(302);
    const pending = start.headers.get('Set-Cookie')!.split(';')[0]!;
    const authorize = new URL(start.headers.get('Location')!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const back = await signInAtProvider(authorize.href, login);
    return harness.app.request(back, { headers: { Cookie: pending } });
  };

  it('people land with the role their groups map to, created on first sign-in with source oidc', async () => {
    for (const [login, role] of [
      ['grace', 'admin'],
      ['linus', 'operator'],
      ['ada', 'viewer'],
    ] as const) {
      const callback = await signInAs(login);
      expect(callback.status, await callback.clone().text()).toBe(302);
      expect(callback.headers.get('Location')).toBe('/');
      const session = callerOf(harness.app, sessionOf(callback));
      expect(SessionInfo.parse(await (await session.get('/api/session')).json())).toEqual({
        username: login,
        role,
      });
    }
    const grace = callerOf(harness.app, sessionOf(await signInAs('grace')));
    const users = UserList.parse(await (await grace.get('/api/users')).json());
    expect(users.items.find((u) => u.username === 'linus')).toMatchObject({
      source: 'oidc',
      role: 'operator',
    });
  });

  it('a callback without the browser that started it, or a disabled person, is refused', async () => {
    const start = await harness.app.request('/api/session/oidc');
    const back = await signInAtProvider(start.headers.get('Location')!, 'linus');
    expect((await harness.app.request(back)).status).toBe(401);

    const grace = callerOf(harness.app, sessionOf(await signInAs('grace')));
    expect((await grace.request('PATCH', '/api/users/ada', { disabled: true })).status).toBe(200);
    expect((await signInAs('ada')).status).toBe(401);
  });

  it('password sign-in can be switched off, and the sign-in page is told so', async () => {
    expect(SignInMethods.parse(await (await harness.anonymous.get('/api/session/methods')).json())).toEqual({
      password: false,
      oidc: true,
    });
    const response = await harness.anonymous.request('POST', '/api/session', {
      username: 'admin',
      password: 'correct horse battery staple',
    });
    expect(response.status).toBe(403);
  });
});
