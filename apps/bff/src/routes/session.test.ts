import { Problem, SessionInfo } from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TEST_PASSWORD } from '../../test/harness.ts';
import { MAX_FAILED_SIGN_INS } from '../auth/rate-limit.ts';
import { MAX_BODY_BYTES } from '../http/security.ts';

describe('sessions, roles and request hygiene', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('signs in with an HttpOnly SameSite=Strict cookie, says who I am, signs out', async () => {
    const signIn = await harness.anonymous.request('POST', '/api/session', {
      username: 'operator',
      password: TEST_PASSWORD,
    });
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.get('Set-Cookie') ?? '';
    expect(setCookie).toMatch(/^gc_session=[\w-]{40,};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure');
    const cookie = setCookie.split(';')[0]!;

    const me = await harness.app.request('/api/session', { headers: { Cookie: cookie } });
    expect(SessionInfo.parse(await me.json())).toEqual({ username: 'operator', role: 'operator' });

    const signOut = await harness.app.request('/api/session', {
      method: 'DELETE',
      headers: { Cookie: cookie, 'X-Requested-With': 'gateway-console' },
    });
    expect(signOut.status).toBe(204);
    const after = await harness.app.request('/api/session', { headers: { Cookie: cookie } });
    expect(after.status).toBe(401);
  });

  it('over HTTPS the cookie is Secure with the __Host- prefix and HSTS is sent', async () => {
    const response = await harness.app.request('https://console.example/api/session', {
      method: 'POST',
      headers: { 'X-Requested-With': 'gateway-console', 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'viewer', password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Set-Cookie')).toMatch(/^__Host-gc_session=.*Secure/);
    expect(response.headers.get('Strict-Transport-Security')).toContain('max-age=');
    const plain = await harness.app.request('/api/health');
    expect(plain.headers.get('Strict-Transport-Security')).toBeNull();
  });

  it('wrong passwords get 401 and, repeated, 429 with Retry-After', async () => {
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS; attempt++) {
      const response = await harness.anonymous.request('POST', '/api/session', {
        username: 'admin',
        password: 'guess',
      });
      expect(response.status).toBe(401);
    }
    const limited = await harness.anonymous.request('POST', '/api/session', {
      username: 'admin',
      password: TEST_PASSWORD,
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(Problem.parse(await limited.json()).code).toBe('RATE_LIMITED');
  });

  it('reads need a session: 401 problem+json', async () => {
    const response = await harness.anonymous.get('/api/apis');
    expect(response.status).toBe(401);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(Problem.parse(await response.json()).code).toBe('UNAUTHENTICATED');
    expect((await harness.anonymous.get('/api/audit')).status).toBe(401);
  });

  it('refuses changes without the CSRF header or from a foreign origin', async () => {
    const operator = await harness.as('operator');
    const noHeader = await operator.request('DELETE', '/api/session', undefined, { 'X-Requested-With': '' });
    expect(noHeader.status).toBe(403);
    expect(Problem.parse(await noHeader.json()).code).toBe('CSRF_REJECTED');
    const foreign = await operator.request('DELETE', '/api/session', undefined, {
      Origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    const crossSite = await operator.request('DELETE', '/api/session', undefined, {
      'Sec-Fetch-Site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await operator.request('DELETE', '/api/session', undefined, {
      Origin: 'http://localhost',
      'Sec-Fetch-Site': 'same-origin',
    });
    expect(sameOrigin.status).toBe(204);
  });

  it('accepts only JSON bodies, and small ones', async () => {
    const form = await harness.app.request('/api/session', {
      method: 'POST',
      headers: { 'X-Requested-With': 'gateway-console', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=admin&password=x',
    });
    expect(form.status).toBe(415);
    const huge = await harness.anonymous.request('POST', '/api/session', {
      username: 'admin',
      password: 'x'.repeat(MAX_BODY_BYTES),
    });
    expect(huge.status).toBe(413);
    expect(Problem.parse(await huge.json()).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('sends a strict CSP and the other security headers', async () => {
    const response = await harness.app.request('/api/health');
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
  });

  it('is ready when AWS answers and the database is migrated', async () => {
    const response = await harness.app.request('/api/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      aws: true,
      database: true,
      awsBudget: { callsPerSecond: 5, replicas: 1 },
    });
  });

  it('trusts an SSO proxy identity header only with the proxy secret', async () => {
    const proxied = await startHarness({
      trustedProxy: { userHeader: 'X-Forwarded-User', secret: 's3cret' },
    });
    try {
      const trusted = await proxied.app.request('/api/session', {
        headers: { 'X-Forwarded-User': 'operator', 'X-Console-Proxy-Secret': 's3cret' },
      });
      expect(await trusted.json()).toEqual({ username: 'operator', role: 'operator' });
      const stranger = await proxied.app.request('/api/session', {
        headers: { 'X-Forwarded-User': 'new.person', 'X-Console-Proxy-Secret': 's3cret' },
      });
      expect(await stranger.json()).toEqual({ username: 'new.person', role: 'viewer' });
      const forged = await proxied.app.request('/api/session', {
        headers: { 'X-Forwarded-User': 'admin', 'X-Console-Proxy-Secret': 'guess' },
      });
      expect(forged.status).toBe(401);
    } finally {
      await proxied.close();
    }
  });
});
