import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  type CreateDeploymentCommandInput,
  CreateResourceCommand,
  CreateStageCommand,
  GetStageCommand,
  type PatchOperation,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ControlPlaneUnderTest,
  controlPlaneUnderTest,
  createDeployableApi,
  failureOf,
} from '../apigateway/sdk-harness.ts';

/**
 * API Gateway conformance, stages and canaries: expected values recorded on real AWS in LocalStack's
 * snapshots tests/aws/services/apigateway/test_apigateway_canary.snapshot.json,
 * test_apigateway_common.snapshot.json and test_apigateway_api.snapshot.json (test named in each case).
 */

let cp: ControlPlaneUnderTest;
beforeAll(async () => {
  cp = await controlPlaneUnderTest();
});
afterAll(() => cp.close());

const badRequest = (message: string) => ({ name: 'BadRequestException', status: 400, message });
const cannotRemove = (setting: string) =>
  badRequest(`Cannot remove method setting ${setting} because there is no method setting for this method `);
/** AWS's list in "Invalid method setting path", verbatim from the recording. */
const VALID_PATHS =
  '/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled';
const invalidPath = (path: string) =>
  badRequest(`Invalid method setting path: ${path}. Must be one of: [${VALID_PATHS}]`);

function stageOps(client: APIGatewayClient, restApiId: string, stageName: string) {
  return {
    update: (patchOperations: PatchOperation[]) =>
      client.send(new UpdateStageCommand({ restApiId, stageName, patchOperations })),
    get: () => client.send(new GetStageCommand({ restApiId, stageName })),
    deploy: (input: Partial<CreateDeploymentCommandInput> = {}) =>
      client.send(new CreateDeploymentCommand({ restApiId, stageName, ...input })),
  };
}

describe('UpdateStage paths (test_create_update_stages, common)', () => {
  it('refuses paths AWS does not list, with its list; takes an unescaped resource path; invents no loggingLevel', async () => {
    const { restApiId, rootId } = await createDeployableApi(cp.client, 'conformance-stages');
    const test = await cp.client.send(
      new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: 'test' }),
    );
    await cp.client.send(
      new PutMethodCommand({ restApiId, resourceId: test.id!, httpMethod: 'GET', authorizationType: 'NONE' }),
    );
    await cp.client.send(
      new PutIntegrationCommand({ restApiId, resourceId: test.id!, httpMethod: 'GET', type: 'MOCK' }),
    );
    const { id: deploymentId } = await cp.client.send(new CreateDeploymentCommand({ restApiId }));
    const created = await cp.client.send(
      new CreateStageCommand({ restApiId, stageName: 's1', deploymentId, description: 'my stage' }),
    );
    expect(created).toMatchObject({
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      methodSettings: {},
      tracingEnabled: false,
    });
    expect(created.variables).toBeUndefined();
    const stage = stageOps(cp.client, restApiId, 's1');
    expect(
      await failureOf(stage.update([{ op: 'replace', path: '/documentation_version', value: '123' }])),
    ).toEqual(invalidPath('/documentation_version'));
    expect(await failureOf(stage.update([{ op: 'replace', path: '/tags/tag1', value: 'value1' }]))).toEqual(
      invalidPath('/tags/tag1'),
    );
    const updated = await stage.update([
      { op: 'replace', path: '/description', value: 'stage new' },
      { op: 'replace', path: '/variables/var1', value: 'test' },
      { op: 'replace', path: '/variables/var2', value: 'test2' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '123' },
      { op: 'replace', path: '/*/*/caching/enabled', value: 'true' },
      { op: 'replace', path: '/tracingEnabled', value: 'true' },
      { op: 'replace', path: '/test/GET/throttling/burstLimit', value: '124' },
    ]);
    const expected = {
      cacheDataEncrypted: false,
      cacheTtlInSeconds: 300,
      cachingEnabled: true,
      dataTraceEnabled: false,
      metricsEnabled: false,
      requireAuthorizationForCacheControl: true,
      throttlingBurstLimit: 123,
      throttlingRateLimit: 10000,
      unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
    };
    expect(updated.methodSettings).toEqual({
      '*/*': expected,
      'test/GET': { ...expected, throttlingBurstLimit: 124 },
    });
    expect(updated).toMatchObject({
      description: 'stage new',
      tracingEnabled: true,
      variables: { var1: 'test', var2: 'test2' },
    });
    expect((await stage.get()).methodSettings).toEqual(updated.methodSettings);
  });

  it('removing */* that is not there (test_update_stage_remove_wildcard)', async () => {
    const { restApiId } = await createDeployableApi(cp.client, 'conformance-wildcard');
    await cp.client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
    const stage = stageOps(cp.client, restApiId, 'dev');
    expect(await failureOf(stage.update([{ op: 'remove', path: '/*/*' }]))).toEqual(cannotRemove('*/*'));
    await stage.update([{ op: 'replace', path: '/*/*/metrics/enabled', value: 'true' }]);
    expect((await stage.update([{ op: 'remove', path: '/*/*' }])).methodSettings).toEqual({});
  });
});

