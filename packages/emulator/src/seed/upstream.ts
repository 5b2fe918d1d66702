import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Random } from '../dataplane/random.ts';

/** The demo backend, served by the emulator itself: `/_demo/upstream/{version}/{path…}`. */
export const DEMO_UPSTREAM_PREFIX = '/_demo/upstream/';

/** How a version of the demo backend behaves: PetStore's canary "v2" is slower and fails more. */
export interface UpstreamBehaviour {
  /** Fastest response. */
  baseLatencyMs: number;
  /** Spread above the base; skewed so most responses are near the base with a long tail. */
  latencySpreadMs: number;
  serverErrorRate: number;
  clientErrorRate: number;
}

export const UPSTREAM_VERSIONS: Record<string, UpstreamBehaviour> = {
  v1: { baseLatencyMs: 15, latencySpreadMs: 60, serverErrorRate: 0.004, clientErrorRate: 0.01 },
  v2: { baseLatencyMs: 70, latencySpreadMs: 260, serverErrorRate: 0.06, clientErrorRate: 0.03 },
  /** Inventory's healthy canary: a little faster than v1, and no worse. */
  v3: { baseLatencyMs: 12, latencySpreadMs: 50, serverErrorRate: 0.003, clientErrorRate: 0.006 },
};

/** One response of the demo backend: status and how long it takes. */
export function sampleUpstream(
  behaviour: UpstreamBehaviour,
  random: Random,
): { status: number; latencyMs: number } {
  const latencyMs = Math.round(behaviour.baseLatencyMs + behaviour.latencySpreadMs * random() ** 3);
  const draw = random();
  if (draw < behaviour.serverErrorRate) return { status: random() < 0.7 ? 500 : 503, latencyMs };
  if (draw < behaviour.serverErrorRate + behaviour.clientErrorRate) {
    return { status: random() < 0.6 ? 404 : 400, latencyMs };
  }
  return { status: 200, latencyMs };
}

/** Serves the demo backend with the latency and error rates of the version named in the path. */
export class DemoUpstream {
  private readonly pending = new Set<NodeJS.Timeout>();

  constructor(private readonly random: Random) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    const [version = '', ...rest] = (req.url ?? '')
      .slice(DEMO_UPSTREAM_PREFIX.length)
      .split('?')[0]!
      .split('/');
    const behaviour = UPSTREAM_VERSIONS[version];
    if (!behaviour) {
      reply(res, 404, { error: `unknown demo backend version "${version}"` });
      return;
    }
    const { status, latencyMs } = sampleUpstream(behaviour, this.random);
    const path = `/${rest.join('/')}`;
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      if (status >= 500) reply(res, status, { error: 'demo backend failure', version });
      else if (status >= 400)
        reply(res, status, { error: status === 404 ? 'not found' : 'bad request', version });
      else
        reply(res, 200, {
          demo: true,
          version,
          method: req.method,
          path,
          servedAt: new Date().toISOString(),
        });
    }, latencyMs);
    this.pending.add(timer);
  }

  close(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
