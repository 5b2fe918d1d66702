import {
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteIntegrationResponseCommand,
  DeleteMethodCommand,
  DeleteResourceCommand,
  FlushStageAuthorizersCacheCommand,
  GetAuthorizersCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  GetResourcesCommand,
  type PatchOperation,
  PutIntegrationCommand,
  type PutIntegrationCommandInput,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateMethodResponseCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ControlPlaneUnderTest,
  controlPlaneUnderTest,
  createDeployableApi,
  failureOf,
} from '../apigateway/sdk-harness.ts';

/**
 * API Gateway conformance, resources, methods and integrations: expected values recorded on real
 * AWS in LocalStack's tests/aws/services/apigateway/test_apigateway_api.snapshot.json (test named in
 * each case), FlushStageAuthorizersCache from the API Gateway API Reference (202 Accepted).
 */

let cp: ControlPlaneUnderTest;
beforeAll(async () => {
  cp = await controlPlaneUnderTest();
});
afterAll(() => cp.close());

const error = (name: string, status: number, message: string) => ({ name, status, message });
const badRequest = (message: string) => error('BadRequestException', 400, message);
const notFound = (message: string) => error('NotFoundException', 404, message);
const STATUS_PATTERN =
  "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d";

async function apiWithRoot() {
  const api = await cp.client.send(new CreateRestApiCommand({ name: 'conformance-resources' }));
  return { restApiId: api.id!, rootId: api.rootResourceId! };
}

describe('resource and method lifecycles (test_resource_lifecycle, test_delete_resource, test_method_lifecycle)', () => {
  it('the tree as GetResources lists it, a rename, a delete that takes the subtree', async () => {
    const { restApiId, rootId } = await apiWithRoot();
    const list = async () => (await cp.client.send(new GetResourcesCommand({ restApiId }))).items;
    expect(await list()).toEqual([{ id: rootId, path: '/' }]);
    const pets = await cp.client.send(
      new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: 'pets' }),
    );
    expect(pets.$metadata.httpStatusCode).toBe(201);
    const sub = await cp.client.send(
      new CreateResourceCommand({ restApiId, parentId: pets.id!, pathPart: 'subpets' }),
    );
    expect(await list()).toEqual([
      { id: rootId, path: '/' },
      { id: pets.id, parentId: rootId, path: '/pets', pathPart: 'pets' },
      { id: sub.id, parentId: pets.id, path: '/pets/subpets', pathPart: 'subpets' },
    ]);
    const renamed = await cp.client.send(
      new UpdateResourceCommand({
        restApiId,
        resourceId: pets.id!,
        patchOperations: [{ op: 'replace', path: '/pathPart', value: 'dogs' }],
      }),
    );
    expect(renamed).toMatchObject({ id: pets.id, parentId: rootId, path: '/dogs', pathPart: 'dogs' });
    const deleted = await cp.client.send(new DeleteResourceCommand({ restApiId, resourceId: pets.id! }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect(await list()).toEqual([{ id: rootId, path: '/' }]);
    expect(
      await failureOf(cp.client.send(new DeleteResourceCommand({ restApiId, resourceId: sub.id! }))),
    ).toEqual(notFound('Invalid Resource identifier specified'));
  });

  it('PutMethod 201, GetMethod, DeleteMethod 204, then Invalid Method identifier', async () => {
    const { restApiId, rootId } = await apiWithRoot();
    const at = { restApiId, resourceId: rootId, httpMethod: 'ANY' };
    const put = await cp.client.send(new PutMethodCommand({ ...at, authorizationType: 'NONE' }));
    expect(put.$metadata.httpStatusCode).toBe(201);
    const { $metadata, ...method } = await cp.client.send(new GetMethodCommand(at));
    expect(method).toEqual({ apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'ANY' });
    expect((await cp.client.send(new DeleteMethodCommand(at))).$metadata.httpStatusCode).toBe(204);
    expect(await failureOf(cp.client.send(new GetMethodCommand(at)))).toEqual(
      notFound('Invalid Method identifier specified'),
    );
    expect(await failureOf(cp.client.send(new DeleteMethodCommand(at)))).toEqual(
      notFound('Invalid Method identifier specified'),
    );
  });
});

