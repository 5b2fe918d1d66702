import { request } from 'node:http';
import type { RunningConsole } from '../console.ts';
import { loadTest } from '../load.ts';
import { type Figure, measured } from '../report.ts';
import { percentile } from '../stats.ts';

const FLOOD_SECONDS = 30;
const FLOOD_CONNECTIONS = 200;
const SAMPLES = 20;
/** The real person signs in from an address of their own (Linux routes all of 127/8 to loopback). */
const PERSON_ADDRESS = '127.0.0.2';

/** One sign-in of the real viewer from their own address: ms until the answer, which must be 200. */
function realSignIn(app: RunningConsole): Promise<number> {
  const url = new URL('/api/session', app.url);
  const body = JSON.stringify({ username: 'viewer', password: app.password });
  const began = performance.now();
  return new Promise((resolve, reject) => {
    const out = request(
      url,
      {
        method: 'POST',
        localAddress: PERSON_ADDRESS,
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
          'X-Requested-With': 'gateway-console',
          Origin: app.url,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - began)
            : reject(new Error(`the real sign-in got ${res.statusCode} under the flood`)),
        );
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

async function samples(app: RunningConsole, count: number, spacingMs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    times.push(await realSignIn(app));
    await new Promise((resolve) => setTimeout(resolve, spacingMs));
  }
  return times;
}

/**
 * A real person's sign-in while 200 connections loop sign-ins with random usernames for 30 s (#16 item 2),
 * against an idle sign-in in the same run: password hashing is bounded and shared fairly, so the flood is
 * refused fast instead of queueing everyone behind it.
 */
export async function signInFlood(app: RunningConsole): Promise<Figure[]> {
  await realSignIn(app);
  const idle = await samples(app, SAMPLES, 50);
  const flood = loadTest(`${app.url}/api/session`, {
    seconds: FLOOD_SECONDS,
    connections: FLOOD_CONNECTIONS,
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'gateway-console' },
    post: JSON.stringify({ username: 'nobody-[<id>]', password: 'guess' }),
  });
  // Past the flood's ramp-up, spread over most of its 30 s.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const underFlood = await samples(app, SAMPLES, ((FLOOD_SECONDS - 6) * 1000) / SAMPLES);
  const attack = await flood;
  const idleP95 = percentile(idle, 95);
  const statuses = Object.entries(attack.statuses)
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ');
  return [
    measured({
      figure: 'Sign-in p95 under a sign-in flood',
      unit: 'ms',
      value: percentile(underFlood, 95),
      baseline: { label: 'idle sign-in p95', value: idleP95 },
      target: { atMost: 500 },
      note:
        `${SAMPLES} sign-ins from their own address during ${FLOOD_CONNECTIONS} autocannon connections ` +
        `looping random-username sign-ins for ${FLOOD_SECONDS} s (flood answers: ${statuses}; ` +
        `${attack.errors} socket errors)`,
    }),
  ];
}
