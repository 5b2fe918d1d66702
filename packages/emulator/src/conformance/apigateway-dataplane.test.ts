import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetIntegrationResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateIntegrationResponseCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlPlaneUnderTest, controlPlaneUnderTest } from '../apigateway/sdk-harness.ts';

/**
 * API Gateway conformance, the data plane: a MOCK integration's mapping templates rendered with
 * stage variables and `$context`, on the stage and on its canary. Expected values recorded on real
 * AWS in LocalStack's tests/aws/services/apigateway/test_apigateway_canary.snapshot.json
 * (test_invoking_canary_deployment) and test_apigateway_api.snapshot.json
 * (test_lifecycle_integration_response); the `$context` variables from the developer guide,
 * "Variables for data transformations" (docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html).
 */

let cp: ControlPlaneUnderTest;
beforeAll(async () => {
  cp = await controlPlaneUnderTest();
});
afterAll(() => cp.close());

const template = (message: string, extra: Record<string, string> = {}) =>
  JSON.stringify({
    statusCode: 200,
    message,
    variable: '$stageVariables.testVar',
    nonExistingDefault: '$stageVariables.noStageVar',
    nonOverridden: '$stageVariables.defaultVar',
    isCanary: '$context.isCanaryRequest',
    ...extra,
  });

/** The fixture of test_invoking_canary_deployment: GET / on MOCK answering the given template. */
async function mockApi(responseTemplate: string) {
  const api = await cp.client.send(new CreateRestApiCommand({ name: 'conformance-dataplane' }));
  const at = { restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET' };
  await cp.client.send(new PutMethodCommand({ ...at, authorizationType: 'NONE' }));
  await cp.client.send(new PutMethodResponseCommand({ ...at, statusCode: '200' }));
  await cp.client.send(
    new PutIntegrationCommand({
      ...at,
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    }),
  );
  await cp.client.send(
    new PutIntegrationResponseCommand({
      ...at,
      statusCode: '200',
      responseTemplates: { 'application/json': responseTemplate },
    }),
  );
  return at;
}

async function invoke(restApiId: string, stage: string) {
  const response = await fetch(`${cp.endpoint}/_aws/execute-api/${restApiId}/${stage}/`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('mapping templates on a stage and its canary (test_invoking_canary_deployment)', () => {
  it('renders stage variables, canary overrides and $context.isCanaryRequest', async () => {
    const at = await mockApi(template('default deployment'));
    const { restApiId } = at;
    await cp.client.send(
      new CreateDeploymentCommand({
        restApiId,
        stageName: 'dev',
        variables: { testVar: 'default', defaultVar: 'default' },
      }),
    );
    const updated = await cp.client.send(
      new UpdateIntegrationResponseCommand({
        ...at,
        statusCode: '200',
        patchOperations: [
          {
            op: 'replace',
            path: '/responseTemplates/application~1json',
            value: template('canary deployment'),
          },
        ],
      }),
    );
    expect(updated.responseTemplates?.['application/json']).toBe(template('canary deployment'));
    await cp.client.send(
      new CreateDeploymentCommand({
        restApiId,
        stageName: 'dev',
        canarySettings: {
          percentTraffic: 0,
          stageVariableOverrides: { testVar: 'canary', noStageVar: 'canary' },
        },
      }),
    );
    expect(await invoke(restApiId, 'dev')).toEqual({
      isCanary: 'false',
      message: 'default deployment',
      nonExistingDefault: '',
      nonOverridden: 'default',
      statusCode: 200,
      variable: 'default',
    });
    const toCanary = await cp.client.send(
      new UpdateStageCommand({
        restApiId,
        stageName: 'dev',
        patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '100.0' }],
      }),
    );
    expect(toCanary.canarySettings).toMatchObject({
      percentTraffic: 100,
      stageVariableOverrides: { noStageVar: 'canary', testVar: 'canary' },
      useStageCache: false,
    });
    expect(await invoke(restApiId, 'dev')).toEqual({
      isCanary: 'true',
      message: 'canary deployment',
      nonExistingDefault: 'canary',
      nonOverridden: 'default',
      statusCode: 200,
      variable: 'canary',
    });
  });

  it('other request $context variables: stage, ids, method, resource path (developer guide)', async () => {
    const at = await mockApi(
      JSON.stringify({
        stage: '$context.stage',
        apiId: '$context.apiId',
        accountId: '$context.accountId',
        httpMethod: '$context.httpMethod',
        resourcePath: '$context.resourcePath',
        resourceId: '$context.resourceId',
        deploymentId: '$context.deploymentId',
        requestId: '$context.requestId',
      }),
    );
    const { id: deploymentId } = await cp.client.send(
      new CreateDeploymentCommand({ restApiId: at.restApiId, stageName: 'prod' }),
    );
    const response = await fetch(`${cp.endpoint}/_aws/execute-api/${at.restApiId}/prod/`);
    const body = (await response.json()) as Record<string, string>;
    expect(body).toMatchObject({
      stage: 'prod',
      apiId: at.restApiId,
      accountId: '000000000000',
      httpMethod: 'GET',
      resourcePath: '/',
      resourceId: at.resourceId,
      deploymentId,
    });
    expect(body.requestId).toBe(response.headers.get('x-amzn-requestid'));
  });
});

describe('UpdateIntegrationResponse (test_lifecycle_integration_response)', () => {
  it('replaces the selection pattern and keeps the templates', async () => {
    const at = await mockApi('"created"');
    const updated = await cp.client.send(
      new UpdateIntegrationResponseCommand({
        ...at,
        statusCode: '200',
        patchOperations: [{ op: 'replace', path: '/selectionPattern', value: 'updated-pattern' }],
      }),
    );
    expect(updated).toMatchObject({
      statusCode: '200',
      selectionPattern: 'updated-pattern',
      responseTemplates: { 'application/json': '"created"' },
    });
    expect(updated.$metadata.httpStatusCode).toBe(200);
    const got = await cp.client.send(new GetIntegrationResponseCommand({ ...at, statusCode: '200' }));
    expect(got.selectionPattern).toBe('updated-pattern');
  });
});