describe('stage names', () => {
  it('refuses `$default` with AWS answer (quoted in klothoplatform/klotho#235); hyphens are fine (developer guide)', async () => {
    const { restApiId } = await createDeployableApi(cp.client, 'conformance-stage-names');
    const { id: deploymentId } = await cp.client.send(new CreateDeploymentCommand({ restApiId }));
    expect(
      await failureOf(
        cp.client.send(new CreateStageCommand({ restApiId, stageName: '$default', deploymentId })),
      ),
    ).toEqual(badRequest('Stage name only allows a-zA-Z0-9_'));
    const hyphen = await cp.client.send(
      new CreateStageCommand({ restApiId, stageName: 'v4-stg', deploymentId }),
    );
    expect(hyphen.stageName).toBe('v4-stg');
  });
});

describe('canary settings on a stage (test_apigateway_canary)', () => {
  it('CreateStage with a canary; a canary deployment replaces it; a missing canary deployment (test_create_canary_deployment)', async () => {
    const { restApiId } = await createDeployableApi(cp.client, 'conformance-canary');
    const { id: first } = await cp.client.send(new CreateDeploymentCommand({ restApiId }));
    const created = await cp.client.send(
      new CreateStageCommand({
        restApiId,
        stageName: 'dev1',
        deploymentId: first,
        description: 'dev stage',
        variables: { testVar: 'default' },
        canarySettings: {
          deploymentId: first,
          percentTraffic: 40,
          stageVariableOverrides: { testVar: 'canary1' },
        },
      }),
    );
    expect(created.canarySettings).toEqual({
      deploymentId: first,
      percentTraffic: 40,
      stageVariableOverrides: { testVar: 'canary1' },
      useStageCache: false,
    });
    const stage = stageOps(cp.client, restApiId, 'dev1');
    const { id: second } = await stage.deploy({
      canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: 'canary2' } },
    });
    const after = await stage.get();
    expect(after.deploymentId).toBe(first);
    expect(after.canarySettings).toEqual({
      deploymentId: second,
      percentTraffic: 50,
      stageVariableOverrides: { testVar: 'canary2' },
      useStageCache: false,
    });
    expect(
      await failureOf(
        cp.client.send(
          new CreateStageCommand({
            restApiId,
            stageName: 'dev3',
            deploymentId: first,
            canarySettings: { deploymentId: 'deploy' },
          }),
        ),
      ),
    ).toEqual(badRequest('Deployment id does not exist'));
  });

  it('canary deployments need an existing stage (test_create_canary_deployment_validation)', async () => {
    const { restApiId } = await createDeployableApi(cp.client, 'conformance-canary-validation');
    const canarySettings = { percentTraffic: 50 };
    const prefix = 'Invalid deployment content specified.';
    expect(
      await failureOf(cp.client.send(new CreateDeploymentCommand({ restApiId, canarySettings }))),
    ).toEqual(
      badRequest(
        `${prefix}Non null and non empty stageName must be provided for canary deployment. Provided value is null`,
      ),
    );
    expect(
      await failureOf(
        cp.client.send(new CreateDeploymentCommand({ restApiId, stageName: 'non-existing', canarySettings })),
      ),
    ).toEqual(
      badRequest(
        `${prefix}Stage non-existing must already be created before making a canary release deployment`,
      ),
    );
  });

  it('a plain deployment onto a stage with a canary is refused (AWS answer quoted in serverless/serverless#11518)', async () => {
    const { restApiId } = await createDeployableApi(cp.client, 'conformance-canary-plain');
    const stage = stageOps(cp.client, restApiId, 'v1');
    const { id: first } = await stage.deploy();
    await stage.deploy({ canarySettings: { percentTraffic: 10 } });
    expect(await failureOf(stage.deploy())).toEqual(
      badRequest(
        'Invalid deployment content specified.Non canary deployment not supported on stage v1 because Canary is enabled. Provide CanarySettings in deploymentInput.',
      ),
    );
    expect((await stage.get()).deploymentId).toBe(first);
    await stage.update([{ op: 'remove', path: '/canarySettings' }]);
    const { id: third } = await stage.deploy();
    expect((await stage.get()).deploymentId).toBe(third);
  });

  it('what UpdateStage refuses on /canarySettings (test_update_stage_canary_deployment_validation)', async () => {
    const { restApiId } = await createDeployableApi(cp.client, 'conformance-canary-paths');
    const stage = stageOps(cp.client, restApiId, 'dev');
    await stage.deploy();
    const plain = await stage.get();
    expect(plain.description).toBeUndefined();
    expect(plain.variables).toBeUndefined();
    expect(plain.canarySettings).toBeUndefined();
    await stage.deploy({
      canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: 'canary' } },
    });
    expect(
      await failureOf(stage.update([{ op: 'remove', path: '/canarySettings/stageVariableOverrides' }])),
    ).toEqual(cannotRemove('canarySettings/stageVariableOverrides'));
    expect(await failureOf(stage.update([{ op: 'remove', path: '/canarySettings/badPath' }]))).toEqual(
      cannotRemove('canarySettings/badPath'),
    );
    expect(
      await failureOf(stage.update([{ op: 'replace', path: '/canarySettings', value: 'test' }])),
    ).toEqual(invalidPath('/canarySettings'));
    expect(
      await failureOf(stage.update([{ op: 'replace', path: '/canarySettings/badPath', value: 'badPath' }])),
    ).toEqual(invalidPath('/canarySettings/badPath'));
    const noCanary = stageOps(cp.client, restApiId, 'dev2');
    const { id: second } = await noCanary.deploy();
    expect(
      await failureOf(noCanary.update([{ op: 'add', path: '/canarySettings/deploymentId', value: second! }])),
    ).toEqual(badRequest('Invalid add operation with path: /canarySettings/deploymentId'));
    expect(
      await failureOf(
        noCanary.update([{ op: 'replace', path: '/canarySettings/deploymentId', value: 'deploy' }]),
      ),
    ).toEqual(badRequest('Deployment id does not exist'));
  });

  it('a canary by UpdateStage starts at 0 % on the given deployment; removed, it is gone (test_create_canary_deployment_by_stage_update)', async () => {
    const { restApiId } = await createDeployableApi(cp.client, 'conformance-canary-update');
    const { id: first } = await cp.client.send(new CreateDeploymentCommand({ restApiId }));
    const { id: second } = await cp.client.send(new CreateDeploymentCommand({ restApiId }));
    await cp.client.send(
      new CreateStageCommand({
        restApiId,
        stageName: 'dev',
        deploymentId: first,
        description: 'dev stage',
        variables: { testVar: 'default' },
      }),
    );
    const stage = stageOps(cp.client, restApiId, 'dev');
    const withCanary = await stage.update([
      { op: 'replace', path: '/canarySettings/deploymentId', value: second! },
    ]);
    expect(withCanary.canarySettings).toEqual({
      deploymentId: second,
      percentTraffic: 0,
      useStageCache: false,
    });
    expect((await stage.update([{ op: 'remove', path: '/canarySettings' }])).canarySettings).toBeUndefined();
    const byPercent = await stage.update([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '50' },
    ]);
    expect(byPercent.canarySettings).toEqual({
      deploymentId: first,
      percentTraffic: 50,
      useStageCache: false,
    });
  });

  it('copy: AWS validates the pair, needs a canary, and promotes (test_update_stage_with_copy_ops)', async () => {
    const { restApiId } = await createDeployableApi(cp.client, 'conformance-copy');
    const stage = stageOps(cp.client, restApiId, 'dev');
    const { id: first } = await stage.deploy({ variables: { testVar: 'test', testVar2: 'test2' } });
    expect(
      await failureOf(
        stage.update([
          { op: 'copy', path: '/canarySettings/stageVariableOverrides', from: '/variables' },
          { op: 'copy', path: '/canarySettings/deploymentId', from: '/deploymentId' },
        ]),
      ),
    ).toEqual(
      badRequest(
        'Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]',
      ),
    );
    const promote: PatchOperation[] = [
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
    ];
    expect(await failureOf(stage.update(promote))).toEqual(
      badRequest('Promotion not available. Canary does not exist.'),
    );
    const zero: PatchOperation = { op: 'replace', value: '0.0', path: '/canarySettings/percentTraffic' };
    const promotedNothing = await stage.update([zero, ...promote]);
    expect(promotedNothing).toMatchObject({
      deploymentId: first,
      canarySettings: { deploymentId: first, percentTraffic: 0, useStageCache: false },
      variables: { testVar: 'test', testVar2: 'test2' },
    });
    const { id: canary } = await stage.deploy({
      canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: 'override' } },
    });
    const promoted = await stage.update([zero, ...promote]);
    expect(promoted).toMatchObject({
      deploymentId: canary,
      canarySettings: {
        deploymentId: canary,
        percentTraffic: 0,
        stageVariableOverrides: { testVar: 'override' },
        useStageCache: false,
      },
      variables: { testVar: 'override', testVar2: 'test2' },
    });
  });
});

