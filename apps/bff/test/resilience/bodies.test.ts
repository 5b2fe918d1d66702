import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { CSRF_HEADER, CSRF_HEADER_VALUE, Problem } from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_READ_TIMEOUT_MS } from '../../src/http/security.ts';
import { accountStages } from '../account-stages.ts';
import { type RunningConsole, type Session, startConsole } from './harness.ts';
import { type RawResponse, streamOf } from './raw-http.ts';
import { emptyTally } from './summary.ts';
import { recordTally } from './tally.ts';

let world: RunningConsole;
let operator: Session;
let stagePath: string;
const tally = emptyTally();

beforeAll(async () => {
  world = await startConsole();
  const { apiId, stage } = (await accountStages(world.sdk, 'PetStore'))[0]!;
  stagePath = `/api/apis/${apiId}/stages/${stage}`;
  operator = await world.as('operator');
});
afterAll(async () => {
  recordTally(tally);
  await world?.close();
});

const count = (response: { status: number }) => {
  tally.casesTried += 1;
  if (response.status >= 500) tally.serverErrors += 1;
};

/** Writes `raw` on a fresh connection and resolves with everything the server sent before closing. */
function rawExchange(raw: string): Promise<string> {
  const { hostname, port } = new URL(world.url);
  const socket = connect(Number(port), hostname);
  socket.write(raw);
  let answer = '';
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString();
  });
  return new Promise((resolve) => {
    socket.on('close', () => resolve(answer));
    socket.on('error', () => {});
  });
}

/** Sends the headers and the first bytes of a body that declares more; resolves with whatever comes back. */
async function slowBody(path: string, headers: Record<string, string>, declared: number, sent: string) {
  const { host } = new URL(world.url);
  const head = Object.entries({ ...headers, Host: host, 'Content-Length': declared })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const began = Date.now();
  const answer = await rawExchange(`PATCH ${path} HTTP/1.1\r\n${head}\r\n${sent}`);
  return { answer, ms: Date.now() - began };
}

describe('bodies (#16 items 6, 7)', () => {
  it('a slow body does not hold the stage lock, and is cut off within seconds', async () => {
    const etag = (await operator.request('GET', stagePath)).headers.etag as string;
    const slow = slowBody(
      stagePath,
      {
        Cookie: operator.cookie!,
        [CSRF_HEADER]: CSRF_HEADER_VALUE,
        Origin: world.url,
        'Content-Type': 'application/json',
        'If-Match': etag,
      },
      27,
      '{"des',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const began = Date.now();
    const change = await operator.request(
      'PATCH',
      stagePath,
      { description: 'not held up' },
      { 'If-Match': etag },
    );
    const waited = Date.now() - began;
    count(change);
    expect(change.status, change.text).toBe(200);
    // Without reading the body first this waited for the slow client (up to Node's request timeout).
    expect(waited).toBeLessThan(BODY_READ_TIMEOUT_MS / 2);

    const { answer, ms } = await slow;
    tally.casesTried += 1;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toMatch(/connection: close/i);
    expect(answer).toContain('"code":"REQUEST_TIMEOUT"');
    expect(ms).toBeLessThan(BODY_READ_TIMEOUT_MS + 3_000);
  }, 30_000);

  it('an early 413 closes the connection it leaves unread, so kept-alive clients do not fail next', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const { hostname, port } = new URL(world.url);
    const send = (method: string, path: string, body?: NodeJS.ReadableStream, length?: number) =>
      new Promise<RawResponse>((resolve, reject) => {
        const out = request(
          {
            agent,
            host: hostname,
            port,
            method,
            path,
            headers: {
              Cookie: operator.cookie!,
              [CSRF_HEADER]: CSRF_HEADER_VALUE,
              Origin: world.url,
              'Content-Type': 'application/json',
              ...(length === undefined ? {} : { 'Content-Length': String(length) }),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode!,
                headers: res.headers,
                text: Buffer.concat(chunks).toString(),
              }),
            );
          },
        );
        out.on('error', reject);
        if (body) {
          body.on('error', () => {});
          body.pipe(out);
        } else out.end();
      });
    try {
      for (let i = 0; i < 3; i++) {
        const size = 2 * 1024 * 1024;
        const tooLarge = await send('PATCH', stagePath, streamOf(size), size);
        count(tooLarge);
        expect(tooLarge.status).toBe(413);
        expect(Problem.parse(JSON.parse(tooLarge.text)).code).toBe('PAYLOAD_TOO_LARGE');
        expect(tooLarge.headers.connection).toBe('close');
        // The same agent's next request: a fresh connection, not the one the server is closing.
        const next = await send('GET', '/api/session');
        count(next);
        expect(next.status).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });

  it('two Host headers are refused with 400 problem+json (#16 item 14)', async () => {
    const answer = await rawExchange(
      `GET /api/session HTTP/1.1\r\nHost: ${new URL(world.url).host}\r\nHost: evil.example\r\n` +
        `Cookie: ${operator.cookie}\r\n\r\n`,
    );
    tally.casesTried += 1;
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
    expect(answer).toContain('Send exactly one Host header.');
  });
});