describe('UpdateResource (test_update_resource_behaviour, test_update_resource_on_root)', () => {
  it('moves and renames resources with AWS errors for every refusal', async () => {
    const { restApiId, rootId } = await apiWithRoot();
    const createResource = (parentId: string, pathPart: string) =>
      cp.client.send(new CreateResourceCommand({ restApiId, parentId, pathPart }));
    const updateResource = (resourceId: string, patchOperations: PatchOperation[]) =>
      cp.client.send(new UpdateResourceCommand({ restApiId, resourceId, patchOperations }));
    const pets = await createResource(rootId, 'pets');

    expect(
      await failureOf(updateResource('fake-resource', [{ op: 'replace', path: '/pathPart', value: 'dogs' }])),
    ).toEqual(notFound('Invalid Resource identifier specified'));
    expect(
      await failureOf(updateResource(pets.id!, [{ op: 'replace', path: '/invalid', value: 'dogs' }])),
    ).toEqual(
      badRequest(
        "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]",
      ),
    );
    expect(
      await failureOf(
        updateResource(pets.id!, [{ op: 'replace', path: '/parentId', value: 'fake-parent-id' }]),
      ),
    ).toEqual(notFound('Invalid Resource identifier specified'));

    const subpets = await createResource(pets.id!, 'subpets');
    expect(subpets.path).toBe('/pets/subpets');
    const deep = await createResource(subpets.id!, 'pets');
    expect(deep.path).toBe('/pets/subpets/pets');
    expect(
      await failureOf(updateResource(deep.id!, [{ op: 'replace', path: '/parentId', value: rootId }])),
    ).toEqual(
      error('ConflictException', 409, 'Another resource with the same parent already has this name: pets'),
    );
    await cp.client.send(new DeleteResourceCommand({ restApiId, resourceId: deep.id! }));
    expect(
      await failureOf(updateResource(pets.id!, [{ op: 'replace', path: '/parentId', value: subpets.id! }])),
    ).toEqual(badRequest('Resources cannot be cyclical.'));

    const moved = await updateResource(subpets.id!, [{ op: 'replace', path: '/parentId', value: rootId }]);
    expect(moved).toMatchObject({ id: subpets.id, parentId: rootId, path: '/subpets', pathPart: 'subpets' });
    expect(moved.$metadata.httpStatusCode).toBe(200);
    expect(
      await failureOf(updateResource(subpets.id!, [{ op: 'replace', path: '/pathPart', value: 'pets' }])),
    ).toEqual(
      error('ConflictException', 409, 'Another resource with the same parent already has this name: pets'),
    );
    // Deleting /pets leaves its former child, now under the root.
    await cp.client.send(new DeleteResourceCommand({ restApiId, resourceId: pets.id! }));
    const { items } = await cp.client.send(new GetResourcesCommand({ restApiId }));
    expect(items?.map((r) => r.path).sort()).toEqual(['/', '/subpets']);

    for (const op of ['remove', 'add'] as const) {
      expect(await failureOf(updateResource(subpets.id!, [{ op, path: '/pathPart', value: 'x' }]))).toEqual(
        badRequest(
          `Invalid patch path  '/pathPart' specified for op '${op}'. Please choose supported operations`,
        ),
      );
    }
    expect(
      await failureOf(updateResource(rootId, [{ op: 'replace', path: '/pathPart', value: 'x' }])),
    ).toEqual(badRequest('Root resource cannot update its pathPart.'));
    expect(
      await failureOf(updateResource(rootId, [{ op: 'replace', path: '/parentId', value: subpets.id! }])),
    ).toEqual(badRequest('Root resource cannot update its parentId.'));
  });

  it('a renamed resource carries its subtree to the new path', async () => {
    const { restApiId, rootId } = await apiWithRoot();
    const a = await cp.client.send(new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: 'a' }));
    await cp.client.send(new CreateResourceCommand({ restApiId, parentId: a.id!, pathPart: '{id}' }));
    await cp.client.send(
      new UpdateResourceCommand({
        restApiId,
        resourceId: a.id!,
        patchOperations: [{ op: 'replace', path: '/pathPart', value: 'b' }],
      }),
    );
    const { items } = await cp.client.send(new GetResourcesCommand({ restApiId }));
    expect(items?.map((r) => r.path).sort()).toEqual(['/', '/b', '/b/{id}']);
  });
});

