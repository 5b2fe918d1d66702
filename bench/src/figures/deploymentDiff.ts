import { performance } from 'node:perf_hooks';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateStageCommand,
  GetDeploymentCommand,
  GetExportCommand,
  GetStageCommand,
  GetStagesCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { type RunningConsole, signIn } from '../console.ts';
import { type Figure, measured } from '../report.ts';
import { percentile } from '../stats.ts';

const METHODS = 200;
const PAIRS = 5;

/** An OpenAPI document of 100 resources × GET and POST, each an HTTP integration at `version`. */
function document(version: string): Uint8Array {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < METHODS / 2; i++) {
    const operation = (verb: string) => ({
      responses: { 200: { description: 'ok' } },
      'x-amazon-apigateway-integration': {
        type: 'http',
        httpMethod: verb,
        // One in ten methods moves to the new version: a realistic, partial change.
        uri: `https://backend.example/${i % 10 === 0 ? version : 'v1'}/items${i}`,
        timeoutInMillis: 5_000,
      },
    });
    paths[`/items${i}`] = { get: operation('GET'), post: operation('POST') };
  }
  const doc = { openapi: '3.0.1', info: { title: `Diff bench ${Date.now()}`, version: '1' }, paths };
  return new TextEncoder().encode(JSON.stringify(doc));
}

/**
 * The diff of two deployments of a 200-method API through the BFF (cold: nothing cached), against
 * the bare SDK calls it is made of (two GetDeployment with apisummary, GetStages, two GetExport, two
 * GetStage), for several deployment pairs.
 */
export async function deploymentDiff(app: RunningConsole): Promise<Figure[]> {
  const sdk = new APIGatewayClient({
    region: 'us-east-1',
    endpoint: app.emulatorUrl,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    const headers = await signIn(app, 'viewer');
    const api = await sdk.send(new ImportRestApiCommand({ body: document('v1') }));
    const restApiId = api.id!;
    const pairs: [string, string, string, string][] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      const ids: string[] = [];
      const stages: string[] = [];
      for (const side of ['a', 'b']) {
        await sdk.send(
          new PutRestApiCommand({ restApiId, mode: 'overwrite', body: document(`v${pair}${side}`) }),
        );
        const deployment = await sdk.send(new CreateDeploymentCommand({ restApiId }));
        const stageName = `s${pair}${side}`;
        await sdk.send(new CreateStageCommand({ restApiId, stageName, deploymentId: deployment.id! }));
        ids.push(deployment.id!);
        stages.push(stageName);
      }
      pairs.push([ids[0]!, ids[1]!, stages[0]!, stages[1]!]);
    }
    const bff: number[] = [];
    const bare: number[] = [];
    for (const [from, to, fromStage, toStage] of pairs) {
      let started = performance.now();
      const response = await fetch(
        `${app.url}/api/apis/${restApiId}/deployments/diff?from=${from}&to=${to}`,
        {
          headers,
        },
      );
      const diff = (await response.json()) as { changed: unknown[] };
      if (response.status !== 200 || diff.changed.length !== METHODS / 10) {
        throw new Error(`diff answered ${response.status}: ${JSON.stringify(diff).slice(0, 300)}`);
      }
      bff.push(performance.now() - started);

      started = performance.now();
      await Promise.all([
        sdk.send(new GetDeploymentCommand({ restApiId, deploymentId: from, embed: ['apisummary'] })),
        sdk.send(new GetDeploymentCommand({ restApiId, deploymentId: to, embed: ['apisummary'] })),
        sdk.send(new GetStagesCommand({ restApiId })),
      ]);
      await Promise.all(
        [fromStage, toStage].map((stageName) =>
          sdk.send(
            new GetExportCommand({
              restApiId,
              stageName,
              exportType: 'oas30',
              parameters: { extensions: 'apigateway' },
              accepts: 'application/json',
            }),
          ),
        ),
      );
      await Promise.all(
        [fromStage, toStage].map((stageName) => sdk.send(new GetStageCommand({ restApiId, stageName }))),
      );
      bare.push(performance.now() - started);
    }
    return [
      measured({
        figure: `diff of two deployments of a ${METHODS}-method API (cold, p50 of ${PAIRS})`,
        unit: 'ms',
        value: percentile(bff, 50),
        baseline: { label: 'the same AWS calls by the bare SDK', value: percentile(bare, 50) },
        target: { atMost: 1_000 },
      }),
    ];
  } finally {
    sdk.destroy();
  }
}
