import { Problem } from '@gateway-console/contract';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema.ts';
import { accountStages } from '../account-stages.ts';
import { type RunningConsole, startConsole } from './harness.ts';
import {
  hostileJson,
  hostileString,
  invalidId,
  invalidStageName,
  malformedJsonText,
  wrongContentType,
} from './hostile.ts';
import { percentEncode, type RawRequest, type RawResponse, streamOf } from './raw-http.ts';
import { families, type Route, routes, type Target } from './routes.ts';
import { emptyTally } from './summary.ts';
import { recordTally } from './tally.ts';

const CASES_PER_FAMILY = 200;

/** One generated request and what the BFF owes us for it. */
interface Case {
  route: string;
  request: RawRequest;
  /** Invalid by construction: the BFF must refuse it with a 4xx and make no AWS call. */
  invalid: boolean;
}

let world: RunningConsole;
let target: Target;
let headers: Record<string, string>;
const tally = emptyTally();

beforeAll(async () => {
  // Validation is under test, not the call budget: with room to spare no read of a valid case waits its
  // turn in the background, so every AWS call counted during a case is that case's.
  world = await startConsole({ awsCallsPerSecond: 1_000 });
  const { apiId, stage, deploymentId } = (await accountStages(world.sdk, 'PetStore'))[0]!;
  target = { apiId, stage, deploymentId };
  // Signed in as admin: every refusal below is the validation's, not the role check's.
  const admin = await world.as('admin');
  headers = { 'X-Requested-With': 'gateway-console', Origin: world.url, Cookie: admin.cookie! };
});
afterAll(async () => {
  recordTally(tally);
  await world?.close();
});

const routeHasParams = (route: Route) =>
  route.path({ apiId: 'A', stage: 'S', deploymentId: 'D' }) !==
  route.path({ apiId: 'B', stage: 'T', deploymentId: 'E' });

// Dot segments are resolved by URL parsing before routing, so such a path names a different route.
const normalises = (path: string) => new URL(path, 'http://h').pathname !== path.split('?')[0];

function jsonRequest(route: Route, path: string, body: string, type = 'application/json'): RawRequest {
  return {
    method: route.method,
    path,
    headers: { ...headers, 'Content-Type': type, 'If-Match': '"resilience"' },
    body,
  };
}

