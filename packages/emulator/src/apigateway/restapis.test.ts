import {
  BadRequestException,
  ConflictException,
  CreateApiKeyCommand,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteApiKeyCommand,
  DeleteIntegrationCommand,
  DeleteIntegrationResponseCommand,
  DeleteMethodCommand,
  DeleteMethodResponseCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  GetResourceCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetTagsCommand,
  NotFoundException,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlPlaneUnderTest, controlPlaneUnderTest, createDeployableApi } from './sdk-harness.ts';

// biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's own placeholder, sent verbatim.
const STAGE_VARIABLE_URI = 'http://${stageVariables.host}/pets/{petId}';

describe('REST APIs, resources, methods and integrations through the AWS SDK', () => {
  let cp: ControlPlaneUnderTest;
  const region = process.env.AWS_REGION ?? 'us-east-1';

  beforeAll(async () => {
    cp = await controlPlaneUnderTest();
  });
  afterAll(() => cp.close());

  it('creates (201), reads, updates by patch and deletes (202) a REST API', async () => {
    const created = await cp.client.send(
      new CreateRestApiCommand({
        name: 'orders',
        description: 'order intake',
        endpointConfiguration: { types: ['PRIVATE'] },
        apiKeySource: 'AUTHORIZER',
        tags: { team: 'orders' },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      name: 'orders',
      description: 'order intake',
      endpointConfiguration: { types: ['PRIVATE'] },
      apiKeySource: 'AUTHORIZER',
      tags: { team: 'orders' },
    });
    expect(created.rootResourceId).toBeTruthy();
    const restApiId = created.id!;

    const updated = await cp.client.send(
      new UpdateRestApiCommand({
        restApiId,
        patchOperations: [
          { op: 'replace', path: '/name', value: 'orders-v2' },
          { op: 'replace', path: '/description', value: 'order intake, v2' },
          { op: 'replace', path: '/endpointConfiguration/types/PRIVATE', value: 'REGIONAL' },
          { op: 'replace', path: '/apiKeySource', value: 'HEADER' },
          { op: 'add', path: '/binaryMediaTypes/image~1png' },
        ],
      }),
    );
    expect(updated).toMatchObject({
      name: 'orders-v2',
      endpointConfiguration: { types: ['REGIONAL'] },
      apiKeySource: 'HEADER',
      binaryMediaTypes: ['image/png'],
    });
    expect(await cp.client.send(new GetRestApiCommand({ restApiId }))).toMatchObject({ name: 'orders-v2' });

    await expect(
      cp.client.send(
        new UpdateRestApiCommand({
          restApiId,
          patchOperations: [{ op: 'replace', path: '/apiKeySource', value: 'QUERY' }],
        }),
      ),
    ).rejects.toBeInstanceOf(BadRequestException);
    await expect(
      cp.client.send(
        new CreateRestApiCommand({ name: 'bad', endpointConfiguration: { types: ['EDGY' as 'EDGE'] } }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });

    const deleted = await cp.client.send(new DeleteRestApiCommand({ restApiId }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    await expect(cp.client.send(new GetRestApiCommand({ restApiId }))).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('pages REST APIs with limit and position across at least 3 pages', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 5; i++)
      mine.push((await cp.client.send(new CreateRestApiCommand({ name: `paged-${i}` }))).id!);
    const seen: string[] = [];
    let position: string | undefined;
    let pages = 0;
    do {
      const result = await cp.client.send(new GetRestApisCommand({ limit: 2, position }));
      pages += 1;
      expect(result.items?.length).toBeLessThanOrEqual(2);
      seen.push(...(result.items ?? []).map((a) => a.id!));
      position = result.position;
    } while (position && pages < 1000);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual(expect.arrayContaining(mine));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('builds resources, methods, responses and integrations, and reads them with embed=methods', async () => {
    const api = await cp.client.send(new CreateRestApiCommand({ name: 'resources-test' }));
    const restApiId = api.id!;
    const pets = await cp.client.send(
      new CreateResourceCommand({ restApiId, parentId: api.rootResourceId!, pathPart: 'pets' }),
    );
    expect(pets.$metadata.httpStatusCode).toBe(201);
    expect(pets.path).toBe('/pets');
    const pet = await cp.client.send(
      new CreateResourceCommand({ restApiId, parentId: pets.id!, pathPart: '{petId}' }),
    );
    expect(pet.path).toBe('/pets/{petId}');
    await expect(
      cp.client.send(
        new CreateResourceCommand({ restApiId, parentId: api.rootResourceId!, pathPart: 'pets' }),
      ),
    ).rejects.toBeInstanceOf(ConflictException);
    await expect(
      cp.client.send(new CreateResourceCommand({ restApiId, parentId: 'nosuchres', pathPart: 'x' })),
    ).rejects.toBeInstanceOf(NotFoundException);

    const method = await cp.client.send(
      new PutMethodCommand({
        restApiId,
        resourceId: pet.id!,
        httpMethod: 'GET',
        authorizationType: 'NONE',
        apiKeyRequired: true,
        requestParameters: { 'method.request.path.petId': true },
      }),
    );
    expect(method.$metadata.httpStatusCode).toBe(201);
    await expect(
      cp.client.send(
        new PutMethodCommand({
          restApiId,
          resourceId: pet.id!,
          httpMethod: 'GET',
          authorizationType: 'NONE',
        }),
      ),
    ).rejects.toBeInstanceOf(ConflictException);
    await expect(
      cp.client.send(
        new PutMethodCommand({
          restApiId,
          resourceId: pet.id!,
          httpMethod: 'FETCH',
          authorizationType: 'NONE',
        }),
      ),
    ).rejects.toBeInstanceOf(BadRequestException);

    const methodResponse = await cp.client.send(
      new PutMethodResponseCommand({
        restApiId,
        resourceId: pet.id!,
        httpMethod: 'GET',
        statusCode: '200',
        responseModels: { 'application/json': 'Empty' },
      }),
    );
    expect(methodResponse.$metadata.httpStatusCode).toBe(201);

    const target = { restApiId, resourceId: pet.id!, httpMethod: 'GET' };
    for (const timeoutInMillis of [49, 29001]) {
      await expect(
        cp.client.send(
          new PutIntegrationCommand({
            ...target,
            type: 'HTTP_PROXY',
            integrationHttpMethod: 'GET',
            uri: 'http://example.com/pets/{petId}',
            timeoutInMillis,
          }),
        ),
      ).rejects.toBeInstanceOf(BadRequestException);
    }
    const integration = await cp.client.send(
      new PutIntegrationCommand({
        ...target,
        type: 'HTTP',
        integrationHttpMethod: 'GET',
        uri: STAGE_VARIABLE_URI,
        requestParameters: { 'integration.request.path.petId': 'method.request.path.petId' },
        timeoutInMillis: 5000,
      }),
    );
    expect(integration.$metadata.httpStatusCode).toBe(201);
    expect(integration).toMatchObject({
      type: 'HTTP',
      timeoutInMillis: 5000,
      uri: STAGE_VARIABLE_URI,
    });

    const integrationResponse = await cp.client.send(
      new PutIntegrationResponseCommand({ ...target, statusCode: '200', selectionPattern: '' }),
    );
    expect(integrationResponse.$metadata.httpStatusCode).toBe(201);
    expect(
      await cp.client.send(new GetIntegrationResponseCommand({ ...target, statusCode: '200' })),
    ).toMatchObject({
      statusCode: '200',
    });
    expect(
      await cp.client.send(new GetMethodResponseCommand({ ...target, statusCode: '200' })),
    ).toMatchObject({
      responseModels: { 'application/json': 'Empty' },
    });

    const read = await cp.client.send(new GetMethodCommand(target));
    expect(read).toMatchObject({
      httpMethod: 'GET',
      authorizationType: 'NONE',
      apiKeyRequired: true,
      methodIntegration: { type: 'HTTP', integrationResponses: { '200': { statusCode: '200' } } },
    });

    const resources = await cp.client.send(new GetResourcesCommand({ restApiId, embed: ['methods'] }));
    const embedded = resources.items?.find((r) => r.path === '/pets/{petId}');
    expect(embedded?.resourceMethods?.GET).toMatchObject({
      apiKeyRequired: true,
      methodIntegration: { type: 'HTTP' },
    });
    expect((await cp.client.send(new GetResourceCommand({ restApiId, resourceId: pets.id! }))).path).toBe(
      '/pets',
    );

    // Tear down in the order AWS allows, each returning its own status.
    expect(
      (await cp.client.send(new DeleteIntegrationResponseCommand({ ...target, statusCode: '200' }))).$metadata
        .httpStatusCode,
    ).toBe(204);
    expect((await cp.client.send(new DeleteIntegrationCommand(target))).$metadata.httpStatusCode).toBe(204);
    await expect(cp.client.send(new GetIntegrationCommand(target))).rejects.toBeInstanceOf(NotFoundException);
    expect(
      (await cp.client.send(new DeleteMethodResponseCommand({ ...target, statusCode: '200' }))).$metadata
        .httpStatusCode,
    ).toBe(204);
    expect((await cp.client.send(new DeleteMethodCommand(target))).$metadata.httpStatusCode).toBe(204);
    await expect(cp.client.send(new GetMethodCommand(target))).rejects.toBeInstanceOf(NotFoundException);

    const deleted = await cp.client.send(new DeleteResourceCommand({ restApiId, resourceId: pets.id! }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    // Deleting a resource deletes its children too.
    await expect(
      cp.client.send(new GetResourceCommand({ restApiId, resourceId: pet.id! })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('accepts MOCK and HTTP_PROXY integrations', async () => {
    const { restApiId, rootId } = await createDeployableApi(cp.client, 'integration-types');
    expect(
      await cp.client.send(new GetIntegrationCommand({ restApiId, resourceId: rootId, httpMethod: 'GET' })),
    ).toMatchObject({
      type: 'MOCK',
    });
    await cp.client.send(
      new PutMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'ANY', authorizationType: 'NONE' }),
    );
    const proxy = await cp.client.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId: rootId,
        httpMethod: 'ANY',
        type: 'HTTP_PROXY',
        integrationHttpMethod: 'ANY',
        uri: 'https://upstream.example.com/',
      }),
    );
    expect(proxy).toMatchObject({ type: 'HTTP_PROXY', timeoutInMillis: 29000 });
  });

  it('creates, lists and reads Lambda and Cognito authorizers, and uses one on a method', async () => {
    const { restApiId, rootId } = await createDeployableApi(cp.client, 'authorizers-test');
    const lambda = await cp.client.send(
      new CreateAuthorizerCommand({
        restApiId,
        name: 'token-check',
        type: 'TOKEN',
        authorizerUri:
          'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations',
        identitySource: 'method.request.header.Authorization',
        authorizerResultTtlInSeconds: 60,
      }),
    );
    expect(lambda.$metadata.httpStatusCode).toBe(201);
    const cognito = await cp.client.send(
      new CreateAuthorizerCommand({
        restApiId,
        name: 'users',
        type: 'COGNITO_USER_POOLS',
        providerARNs: ['arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc'],
        identitySource: 'method.request.header.Authorization',
      }),
    );
    await expect(
      cp.client.send(
        new CreateAuthorizerCommand({ restApiId, name: 'no-pools', type: 'COGNITO_USER_POOLS' }),
      ),
    ).rejects.toBeInstanceOf(BadRequestException);

    const list = await cp.client.send(new GetAuthorizersCommand({ restApiId }));
    expect(list.items?.map((a) => a.name).sort()).toEqual(['token-check', 'users']);
    expect(
      await cp.client.send(new GetAuthorizerCommand({ restApiId, authorizerId: cognito.id! })),
    ).toMatchObject({
      type: 'COGNITO_USER_POOLS',
    });
    await expect(
      cp.client.send(new GetAuthorizerCommand({ restApiId, authorizerId: 'nope00' })),
    ).rejects.toBeInstanceOf(NotFoundException);

    const method = await cp.client.send(
      new PutMethodCommand({
        restApiId,
        resourceId: rootId,
        httpMethod: 'POST',
        authorizationType: 'CUSTOM',
        authorizerId: lambda.id!,
      }),
    );
    expect(method).toMatchObject({ authorizationType: 'CUSTOM', authorizerId: lambda.id });
  });

  it('tags REST APIs and stages (204), reads and removes the tags', async () => {
    const { restApiId } = await createDeployableApi(cp.client, 'tags-test');
    const apiArn = `arn:aws:apigateway:${region}::/restapis/${restApiId}`;
    const tagged = await cp.client.send(
      new TagResourceCommand({ resourceArn: apiArn, tags: { team: 'a', env: 'test' } }),
    );
    expect(tagged.$metadata.httpStatusCode).toBe(204);
    expect((await cp.client.send(new GetTagsCommand({ resourceArn: apiArn }))).tags).toEqual({
      team: 'a',
      env: 'test',
    });
    await cp.client.send(new UntagResourceCommand({ resourceArn: apiArn, tagKeys: ['env'] }));
    expect((await cp.client.send(new GetTagsCommand({ resourceArn: apiArn }))).tags).toEqual({ team: 'a' });

    const { id } = await cp.client.send(new CreateDeploymentCommand({ restApiId }));
    await cp.client.send(new CreateStageCommand({ restApiId, stageName: 'dev', deploymentId: id }));
    const stageArn = `${apiArn}/stages/dev`;
    await cp.client.send(new TagResourceCommand({ resourceArn: stageArn, tags: { tier: 'gold' } }));
    expect((await cp.client.send(new GetTagsCommand({ resourceArn: stageArn }))).tags).toEqual({
      tier: 'gold',
    });
    await expect(
      cp.client.send(
        new GetTagsCommand({ resourceArn: `arn:aws:apigateway:${region}::/restapis/nosuchapi` }),
      ),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('creates (201), lists, reads and deletes (202) API keys', async () => {
    const created = await cp.client.send(
      new CreateApiKeyCommand({ name: 'partner-acme', enabled: true, value: 'acme-key-0123456789-abcdef' }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      name: 'partner-acme',
      enabled: true,
      value: 'acme-key-0123456789-abcdef',
    });
    const listed = await cp.client.send(
      new GetApiKeysCommand({ nameQuery: 'partner-', includeValues: true }),
    );
    expect(listed.items?.find((k) => k.id === created.id)?.value).toBe('acme-key-0123456789-abcdef');
    const withoutValue = await cp.client.send(new GetApiKeyCommand({ apiKey: created.id! }));
    expect(withoutValue.value).toBeUndefined();
    expect(
      (await cp.client.send(new GetApiKeyCommand({ apiKey: created.id!, includeValue: true }))).value,
    ).toBe('acme-key-0123456789-abcdef');
    await expect(
      cp.client.send(new CreateApiKeyCommand({ name: 'short', value: 'too-short' })),
    ).rejects.toBeInstanceOf(BadRequestException);
    expect(
      (await cp.client.send(new DeleteApiKeyCommand({ apiKey: created.id! }))).$metadata.httpStatusCode,
    ).toBe(202);
    await expect(cp.client.send(new GetApiKeyCommand({ apiKey: created.id! }))).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });
});