describe('greedy path variables (test_create_proxy_resource_validation)', () => {
  it('refuses a variable sibling and any child of {proxy+}; a greedy child elsewhere is fine', async () => {
    const { restApiId, rootId } = await apiWithRoot();
    const create = (parentId: string, pathPart: string) =>
      cp.client.send(new CreateResourceCommand({ restApiId, parentId, pathPart }));
    const proxy = await create(rootId, '{proxy+}');
    expect(proxy).toMatchObject({ path: '/{proxy+}', pathPart: '{proxy+}', parentId: rootId });
    expect(await failureOf(create(rootId, '{dynamic}'))).toEqual(
      badRequest(
        'A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed',
      ),
    );
    for (const child of ['child', '{child}']) {
      expect(await failureOf(create(proxy.id!, child))).toEqual(
        badRequest('Cannot create a child of a resource with a greedy path variable: {proxy+}'),
      );
    }
    const parent = await create(rootId, 'parent');
    expect((await create(parent.id!, '{child+}')).path).toBe('/parent/{child+}');
  });
});

describe('methods', () => {
  it('PutMethod errors: missing API or resource, bad verb, bad authorizer (test_put_method_validation)', async () => {
    const { restApiId, rootId } = await apiWithRoot();
    const put = (input: {
      restApiId?: string;
      resourceId?: string;
      httpMethod?: string;
      authorizationType?: string;
    }) =>
      cp.client.send(
        new PutMethodCommand({
          restApiId,
          resourceId: rootId,
          httpMethod: 'GET',
          authorizationType: 'NONE',
          ...input,
        }),
      );
    expect(await failureOf(put({ restApiId: 'fake' }))).toEqual(
      notFound('Invalid Resource identifier specified'),
    );
    expect(await failureOf(put({ resourceId: 'fake' }))).toEqual(
      notFound('Invalid Resource identifier specified'),
    );
    expect(await failureOf(put({ httpMethod: 'WRONG' }))).toEqual(
      badRequest(
        'Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY',
      ),
    );
    expect(await failureOf(put({ authorizationType: 'CUSTOM' }))).toEqual(
      badRequest(
        'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.',
      ),
    );
  });

  it('request parameter names are unique across querystring, header and path (test_method_request_parameters)', async () => {
    const { restApiId, rootId } = await apiWithRoot();
    const requestParameters = {
      'method.request.querystring.q_optional': false,
      'method.request.querystring.q_required': true,
      'method.request.header.h_optional': false,
      'method.request.header.h_required': true,
    };
    const put = await cp.client.send(
      new PutMethodCommand({
        restApiId,
        resourceId: rootId,
        httpMethod: 'ANY',
        authorizationType: 'NONE',
        requestParameters,
      }),
    );
    expect(put).toMatchObject({
      httpMethod: 'ANY',
      authorizationType: 'NONE',
      apiKeyRequired: false,
      requestParameters,
    });
    const got = await cp.client.send(
      new GetMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'ANY' }),
    );
    expect(got.requestParameters).toEqual(requestParameters);
    const child = await cp.client.send(
      new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: 'test' }),
    );
    expect(
      await failureOf(
        cp.client.send(
          new PutMethodCommand({
            restApiId,
            resourceId: child.id!,
            httpMethod: 'GET',
            authorizationType: 'NONE',
            requestParameters: {
              'method.request.querystring.optional': false,
              'method.request.header.optional': false,
            },
          }),
        ),
      ),
    ).toEqual(badRequest('Parameter names must be unique across querystring, header and path'));
  });

  it('a method response echoes empty responseModels and responseParameters (test_lifecycle_method_response)', async () => {
    const { restApiId, rootId } = await createDeployableApi(cp.client, 'conformance-method-response');
    const where = { restApiId, resourceId: rootId, httpMethod: 'GET', statusCode: '200' };
    const put = await cp.client.send(
      new PutMethodResponseCommand({ ...where, responseModels: {}, responseParameters: {} }),
    );
    expect(put).toMatchObject({ statusCode: '200', responseModels: {}, responseParameters: {} });
    expect(put.$metadata.httpStatusCode).toBe(201);
    const got = await cp.client.send(new GetMethodResponseCommand(where));
    expect(got).toMatchObject({ statusCode: '200', responseModels: {}, responseParameters: {} });
  });

  it('a method response put without maps has none (test_import_with_global_api_key_authorizer, import)', async () => {
    const { restApiId, rootId } = await createDeployableApi(cp.client, 'conformance-method-response-bare');
    const where = { restApiId, resourceId: rootId, httpMethod: 'GET', statusCode: '200' };
    await cp.client.send(new PutMethodResponseCommand(where));
    const got = await cp.client.send(new GetMethodResponseCommand(where));
    expect(got.statusCode).toBe('200');
    expect(got).not.toHaveProperty('responseModels');
    expect(got).not.toHaveProperty('responseParameters');
  });
});

