import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the BFF made to AWS, named as AWS names its operations. */
export interface AwsCall {
  service: 'apigateway' | 'cloudwatch' | 'other';
  operation: string;
  method: string;
  path: string;
  /** When it reached the recorder (ms since the epoch): retries and their spacing show in these. */
  at: number;
}

// restJson1 routes of the API Gateway operations the console uses: the recorder names each call.
const apiGatewayOperations: [method: string, path: RegExp, operation: string][] = [
  ['GET', /^\/restapis$/, 'GetRestApis'],
  ['GET', /^\/restapis\/[^/]+$/, 'GetRestApi'],
  ['GET', /^\/restapis\/[^/]+\/resources$/, 'GetResources'],
  ['GET', /^\/restapis\/[^/]+\/authorizers$/, 'GetAuthorizers'],
  ['GET', /^\/restapis\/[^/]+\/stages$/, 'GetStages'],
  ['POST', /^\/restapis\/[^/]+\/stages$/, 'CreateStage'],
  ['GET', /^\/restapis\/[^/]+\/stages\/[^/]+$/, 'GetStage'],
  ['PATCH', /^\/restapis\/[^/]+\/stages\/[^/]+$/, 'UpdateStage'],
  ['DELETE', /^\/restapis\/[^/]+\/stages\/[^/]+$/, 'DeleteStage'],
  ['DELETE', /^\/restapis\/[^/]+\/stages\/[^/]+\/cache\/data$/, 'FlushStageCache'],
  ['GET', /^\/restapis\/[^/]+\/deployments$/, 'GetDeployments'],
  ['POST', /^\/restapis\/[^/]+\/deployments$/, 'CreateDeployment'],
  ['GET', /^\/restapis\/[^/]+\/deployments\/[^/]+$/, 'GetDeployment'],
];

function nameCall(req: IncomingMessage): AwsCall {
  const method = req.method ?? 'GET';
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const at = Date.now();
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith('GraniteServiceVersion20100801.')) {
    return { service: 'cloudwatch', operation: target.split('.')[1] ?? '', method, path, at };
  }
  if (path.startsWith('/restapis') || path.startsWith('/apikeys') || path.startsWith('/tags')) {
    const known = apiGatewayOperations.find(([m, p]) => m === method && p.test(path));
    return { service: 'apigateway', operation: known?.[2] ?? `${method} ${path}`, method, path, at };
  }
  return { service: 'other', operation: `${method} ${path}`, method, path, at };
}

/**
 * A transparent HTTP hop between the BFF and the emulator that records every AWS call, so a test can
 * prove what reached AWS (nothing, for invalid input; one GetMetricData per cache period, under load).
 * It can also cut a service off — the connection is reset, as when a network path to AWS dies.
 */
export class AwsRecorder {
  readonly calls: AwsCall[] = [];
  private cutOff = new Set<AwsCall['service']>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Starts recording in front of `target` (the emulator's URL) on a free loopback port. */
  static async start(target: string): Promise<AwsRecorder> {
    const upstream = new URL(target);
    let recorder: AwsRecorder | undefined;
    const server = createServer((req, res) => {
      const call = nameCall(req);
      recorder?.calls.push(call);
      if (recorder?.cutOff.has(call.service)) {
        req.socket.destroy();
        return;
      }
      const out = forward(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      // The emulator is gone: drop the BFF's connection too, so it sees what it would see without us.
      out.on('error', () => req.socket.destroy());
      req.pipe(out);
    });
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    recorder = new AwsRecorder(server, `http://127.0.0.1:${port}`);
    return recorder;
  }

  /** Calls of one service (and operation) recorded so far. */
  count(service: AwsCall['service'], operation?: string): number {
    return this.calls.filter((c) => c.service === service && (!operation || c.operation === operation))
      .length;
  }

  /** Every call to AWS (API Gateway and CloudWatch) so far. */
  get total(): number {
    return this.calls.filter((c) => c.service !== 'other').length;
  }

  /** Resets connections to this service until {@link restore}. */
  cut(service: AwsCall['service']): void {
    this.cutOff.add(service);
  }

  restore(service: AwsCall['service']): void {
    this.cutOff.delete(service);
  }

  /** Stops listening: the BFF's connections are refused, as when AWS's endpoint is down. */
  pause(): Promise<void> {
    return this.close();
  }

  /** Listens again on the same port. */
  resume(): Promise<void> {
    const { port } = new URL(this.url);
    return new Promise((resolve) => this.server.listen(Number(port), '127.0.0.1', resolve));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
