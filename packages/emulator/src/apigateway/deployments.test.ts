import {
  BadRequestException,
  CreateDeploymentCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  NotFoundException,
  type PatchOperation,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlPlaneUnderTest, controlPlaneUnderTest, createDeployableApi } from './sdk-harness.ts';

describe('deployments and canaries through the AWS SDK', () => {
  let cp: ControlPlaneUnderTest;
  let restApiId: string;

  beforeAll(async () => {
    cp = await controlPlaneUnderTest();
    ({ restApiId } = await createDeployableApi(cp.client, 'deployments-test'));
  });
  afterAll(() => cp.close());

  const getStage = (stageName: string) => cp.client.send(new GetStageCommand({ restApiId, stageName }));
  const updateStage = (stageName: string, patchOperations: PatchOperation[]) =>
    cp.client.send(new UpdateStageCommand({ restApiId, stageName, patchOperations }));
  const deploy = (input: Omit<ConstructorParameters<typeof CreateDeploymentCommand>[0], 'restApiId'>) =>
    cp.client.send(new CreateDeploymentCommand({ restApiId, ...input }));

  it('creates a deployment (201) that also creates the named stage', async () => {
    const deployment = await deploy({
      description: 'first',
      stageName: 'prod',
      stageDescription: 'production',
      variables: { version: 'v1' },
    });
    expect(deployment.$metadata.httpStatusCode).toBe(201);
    expect(deployment.id).toMatch(/^[a-z0-9]+$/);
    expect(deployment.createdDate).toBeInstanceOf(Date);
    expect(await getStage('prod')).toMatchObject({
      deploymentId: deployment.id,
      description: 'production',
      variables: { version: 'v1' },
    });
  });

  it('reads a deployment with embed=apisummary listing its methods', async () => {
    const { id } = await deploy({ description: 'summarised' });
    const plain = await cp.client.send(new GetDeploymentCommand({ restApiId, deploymentId: id }));
    expect(plain).toMatchObject({ id, description: 'summarised' });
    expect(plain.apiSummary).toBeUndefined();
    const summarised = await cp.client.send(
      new GetDeploymentCommand({ restApiId, deploymentId: id, embed: ['apisummary'] }),
    );
    expect(summarised.apiSummary?.['/']?.GET).toMatchObject({ authorizationType: 'NONE' });
    await expect(
      cp.client.send(new GetDeploymentCommand({ restApiId, deploymentId: 'nosuchdep' })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('pages deployments with limit and position across 3 pages', async () => {
    const { restApiId: pagedApi } = await createDeployableApi(cp.client, 'paging-test');
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push(
        (await cp.client.send(new CreateDeploymentCommand({ restApiId: pagedApi, description: `d${i}` })))
          .id!,
      );
    }
    const seen: string[] = [];
    let position: string | undefined;
    let pages = 0;
    do {
      const result = await cp.client.send(
        new GetDeploymentsCommand({ restApiId: pagedApi, limit: 2, position }),
      );
      pages += 1;
      expect(result.items?.length).toBeLessThanOrEqual(2);
      seen.push(...(result.items ?? []).map((d) => d.id!));
      position = result.position;
    } while (position && pages < 10);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual([...created].sort());
  });

  it('refuses a canary deployment without a stage or on a stage that does not exist', async () => {
    await expect(deploy({ canarySettings: { percentTraffic: 10 } })).rejects.toBeInstanceOf(
      BadRequestException,
    );
    await expect(
      deploy({ stageName: 'ghost', canarySettings: { percentTraffic: 10 } }),
    ).rejects.toBeInstanceOf(BadRequestException);
    await expect(getStage('ghost')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('runs the full canary life cycle: create, adjust, promote, remove', async () => {
    const base = await deploy({ description: 'base', stageName: 'live', variables: { version: 'v1' } });

    // Create: a deployment with canarySettings on an existing stage becomes the canary.
    const canary = await deploy({
      description: 'candidate',
      stageName: 'live',
      canarySettings: { percentTraffic: 10, stageVariableOverrides: { version: 'v2' }, useStageCache: false },
    });
    let stage = await getStage('live');
    expect(stage.deploymentId).toBe(base.id);
    expect(stage.canarySettings).toEqual({
      deploymentId: canary.id,
      percentTraffic: 10,
      stageVariableOverrides: { version: 'v2' },
      useStageCache: false,
    });

    // A stage with a canary cannot be moved to a deployment that is not its canary.
    const other = await deploy({ description: 'unrelated' });
    await expect(
      updateStage('live', [{ op: 'replace', path: '/deploymentId', value: other.id }]),
    ).rejects.toBeInstanceOf(BadRequestException);
    await expect(
      updateStage('live', [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '100.5' }]),
    ).rejects.toBeInstanceOf(BadRequestException);

    // Adjust.
    await updateStage('live', [
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '42.5' },
      { op: 'replace', path: '/canarySettings/useStageCache', value: 'true' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/feature', value: 'on' },
    ]);
    stage = await getStage('live');
    expect(stage.canarySettings).toEqual({
      deploymentId: canary.id,
      percentTraffic: 42.5,
      stageVariableOverrides: { version: 'v2', feature: 'on' },
      useStageCache: true,
    });
    expect(stage.deploymentId).toBe(base.id);

    // The canary's deployment cannot be deleted while the canary uses it.
    await expect(
      cp.client.send(new DeleteDeploymentCommand({ restApiId, deploymentId: canary.id })),
    ).rejects.toBeInstanceOf(BadRequestException);

    // Promote: the three operations the console sends.
    await updateStage('live', [
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
    ]);
    stage = await getStage('live');
    expect(stage.deploymentId).toBe(canary.id);
    expect(stage.variables).toEqual({ version: 'v2', feature: 'on' });
    expect(stage.canarySettings).toMatchObject({ deploymentId: canary.id, percentTraffic: 0 });

    // Remove.
    const removed = await updateStage('live', [{ op: 'remove', path: '/canarySettings' }]);
    expect(removed.canarySettings).toBeUndefined();
    stage = await getStage('live');
    expect(stage.canarySettings).toBeUndefined();
    expect(stage.deploymentId).toBe(canary.id);

    // Without a canary the stage may move anywhere again, e.g. roll back.
    const rolledBack = await updateStage('live', [{ op: 'replace', path: '/deploymentId', value: base.id }]);
    expect(rolledBack.deploymentId).toBe(base.id);
  });

  it('creates a canary on a stage by UpdateStage alone', async () => {
    const { id } = await deploy({ stageName: 'beta' });
    const next = await deploy({ description: 'next' });
    const stage = await updateStage('beta', [
      { op: 'replace', path: '/canarySettings/deploymentId', value: next.id },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '5' },
    ]);
    expect(stage.deploymentId).toBe(id);
    expect(stage.canarySettings).toMatchObject({
      deploymentId: next.id,
      percentTraffic: 5,
      useStageCache: false,
    });
  });

  it('deletes a deployment (202) only once no stage uses it', async () => {
    const { id } = await deploy({ description: 'short-lived' });
    await cp.client.send(new CreateStageCommand({ restApiId, stageName: 'scratch', deploymentId: id }));
    await expect(
      cp.client.send(new DeleteDeploymentCommand({ restApiId, deploymentId: id })),
    ).rejects.toBeInstanceOf(BadRequestException);
    await cp.client.send(new DeleteStageCommand({ restApiId, stageName: 'scratch' }));
    const deleted = await cp.client.send(new DeleteDeploymentCommand({ restApiId, deploymentId: id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    await expect(
      cp.client.send(new GetDeploymentCommand({ restApiId, deploymentId: id })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });
});