describe('integrations and integration responses', () => {
  it('validates statusCode before any lookup (test_integration_response_invalid_statuscode)', async () => {
    const missing = {
      restApiId: 'nosuchapi',
      resourceId: 'nosuchres',
      httpMethod: 'GET',
      statusCode: 'wrong',
    };
    const validation = error('ValidationException', 400, STATUS_PATTERN);
    expect(await failureOf(cp.client.send(new PutIntegrationResponseCommand(missing)))).toEqual(validation);
    expect(await failureOf(cp.client.send(new GetIntegrationResponseCommand(missing)))).toEqual(validation);
  });

  it('validates the integration type before any lookup (test_put_integration_wrong_type)', async () => {
    const input: PutIntegrationCommandInput = {
      restApiId: 'nosuchapi',
      resourceId: 'nosuchres',
      httpMethod: 'GET',
      type: 'HTTPS_PROXY' as 'HTTP_PROXY',
    };
    expect(await failureOf(cp.client.send(new PutIntegrationCommand(input)))).toEqual(
      error(
        'ValidationException',
        400,
        "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]",
      ),
    );
  });

  it('a missing API, resource, method or integration, each as AWS names it (test_get_integration_non_existent, test_integration_response_wrong_*)', async () => {
    const { restApiId, rootId } = await apiWithRoot();
    await cp.client.send(
      new PutMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE' }),
    );
    const at = { restApiId, resourceId: rootId, httpMethod: 'GET' };
    const getIntegration = (input: Partial<typeof at>) =>
      cp.client.send(new GetIntegrationCommand({ ...at, ...input }));
    expect(await failureOf(getIntegration({ restApiId: 'nosuchapi' }))).toEqual(
      notFound('Invalid Resource identifier specified'),
    );
    expect(await failureOf(getIntegration({ resourceId: 'nosuchres' }))).toEqual(
      notFound('Invalid Resource identifier specified'),
    );
    expect(await failureOf(getIntegration({ httpMethod: 'POST' }))).toEqual(
      notFound('Invalid Method identifier specified'),
    );
    expect(await failureOf(getIntegration({}))).toEqual(notFound('Invalid Integration identifier specified'));
    expect(
      await failureOf(cp.client.send(new GetIntegrationResponseCommand({ ...at, statusCode: '200' }))),
    ).toEqual(notFound('Invalid Integration identifier specified'));
    expect(
      await failureOf(
        cp.client.send(new PutIntegrationResponseCommand({ ...at, httpMethod: 'POST', statusCode: '200' })),
      ),
    ).toEqual(notFound('Invalid Method identifier specified'));
  });

  it('an integration is namespaced by its resource and keys on no parameters (test_lifecycle_integration_response)', async () => {
    const { restApiId, rootId } = await createDeployableApi(cp.client, 'conformance-integration');
    const integration = await cp.client.send(
      new GetIntegrationCommand({ restApiId, resourceId: rootId, httpMethod: 'GET' }),
    );
    expect(integration).toMatchObject({
      type: 'MOCK',
      cacheNamespace: rootId,
      cacheKeyParameters: [],
      passthroughBehavior: 'WHEN_NO_MATCH',
      timeoutInMillis: 29000,
    });
    const response = await cp.client.send(
      new PutIntegrationResponseCommand({
        restApiId,
        resourceId: rootId,
        httpMethod: 'GET',
        statusCode: '200',
        responseTemplates: { 'application/json': '"created"' },
        selectionPattern: '',
      }),
    );
    expect(response).toMatchObject({
      statusCode: '200',
      selectionPattern: '',
      responseTemplates: { 'application/json': '"created"' },
    });
  });

  it('DeleteIntegrationResponse: its own order of errors (test_delete_integration_response_errors)', async () => {
    const { restApiId, rootId } = await createDeployableApi(cp.client, 'conformance-delete-ir');
    const at = { restApiId, resourceId: rootId, httpMethod: 'GET', statusCode: '200' };
    await cp.client.send(new PutIntegrationResponseCommand({ ...at, selectionPattern: '' }));
    const del = (input: Partial<typeof at>) =>
      failureOf(cp.client.send(new DeleteIntegrationResponseCommand({ ...at, ...input })));
    expect(await del({ resourceId: 'bad-resource' })).toEqual(
      notFound('Invalid Resource identifier specified'),
    );
    expect(await del({ restApiId: 'bad-api-id' })).toEqual(notFound('Invalid Resource identifier specified'));
    expect(await del({ httpMethod: 'POST' })).toEqual(notFound('Invalid Integration identifier specified'));
    expect(await del({ statusCode: '201' })).toEqual(notFound('Invalid Response status code specified'));
    expect(await del({ httpMethod: 'WRONG', statusCode: '201' })).toEqual(
      notFound('Invalid Integration identifier specified'),
    );
    const deleted = await cp.client.send(new DeleteIntegrationResponseCommand(at));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
  });
});

