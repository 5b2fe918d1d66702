import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  GetApiKeyCommand,
  GetDeploymentsCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStageCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeployableApi } from './apigateway/sdk-harness.ts';
import { startEmulator } from './server.ts';

const clientFor = (endpoint: string) =>
  new APIGatewayClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

describe('--state-file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-state-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps APIs, deployments, stages with canaries and API keys across a restart', async () => {
    const stateFile = join(dir, 'nested', 'state.json');
    const first = await startEmulator({ port: 0, seed: 'none', stateFile });
    const client = clientFor(first.url);
    const { restApiId } = await createDeployableApi(client, 'persisted');
    await client.send(
      new CreateDeploymentCommand({ restApiId, stageName: 'prod', variables: { version: 'v1' } }),
    );
    await client.send(
      new CreateDeploymentCommand({ restApiId, stageName: 'prod', canarySettings: { percentTraffic: 25 } }),
    );
    await client.send(
      new UpdateStageCommand({
        restApiId,
        stageName: 'prod',
        patchOperations: [{ op: 'replace', path: '/*/*/throttling/rateLimit', value: '75' }],
      }),
    );
    const key = await client.send(new CreateApiKeyCommand({ name: 'kept', enabled: true }));
    const before = await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    client.destroy();
    await first.close();

    const second = await startEmulator({ port: 0, seed: 'demo', demoTraffic: false, stateFile });
    const again = clientFor(second.url);
    try {
      const after = await again.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
      expect(after).toMatchObject({
        deploymentId: before.deploymentId,
        variables: { version: 'v1' },
        canarySettings: before.canarySettings,
        methodSettings: before.methodSettings,
      });
      expect((await again.send(new GetDeploymentsCommand({ restApiId }))).items).toHaveLength(2);
      const resources = await again.send(new GetResourcesCommand({ restApiId, embed: ['methods'] }));
      expect(resources.items?.[0]?.resourceMethods?.GET?.methodIntegration?.type).toBe('MOCK');
      expect((await again.send(new GetApiKeyCommand({ apiKey: key.id!, includeValue: true }))).value).toBe(
        key.value,
      );
      // The saved account replaces the demo seed rather than mixing with it.
      const apis = await again.send(new GetRestApisCommand({}));
      expect(apis.items?.map((a) => a.name)).toEqual(['persisted']);
    } finally {
      again.destroy();
      await second.close();
    }
  });
});