/** Requests for one route that the contract rejects (or that are not JSON at all). */
function casesFor(route: Route): fc.Arbitrary<Case> {
  const label = `${route.method} ${route.path({ apiId: ':apiId', stage: ':stage', deploymentId: '' })}`;
  const kinds: fc.Arbitrary<Case>[] = [];
  const validBody = route.body ? JSON.stringify(route.body.valid(target)) : undefined;
  const plain = (path: string): RawRequest =>
    validBody === undefined
      ? { method: route.method, path, headers: { ...headers, 'If-Match': '"resilience"' } }
      : jsonRequest(route, path, validBody);

  if (routeHasParams(route)) {
    // A bad id or stage name, percent-encoded (stays one path segment) or raw (traversal attempts).
    const params = fc
      .record({
        apiId: fc.oneof(invalidId, fc.constant(target.apiId)),
        stage: fc.oneof(invalidStageName, fc.constant(target.stage)),
        encode: fc.boolean(),
      })
      // A route without a stage ignores the stage: the path must really differ from the valid one.
      .filter(
        (p) =>
          route.path({ apiId: p.apiId, stage: p.stage, deploymentId: target.deploymentId }) !==
          route.path({ apiId: target.apiId, stage: target.stage, deploymentId: target.deploymentId }),
      )
      .filter((p) => !/^\.{0,2}$/.test(p.apiId) && !/^\.{0,2}$/.test(p.stage));
    kinds.push(
      params.map(({ apiId, stage, encode }) => {
        const e = encode ? percentEncode : (s: string) => s;
        const path = route.path({ apiId: e(apiId), stage: e(stage), deploymentId: target.deploymentId });
        // A raw `?` or `#` ends the path early, which then names another (possibly valid) route.
        const cutShort = !encode && /[?#]/.test(apiId + stage);
        // A raw `%30` is decoded by the server into `0`, which may be a valid id: not invalid by itself.
        const decodesAway = !encode && /%[0-9a-f]{2}/i.test(apiId + stage);
        return {
          route: label,
          request: plain(path),
          invalid: encode || (!normalises(path) && !cutShort && !decodesAway),
        };
      }),
    );
  }
  if (route.body) {
    const schema = route.body.schema;
    const valid = route.body.valid(target);
    const keys = Object.keys(valid);
    const rejected = (value: unknown) =>
      !schema.safeParse(JSON.parse(JSON.stringify(value) ?? 'null')).success;
    const bodies = fc
      .oneof(
        hostileJson,
        fc.tuple(fc.constantFrom(...keys), hostileJson).map(([k, v]) => ({ ...valid, [k]: v })),
        fc.tuple(hostileString, hostileJson).map(([k, v]) => ({ ...valid, [k]: v })),
      )
      .filter((b) => JSON.stringify(b) !== undefined && rejected(b));
    kinds.push(
      bodies.map((b) => ({
        route: label,
        request: jsonRequest(route, route.path(target), JSON.stringify(b)),
        invalid: true,
      })),
    );
    kinds.push(
      malformedJsonText.map((text) => ({
        route: label,
        request: jsonRequest(route, route.path(target), text),
        invalid: true,
      })),
    );
  }
  if (route.method !== 'GET') {
    kinds.push(
      wrongContentType.map((type) => ({
        route: label,
        request: jsonRequest(route, route.path(target), validBody ?? '{}', type),
        invalid: true,
      })),
    );
  } else {
    // Hostile query strings: invalid when the route's contract schema rejects them.
    kinds.push(
      fc
        .dictionary(
          hostileString.filter((k) => k !== ''),
          hostileString,
          { minKeys: 1, maxKeys: 4 },
        )
        .map((query) => {
          // The hostile values replace the route's own (overview's `ids`), so the BFF and the verdict
          // below read the same one value per name.
          const [path, own = ''] = route.path(target).split('?');
          const params = new URLSearchParams(own);
          for (const [name, value] of Object.entries(query)) params.set(name, value);
          const parsed = route.query?.safeParse(Object.fromEntries(params));
          return {
            route: label,
            request: { method: 'GET', path: `${path}?${params}`, headers },
            invalid: parsed !== undefined && !parsed.success,
          };
        }),
    );
  }
  return fc.oneof(...kinds);
}

/** JSON text of a string with every non-ASCII unit escaped, so lone surrogates survive as `\\uD800`. */
const escapedJson = (s: string) =>
  `"${Array.from({ length: s.length }, (_, i) => {
    const unit = s.charCodeAt(i);
    return unit < 0x20 || unit > 0x7e || unit === 0x22 || unit === 0x5c
      ? `\\u${unit.toString(16).padStart(4, '0')}`
      : s[i];
  }).join('')}"`;

/** Checks the BFF's answer: never 5xx; errors as problem+json with no internals; invalid input refused before AWS. */
function judge(c: Case, response: RawResponse, awsCalls: number): void {
  tally.casesTried += 1;
  if (response.status >= 500) tally.serverErrors += 1;
  const where = `${c.request.method} ${c.request.path.slice(0, 200)} → ${response.status} ${response.text.slice(0, 300)}`;
  expect(response.status, where).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers['content-type'], where).toBe('application/problem+json');
    const problem = Problem.parse(JSON.parse(response.text));
    expect(problem.status, where).toBe(response.status);
    expect(problem.requestId, where).toBe(response.headers['x-request-id']);
    expect(response.text, where).not.toMatch(/node_modules|\n\s+at |\$metadata|x-amzn/i);
  }
  if (c.invalid) {
    expect(response.status, where).toBeGreaterThanOrEqual(400);
    expect(awsCalls, `${where}: invalid input reached AWS`).toBe(0);
  }
}

async function attempt(c: Case): Promise<void> {
  const before = world.aws.total;
  const response = await world.send(c.request);
  judge(c, response, world.aws.total - before);
}