describe('authorizers of a missing API (test_authorizer_crud_no_api)', () => {
  it('CreateAuthorizer answers a ConflictException, GetAuthorizers a NotFoundException', async () => {
    expect(
      await failureOf(
        cp.client.send(
          new CreateAuthorizerCommand({
            restApiId: 'test-fake-rest-id',
            name: 'fake-auth-name',
            type: 'TOKEN',
            authorizerUri:
              'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:myApiAuthorizer/invocations',
            identitySource: 'method.request.header.Authorization',
          }),
        ),
      ),
    ).toEqual(
      error(
        'ConflictException',
        409,
        'Unable to complete operation due to concurrent modification. Please try again later.',
      ),
    );
    expect(
      await failureOf(cp.client.send(new GetAuthorizersCommand({ restApiId: 'test-fake-rest-id' }))),
    ).toEqual(notFound('Invalid API identifier specified 000000000000:test-fake-rest-id'));
  });
});

describe('FlushStageAuthorizersCache (API Reference: 202 Accepted)', () => {
  it('answers 202 on a stage and NotFound without one', async () => {
    const { restApiId } = await createDeployableApi(cp.client, 'conformance-flush-authorizers');
    await cp.client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
    const flushed = await cp.client.send(
      new FlushStageAuthorizersCacheCommand({ restApiId, stageName: 'dev' }),
    );
    expect(flushed.$metadata.httpStatusCode).toBe(202);
    expect(
      (
        await failureOf(
          cp.client.send(new FlushStageAuthorizersCacheCommand({ restApiId, stageName: 'ghost' })),
        )
      ).name,
    ).toBe('NotFoundException');
  });
});