describe('access log settings (test_stage_access_log_settings[_validation], api)', () => {
  it('paths, empty values and removal as AWS answers them', async () => {
    const { restApiId } = await createDeployableApi(cp.client, 'conformance-access-log');
    const stage = stageOps(cp.client, restApiId, 'dev');
    await stage.deploy();
    const onlyTwo = badRequest(
      'Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]',
    );
    for (const op of ['add', 'replace'] as const) {
      expect(
        await failureOf(stage.update([{ op, path: '/accessLogSettings/randomValue', value: 'updated' }])),
      ).toEqual(onlyTwo);
      expect(await failureOf(stage.update([{ op, path: '/accessLogSettings/*', value: 'updated' }]))).toEqual(
        onlyTwo,
      );
      expect(await failureOf(stage.update([{ op, path: '/accessLogSettings', value: 'test' }]))).toEqual(
        onlyTwo,
      );
    }
    expect(await failureOf(stage.update([{ op: 'remove', path: '/accessLogSettings/randomValue' }]))).toEqual(
      cannotRemove('accessLogSettings/randomValue'),
    );
    expect(await failureOf(stage.update([{ op: 'remove', path: '/accessLogSettings/*' }]))).toEqual(
      cannotRemove('accessLogSettings/*'),
    );
    const arn = `arn:aws:logs:${process.env.AWS_REGION ?? 'us-east-1'}:000000000000:log-group:conformance`;
    const added = await stage.update([{ op: 'add', path: '/accessLogSettings/destinationArn', value: arn }]);
    expect(added.accessLogSettings).toEqual({ destinationArn: arn });
    for (const path of ['destinationArn', 'format']) {
      expect(
        await failureOf(stage.update([{ op: 'replace', path: `/accessLogSettings/${path}`, value: '' }])),
      ).toEqual(badRequest('Access Log value must not be empty'));
    }
    expect(
      await failureOf(stage.update([{ op: 'remove', path: '/accessLogSettings/destinationArn' }])),
    ).toEqual(cannotRemove('accessLogSettings/destinationArn'));
    const format = '$context.requestId $context.identity.sourceIp';
    const withFormat = await stage.update([{ op: 'add', path: '/accessLogSettings/format', value: format }]);
    expect(withFormat.accessLogSettings).toEqual({ destinationArn: arn, format });
    expect(
      (await stage.update([{ op: 'remove', path: '/accessLogSettings' }])).accessLogSettings,
    ).toBeUndefined();
  });
});