describe('bad input never gets past validation, never crashes the BFF', () => {
  for (const family of families) {
    it(`${family}: ${CASES_PER_FAMILY} generated malformed requests → 4xx problem+json, no AWS call`, async () => {
      const familyRoutes = routes.filter((r) => r.family === family);
      await fc.assert(fc.asyncProperty(fc.oneof(...familyRoutes.map(casesFor)), attempt), {
        numRuns: CASES_PER_FAMILY,
      });
    }, 60_000);
  }

  it('oversized bodies are refused without the BFF buffering them', async () => {
    const mutating = routes.filter((r) => r.body);
    const rssBefore = process.memoryUsage().rss;
    for (const route of mutating) {
      for (let i = 0; i < 3; i++) {
        const before = world.aws.total;
        const response = await world.send({
          method: route.method,
          path: route.path(target),
          headers: { ...headers, 'Content-Type': 'application/json', 'If-Match': '"x"' },
          body: streamOf(32 * 1024 * 1024),
        });
        judge(
          { route: route.family, request: { method: route.method, path: route.path(target) }, invalid: true },
          response,
          world.aws.total - before,
        );
        expect(response.status).toBeGreaterThanOrEqual(400);
      }
    }
    // 18 bodies of 32 MB (576 MB) were offered; buffering them would show far above this.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(128 * 1024 * 1024);
  }, 60_000);

  it('huge and hostile headers are refused or ignored, never a crash', async () => {
    const get = (extra: Record<string, string>) =>
      world.send({ method: 'GET', path: '/api/apis', headers: { ...headers, ...extra } });
    // Node's parser refuses headers over its 16 KB limit before Hono sees them; still problem+json.
    const huge = await get({ 'X-Padding': 'a'.repeat(64 * 1024) });
    judge({ route: 'headers', request: { method: 'GET', path: '/api/apis' }, invalid: true }, huge, 0);
    expect(huge.status).toBe(431);
    const backslash = await world.send({ method: 'GET', path: '/api/apis\\..\\session', headers });
    judge({ route: 'path', request: { method: 'GET', path: '/api/apis\\' }, invalid: true }, backslash, 0);
    const hostileHeaders: Record<string, string>[] = [
      { Cookie: `gc_session=${'x'.repeat(8000)}` },
      { Cookie: 'gc_session=%%%; gc_session=; =;;;' },
      { 'If-Match': 'W/"\u00ff' },
      { 'X-Request-Id': '../../etc/passwd\u00ff' },
      { Origin: 'null' },
      { 'Content-Length': '-1' },
      { Host: 'evil.example' },
    ];
    for (const extra of hostileHeaders) {
      const response = await get(extra).catch((err: Error) => ({
        status: 400,
        text: err.message,
        headers: {},
      }));
      tally.casesTried += 1;
      if (response.status >= 500) tally.serverErrors += 1;
      expect(response.status, JSON.stringify(extra).slice(0, 80)).toBeLessThan(500);
    }
    expect(await get({}).then((r) => r.status)).not.toBe(0);
  });

  it('refused changes naming NUL or lone surrogates are still audited, one row each', async () => {
    // PostgreSQL's text and jsonb refuse U+0000 and unpaired surrogates: such a value must not cost the row.
    const odd = fc.constantFrom('\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\u0000\uDBFF');
    const encoded = (s: string) => encodeURIComponent(s.replaceAll(/[\uD800-\uDFFF]/g, '')) + '%00';
    // Anonymous refusals are recorded within a per-client budget (#16 item 3): each sign-in from an address
    // of its own, so every one of them is owed its row.
    let client = 0;
    const requests = fc.oneof(
      // Sign-in: the username becomes the row's actor, and the refusal's detail.
      fc.tuple(odd, odd).map(
        ([user, password]): RawRequest => ({
          localAddress: `127.0.2.${(client++ % 250) + 1}`,
          method: 'POST',
          path: '/api/session',
          headers: {
            'X-Requested-With': 'gateway-console',
            Origin: world.url,
            'Content-Type': 'application/json',
          },
          body: `{"username":${escapedJson(`op${user}`)},"password":${escapedJson(`pw${password}`)}}`,
        }),
      ),
      // Path parameters: the row's apiId, stage and target.
      fc.tuple(odd, odd).map(
        ([apiId, stage]): RawRequest => ({
          method: 'PATCH',
          path: `/api/apis/${encoded(apiId)}/stages/${encoded(stage)}`,
          headers: { ...headers, 'Content-Type': 'application/json', 'If-Match': '"x"' },
          body: '{"description":"odd"}',
        }),
      ),
      // A body the contract refuses: its detail may quote the value.
      odd.map(
        (value): RawRequest => ({
          method: 'PUT',
          path: `/api/apis/${target.apiId}/stages/${target.stage}/canary`,
          headers: { ...headers, 'Content-Type': 'application/json', 'If-Match': '"x"' },
          body: `{"percentTraffic":10,${escapedJson(value)}:${escapedJson(value)}}`,
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const before = world.aws.total;
        const response = await world.send(request);
        judge({ route: 'odd strings', request, invalid: true }, response, world.aws.total - before);
        const requestId = String(response.headers['x-request-id']);
        const rows = await world.storage.db
          .select()
          .from(auditEvents)
          .where(eq(auditEvents.requestId, requestId));
        expect(
          rows.map((r) => r.outcome),
          `${request.method} ${request.path}`,
        ).toEqual(['refused']);
      }),
      { numRuns: 60 },
    );
  });

  it('the process memory stays bounded over the whole barrage', async () => {
    const { rss } = process.memoryUsage();
    // Generous: the test runner, the emulator and PGlite share this process.
    expect(rss).toBeLessThan(1024 * 1024 * 1024);
    expect(tally.serverErrors).toBe(0);
  });
});
