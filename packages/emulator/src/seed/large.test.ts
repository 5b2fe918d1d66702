import {
  APIGatewayClient,
  GetStagesCommand,
  paginateGetDeployments,
  paginateGetResources,
  paginateGetRestApis,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkClientConfig } from '../apigateway/sdk-harness.ts';
import { type RunningEmulator, startEmulator } from '../server.ts';
import {
  LARGE_API_COUNT,
  LARGE_DEPLOYMENT_COUNT,
  LARGE_RESOURCE_COUNT,
  LARGE_STAGE_COUNT,
  MOST_DEPLOYED_API_NAME,
  WIDEST_API_NAME,
} from './large.ts';

const all = async <T>(pages: AsyncIterable<{ items?: T[] }>) => {
  const items: T[] = [];
  for await (const page of pages) items.push(...(page.items ?? []));
  return items;
};

describe('--seed large: an account at AWS default quotas, as the SDK sees it', () => {
  let emulator: RunningEmulator;
  let client: APIGatewayClient;
  let seedMs: number;

  beforeAll(async () => {
    const started = performance.now();
    emulator = await startEmulator({ port: 0, seed: 'large', demoTraffic: false });
    seedMs = performance.now() - started;
    client = new APIGatewayClient(sdkClientConfig(emulator.url));
  });
  afterAll(() => emulator.close());

  it('holds 600 APIs, one with 300 resources × 4 methods, one with 500 deployments, 3,000 stages and canaries', async () => {
    // Built in memory, not through 600 throttled CreateRestApi calls (which would take AWS half an hour).
    expect(seedMs).toBeLessThan(10_000);
    const apis = await all(paginateGetRestApis({ client, pageSize: 500 }, {}));
    expect(apis).toHaveLength(LARGE_API_COUNT);
    expect(apis.some((a) => (a.description ?? '').length > 10_000)).toBe(true);

    const wide = apis.find((a) => a.name === WIDEST_API_NAME)!;
    const resources = await all(
      paginateGetResources({ client, pageSize: 100 }, { restApiId: wide.id, embed: ['methods'] }),
    );
    expect(resources).toHaveLength(LARGE_RESOURCE_COUNT);
    const methods = resources.reduce((sum, r) => sum + Object.keys(r.resourceMethods ?? {}).length, 0);
    expect(methods).toBeGreaterThanOrEqual(4 * (LARGE_RESOURCE_COUNT - 4));

    const train = apis.find((a) => a.name === MOST_DEPLOYED_API_NAME)!;
    const deployments = await all(paginateGetDeployments({ client, pageSize: 500 }, { restApiId: train.id }));
    expect(deployments).toHaveLength(LARGE_DEPLOYMENT_COUNT);

    let stages = 0;
    let canaries = 0;
    for (const api of apis) {
      const item = (await client.send(new GetStagesCommand({ restApiId: api.id }))).item ?? [];
      expect(item.length).toBeLessThanOrEqual(10);
      stages += item.length;
      canaries += item.filter((s) => s.canarySettings).length;
    }
    expect(stages).toBe(LARGE_STAGE_COUNT);
    expect(canaries).toBeGreaterThanOrEqual(50);
  });
});