describe('UpdateMethodResponse (test_update_method_response*, test_update_method_lack_response_parameters_and_models, test_update_method_wrong_param_names)', () => {
  const opError = (n: number) =>
    `Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.${n}.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]`;
  const header = 'method.response.header.my-header';

  async function withResponse(maps: boolean) {
    const { restApiId, rootId } = await createDeployableApi(cp.client, 'conformance-update-method-response');
    const at = { restApiId, resourceId: rootId, httpMethod: 'GET', statusCode: '200' };
    await cp.client.send(
      new PutMethodResponseCommand(
        maps
          ? {
              ...at,
              responseParameters: { [header]: false },
              responseModels: { 'application/json': 'Empty' },
            }
          : at,
      ),
    );
    const update = (patchOperations: PatchOperation[], where: Partial<typeof at> = {}) =>
      cp.client.send(new UpdateMethodResponseCommand({ ...at, ...where, patchOperations }));
    return { at, update };
  }

  it('removes and adds parameters and models; answers 201; an emptied map is gone', async () => {
    const { update } = await withResponse(true);
    const removed = await update([
      { op: 'remove', path: `/responseParameters/${header}`, value: 'true' },
      { op: 'remove', path: '/responseModels/application~1json', value: 'Empty' },
    ]);
    expect(removed.$metadata.httpStatusCode).toBe(201);
    expect(removed.statusCode).toBe('200');
    expect(removed).not.toHaveProperty('responseParameters');
    expect(removed).not.toHaveProperty('responseModels');
    const added = await update([
      { op: 'add', path: `/responseParameters/${header}`, value: 'true' },
      { op: 'add', path: '/responseModels/application~1json', value: 'Empty' },
    ]);
    expect(added).toMatchObject({
      statusCode: '200',
      responseParameters: { [header]: true },
      responseModels: { 'application/json': 'Empty' },
    });
  });

  it('validates ops and the status code before any lookup, ops first', async () => {
    const { update } = await withResponse(true);
    const wrong = { op: 'wrong_op' as 'add', path: '/responseModels/application~1json', value: 'x' };
    expect(await failureOf(update([wrong]))).toEqual(
      error('ValidationException', 400, `1 validation error detected: ${opError(1)}`),
    );
    expect(await failureOf(update([wrong, wrong]))).toEqual(
      error('ValidationException', 400, `2 validation errors detected: ${opError(1)}; ${opError(2)}`),
    );
    expect(await failureOf(update([{ op: 'add', path: '/x', value: 'y' }], { statusCode: 'wrong' }))).toEqual(
      error('ValidationException', 400, STATUS_PATTERN),
    );
    expect(await failureOf(update([wrong], { statusCode: 'wrong', resourceId: 'nosuchres' }))).toEqual(
      error(
        'ValidationException',
        400,
        `2 validation errors detected: ${opError(1)}; ${STATUS_PATTERN.replace('1 validation error detected: ', '')}`,
      ),
    );
    const add = [{ op: 'add' as const, path: `/responseParameters/${header}`, value: 'true' }];
    expect(await failureOf(update(add, { statusCode: '201' }))).toEqual(
      notFound('Invalid Response status code specified'),
    );
    expect(await failureOf(update(add, { resourceId: 'nosuchres' }))).toEqual(
      notFound('Invalid Resource identifier specified'),
    );
    expect(await failureOf(update(add, { httpMethod: 'POST' }))).toEqual(
      notFound('Invalid Method identifier specified'),
    );
  });

  it('a missing parameter or model, and a wrong path', async () => {
    const { update } = await withResponse(false);
    expect(
      await failureOf(update([{ op: 'remove', path: `/responseParameters/${header}`, value: 'true' }])),
    ).toEqual(notFound('Invalid parameter name specified'));
    expect(
      await failureOf(update([{ op: 'remove', path: '/responseModels/application~1json', value: 'Empty' }])),
    ).toEqual(notFound('Content-Type specified was not found'));
    expect(await failureOf(update([{ op: 'remove', path: `/wrong/${header}`, value: 'true' }]))).toEqual(
      badRequest(`Invalid patch path /wrong/${header}`),
    );
    const withMaps = await withResponse(true);
    expect(
      await failureOf(withMaps.update([{ op: 'replace', path: '/responseParameters/wrong', value: 'true' }])),
    ).toEqual(notFound('Invalid parameter name specified'));
    expect(
      await failureOf(withMaps.update([{ op: 'replace', path: '/responseModels/wrong', value: 'Empty' }])),
    ).toEqual(notFound('Content-Type specified was not found'));
  });
});
