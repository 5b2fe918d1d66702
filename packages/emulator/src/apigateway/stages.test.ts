import {
  BadRequestException,
  ConflictException,
  CreateDeploymentCommand,
  CreateStageCommand,
  DeleteStageCommand,
  FlushStageCacheCommand,
  GetStageCommand,
  GetStagesCommand,
  NotFoundException,
  type PatchOperation,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlPlaneUnderTest, controlPlaneUnderTest, createDeployableApi } from './sdk-harness.ts';

describe('stages through the AWS SDK', () => {
  let cp: ControlPlaneUnderTest;
  let restApiId: string;
  let v1: string;
  let v2: string;

  beforeAll(async () => {
    cp = await controlPlaneUnderTest();
    ({ restApiId } = await createDeployableApi(cp.client, 'stages-test'));
    v1 = (await cp.client.send(new CreateDeploymentCommand({ restApiId, description: 'v1' }))).id!;
    v2 = (await cp.client.send(new CreateDeploymentCommand({ restApiId, description: 'v2' }))).id!;
  });
  afterAll(() => cp.close());

  const update = (stageName: string, patchOperations: PatchOperation[]) =>
    cp.client.send(new UpdateStageCommand({ restApiId, stageName, patchOperations }));
  const getStage = (stageName: string) => cp.client.send(new GetStageCommand({ restApiId, stageName }));

  it('creates a stage (201), reads it back, lists it, and refuses a duplicate with ConflictException', async () => {
    const created = await cp.client.send(
      new CreateStageCommand({
        restApiId,
        stageName: 'dev',
        deploymentId: v1,
        description: 'development',
        variables: { version: 'v1' },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({ stageName: 'dev', deploymentId: v1, description: 'development' });
    expect(created.createdDate).toBeInstanceOf(Date);
    expect(Math.abs(created.createdDate!.getTime() - Date.now())).toBeLessThan(120_000);

    const read = await getStage('dev');
    expect(read).toMatchObject({ stageName: 'dev', deploymentId: v1, variables: { version: 'v1' } });
    expect(read.cacheClusterEnabled).toBe(false);

    const list = await cp.client.send(new GetStagesCommand({ restApiId }));
    expect(list.item?.map((s) => s.stageName)).toContain('dev');

    await expect(
      cp.client.send(new CreateStageCommand({ restApiId, stageName: 'dev', deploymentId: v2 })),
    ).rejects.toBeInstanceOf(ConflictException);
  });

  it('answers NotFoundException for an unknown stage or API', async () => {
    await expect(getStage('nope')).rejects.toBeInstanceOf(NotFoundException);
    await expect(
      cp.client.send(new GetStageCommand({ restApiId: 'unknown123', stageName: 'dev' })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('refuses a stage on an unknown deployment and an illegal stage name', async () => {
    await expect(
      cp.client.send(new CreateStageCommand({ restApiId, stageName: 'x', deploymentId: 'nosuchdep' })),
    ).rejects.toBeInstanceOf(BadRequestException);
    await expect(
      cp.client.send(new CreateStageCommand({ restApiId, stageName: 'bad name!', deploymentId: v1 })),
    ).rejects.toBeInstanceOf(BadRequestException);
  });

  it('updates description, deployment and variables', async () => {
    const updated = await update('dev', [
      { op: 'replace', path: '/description', value: 'dev, now on v2' },
      { op: 'replace', path: '/deploymentId', value: v2 },
      { op: 'replace', path: '/variables/version', value: 'v2' },
      { op: 'replace', path: '/variables/color', value: 'blue' },
    ]);
    expect(updated).toMatchObject({
      description: 'dev, now on v2',
      deploymentId: v2,
      variables: { version: 'v2', color: 'blue' },
    });
    await update('dev', [{ op: 'remove', path: '/variables/color' }]);
    expect((await getStage('dev')).variables).toEqual({ version: 'v2' });
  });

  it('sets stage-wide and per-method settings with */* and ~1-escaped paths', async () => {
    const updated = await update('dev', [
      { op: 'replace', path: '/*/*/caching/enabled', value: 'true' },
      { op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '600' },
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '50.5' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '20' },
      { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
      { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' },
      { op: 'replace', path: '/~1pets~1{petId}/GET/caching/ttlInSeconds', value: '0' },
      { op: 'replace', path: '/~1pets~1{petId}/GET/caching/dataEncrypted', value: 'true' },
    ]);
    expect(updated.methodSettings?.['*/*']).toMatchObject({
      cachingEnabled: true,
      cacheTtlInSeconds: 600,
      throttlingRateLimit: 50.5,
      throttlingBurstLimit: 20,
      metricsEnabled: true,
      loggingLevel: 'INFO',
    });
    const petGet = (await getStage('dev')).methodSettings?.['~1pets~1{petId}/GET'];
    expect(petGet).toMatchObject({ cacheTtlInSeconds: 0, cacheDataEncrypted: true });

    await update('dev', [{ op: 'remove', path: '/~1pets~1{petId}/GET' }]);
    expect((await getStage('dev')).methodSettings?.['~1pets~1{petId}/GET']).toBeUndefined();
  });

  it.each<[string, PatchOperation]>([
    ['a TTL above 3600', { op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '3601' }],
    ['a negative TTL', { op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '-1' }],
    ['a non-boolean flag', { op: 'replace', path: '/*/*/caching/enabled', value: 'yes' }],
    ['a non-numeric rate', { op: 'replace', path: '/*/*/throttling/rateLimit', value: 'fast' }],
    ['an unknown log level', { op: 'replace', path: '/*/*/logging/loglevel', value: 'DEBUG' }],
    ['an illegal cache size', { op: 'replace', path: '/cacheClusterSize', value: '2' }],
    ['an unknown deployment', { op: 'replace', path: '/deploymentId', value: 'nosuchdep' }],
    ['an unknown path', { op: 'replace', path: '/nonsense', value: 'x' }],
    ['an unknown setting', { op: 'replace', path: '/*/*/caching/colour', value: 'red' }],
    ['an unsupported op', { op: 'move', path: '/description', from: '/variables/version' }],
    [
      'an add on /canarySettings/deploymentId',
      { op: 'add', path: '/canarySettings/deploymentId', value: 'x' },
    ],
    ['removing a canary that does not exist', { op: 'remove', path: '/canarySettings' }],
    ['a variable name with a colon', { op: 'replace', path: '/variables/owner:app', value: 'x' }],
    ['a variable name of 65 characters', { op: 'replace', path: `/variables/${'n'.repeat(65)}`, value: 'x' }],
    ['a variable value with a space', { op: 'replace', path: '/variables/version', value: 'v 2' }],
    ['an empty variable value', { op: 'replace', path: '/variables/version', value: '' }],
    [
      'a variable value of 513 characters',
      { op: 'replace', path: '/variables/version', value: 'v'.repeat(513) },
    ],
  ])('refuses %s with BadRequestException and changes nothing', async (_, operation) => {
    const before = await getStage('dev');
    const error = await update('dev', [
      { op: 'replace', path: '/description', value: 'changed' },
      operation,
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).message.length).toBeGreaterThan(10);
    expect((await getStage('dev')).description).toBe(before.description);
  });

  it('enables a cache cluster of a legal size, flushes it, and resizes it', async () => {
    await expect(
      cp.client.send(new FlushStageCacheCommand({ restApiId, stageName: 'dev' })),
    ).rejects.toBeInstanceOf(BadRequestException);
    const enabling = await update('dev', [
      { op: 'replace', path: '/cacheClusterEnabled', value: 'true' },
      { op: 'replace', path: '/cacheClusterSize', value: '6.1' },
    ]);
    expect(enabling).toMatchObject({ cacheClusterEnabled: true, cacheClusterSize: '6.1' });
    expect(['CREATE_IN_PROGRESS', 'AVAILABLE']).toContain(enabling.cacheClusterStatus);
    await expect
      .poll(async () => (await getStage('dev')).cacheClusterStatus, { timeout: 10_000, interval: 200 })
      .toBe('AVAILABLE');

    const flushed = await cp.client.send(new FlushStageCacheCommand({ restApiId, stageName: 'dev' }));
    expect(flushed.$metadata.httpStatusCode).toBe(202);

    const disabling = await update('dev', [{ op: 'replace', path: '/cacheClusterEnabled', value: 'false' }]);
    expect(disabling.cacheClusterEnabled).toBe(false);
    await expect
      .poll(async () => (await getStage('dev')).cacheClusterStatus, { timeout: 10_000, interval: 200 })
      .toBe('NOT_AVAILABLE');
  });

  it('accepts every legal cache cluster size', async () => {
    for (const size of ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237']) {
      const stage = await update('dev', [{ op: 'replace', path: '/cacheClusterSize', value: size }]);
      expect(stage.cacheClusterSize).toBe(size);
    }
  });

  it('deletes a stage (202), after which it is gone', async () => {
    await cp.client.send(new CreateStageCommand({ restApiId, stageName: 'temp', deploymentId: v1 }));
    const deleted = await cp.client.send(new DeleteStageCommand({ restApiId, stageName: 'temp' }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    await expect(getStage('temp')).rejects.toBeInstanceOf(NotFoundException);
    await expect(
      cp.client.send(new DeleteStageCommand({ restApiId, stageName: 'temp' })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });
});
