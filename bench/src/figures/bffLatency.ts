import { performance } from 'node:perf_hooks';
import { APIGatewayClient, GetRestApisCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import { type RunningConsole, signIn } from '../console.ts';
import { type Figure, measured, notAvailable } from '../report.ts';
import { percentile } from '../stats.ts';

const warmup = 200;
const samples = 1_000;
const figureNames = ['BFF added latency p50, GET stage', 'BFF added latency p99, GET stage'] as const;

const emulatorSdk = (app: RunningConsole) =>
  new APIGatewayClient({
    region: 'us-east-1',
    endpoint: app.emulatorUrl,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

/** The demo's `Payments` API and its `prod` stage, the stage the BFF figures read. */
export async function demoStage(app: RunningConsole) {
  const sdk = emulatorSdk(app);
  try {
    const apis = await sdk.send(new GetRestApisCommand({}));
    const api = apis.items?.find((item) => item.name === 'Payments') ?? apis.items?.[0];
    if (!api?.id) throw new Error('the demo seed has no REST API');
    return { restApiId: api.id, stageName: 'prod' };
  } finally {
    sdk.destroy();
  }
}

/**
 * What the BFF adds to a stage read: `GET /api/apis/:id/stages/:stage` through the BFF vs the same
 * SDK GetStage call straight to the emulator, interleaved so both see the same machine load.
 */
export async function bffLatency(app: RunningConsole): Promise<Figure[]> {
  const sdk = emulatorSdk(app);
  try {
    const { restApiId, stageName } = await demoStage(app);
    // Past the BFF's short read cache: the figure is what the BFF adds to a GetStage it makes.
    const headers = { ...(await signIn(app, 'viewer')), 'Cache-Control': 'no-cache' };
    const url = `${app.url}/api/apis/${restApiId}/stages/${stageName}`;

    const probe = await fetch(url, { headers });
    const body = await probe.text();
    if (probe.status === 404 && body.includes('No route for'))
      return figureNames.map((name) =>
        notAvailable(
          name,
          'ms',
          name.includes('p50') ? { atMost: 1 } : { atMost: 5 },
          'BFF stage route not built yet',
        ),
      );
    if (probe.status !== 200) throw new Error(`${url} answered ${probe.status}: ${body}`);

    const throughBff = async () => {
      const started = performance.now();
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      return performance.now() - started;
    };
    const direct = async () => {
      const started = performance.now();
      const stage = await sdk.send(new GetStageCommand({ restApiId, stageName }));
      if (stage.stageName !== stageName) throw new Error('GetStage returned another stage');
      return performance.now() - started;
    };

    for (let i = 0; i < warmup; i++) {
      await throughBff();
      await direct();
    }
    const bff: number[] = [];
    const sdkOnly: number[] = [];
    for (let i = 0; i < samples; i++) {
      // Alternate which goes first so neither always runs on a freshly woken machine.
      if (i % 2 === 0) {
        bff.push(await throughBff());
        sdkOnly.push(await direct());
      } else {
        sdkOnly.push(await direct());
        bff.push(await throughBff());
      }
    }
    return [50, 99].map((p, index) => {
      const directMs = percentile(sdkOnly, p);
      return measured({
        figure: figureNames[index]!,
        unit: 'ms',
        value: percentile(bff, p) - directMs,
        baseline: { label: `direct SDK GetStage p${p}`, value: directMs },
        target: { atMost: p === 50 ? 1 : 5 },
        note: `${samples} interleaved pairs; BFF p${p} ${percentile(bff, p).toFixed(2)} ms`,
      });
    });
  } finally {
    sdk.destroy();
  }
}
