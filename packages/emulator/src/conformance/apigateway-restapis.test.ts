import {
  CreateRestApiCommand,
  type CreateRestApiCommandInput,
  GetRestApiCommand,
  GetRestApisCommand,
  type PatchOperation,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlPlaneUnderTest, controlPlaneUnderTest, failureOf } from '../apigateway/sdk-harness.ts';

/**
 * API Gateway conformance, REST APIs: every expected value below was recorded on real AWS in
 * LocalStack's snapshot tests/aws/services/apigateway/test_apigateway_api.snapshot.json (test named
 * in each case; the request is the one that test sends).
 */

let cp: ControlPlaneUnderTest;
beforeAll(async () => {
  cp = await controlPlaneUnderTest();
});
afterAll(() => cp.close());

const create = (input: Partial<CreateRestApiCommandInput> = {}) =>
  cp.client.send(new CreateRestApiCommand({ name: 'conformance', ...input }));
const update = (restApiId: string, patchOperations: PatchOperation[]) =>
  cp.client.send(new UpdateRestApiCommand({ restApiId, patchOperations }));
const badRequest = (message: string) => ({ name: 'BadRequestException', status: 400, message });
const validation = (message: string) => ({ name: 'ValidationException', status: 400, message });

const TYPES_ENUM =
  "Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]";
const IP_ENUM =
  "Value 'wrong' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to satisfy constraint: Member must satisfy enum value set: [ipv4, dualstack]";

describe('CreateRestApi', () => {
  it('defaults: EDGE on ipv4, PRIVATE on dualstack (test_create_rest_api_verify_defaults)', async () => {
    const edge = await create();
    expect(edge.endpointConfiguration).toEqual({ types: ['EDGE'], ipAddressType: 'ipv4' });
    expect(edge).toMatchObject({ apiKeySource: 'HEADER', disableExecuteApiEndpoint: false });
    expect(edge.$metadata.httpStatusCode).toBe(201);
    const regional = await create({ endpointConfiguration: { types: ['REGIONAL'] } });
    expect(regional.endpointConfiguration).toEqual({ types: ['REGIONAL'], ipAddressType: 'ipv4' });
    const priv = await create({ endpointConfiguration: { types: ['PRIVATE'] } });
    expect(priv.endpointConfiguration).toEqual({ types: ['PRIVATE'], ipAddressType: 'dualstack' });
    const empty = await create({ endpointConfiguration: {} });
    expect(empty.endpointConfiguration).toEqual({ types: ['EDGE'], ipAddressType: 'ipv4' });
  });

  it('an explicit dualstack EDGE API (test_create_rest_api_with_endpoint_configuration)', async () => {
    const api = await create({ endpointConfiguration: { types: ['EDGE'], ipAddressType: 'dualstack' } });
    expect(api.endpointConfiguration).toEqual({ types: ['EDGE'], ipAddressType: 'dualstack' });
    const again = await cp.client.send(new GetRestApiCommand({ restApiId: api.id }));
    expect(again.endpointConfiguration).toEqual({ types: ['EDGE'], ipAddressType: 'dualstack' });
  });

  it('refuses bad endpoint configurations with AWS messages (test_create_rest_api_with_endpoint_configuration)', async () => {
    expect(await failureOf(create({ endpointConfiguration: { types: [] } }))).toEqual(
      badRequest('REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.'),
    );
    expect(
      await failureOf(
        create({ endpointConfiguration: { types: ['EDGE'], ipAddressType: 'wrong' as 'ipv4' } }),
      ),
    ).toEqual(validation(`1 validation error detected: ${IP_ENUM}`));
    expect(
      await failureOf(
        create({ endpointConfiguration: { types: ['wrong' as 'EDGE'], ipAddressType: 'ipv4' } }),
      ),
    ).toEqual(validation(`1 validation error detected: ${TYPES_ENUM}`));
    expect(
      await failureOf(
        create({ endpointConfiguration: { types: ['wrong' as 'EDGE'], ipAddressType: 'wrong' as 'ipv4' } }),
      ),
    ).toEqual(validation(`2 validation errors detected: ${TYPES_ENUM}; ${IP_ENUM}`));
    expect(await failureOf(create({ endpointConfiguration: { types: ['EDGE', 'REGIONAL'] } }))).toEqual(
      badRequest('Cannot create an api with multiple Endpoint Types.'),
    );
  });

  it('shape errors come before the description and compression checks (create-with-multiple-errors-1/2)', async () => {
    const bad = { description: '', minimumCompressionSize: -1 };
    expect(
      await failureOf(
        create({
          ...bad,
          endpointConfiguration: { types: ['wrong' as 'EDGE'], ipAddressType: 'wrong' as 'ipv4' },
        }),
      ),
    ).toEqual(validation(`2 validation errors detected: ${TYPES_ENUM}; ${IP_ENUM}`));
    expect(
      await failureOf(create({ ...bad, endpointConfiguration: { types: ['EDGE'], ipAddressType: 'ipv4' } })),
    ).toEqual(badRequest('Description cannot be an empty string'));
  });

  it('a PRIVATE API must be dualstack (test_create_rest_api_private_type)', async () => {
    expect(
      await failureOf(create({ endpointConfiguration: { types: ['PRIVATE'], ipAddressType: 'ipv4' } })),
    ).toEqual(badRequest('Only dualstack ipAddressType is supported for Private APIs.'));
    expect(
      await failureOf(
        create({ endpointConfiguration: { types: ['PRIVATE'], ipAddressType: 'wrong' as 'ipv4' } }),
      ),
    ).toEqual(validation(`1 validation error detected: ${IP_ENUM}`));
    expect(
      await failureOf(
        create({ description: '', endpointConfiguration: { types: ['PRIVATE'], ipAddressType: 'ipv4' } }),
      ),
    ).toEqual(badRequest('Description cannot be an empty string'));
  });

  it('refuses an empty description; omits what was not given (test_create_rest_api_with_optional_params)', async () => {
    expect(await failureOf(create({ description: '' }))).toEqual(
      badRequest('Description cannot be an empty string'),
    );
    const onlyName = await create();
    expect(onlyName.description).toBeUndefined();
    expect(onlyName.version).toBeUndefined();
    expect(onlyName.binaryMediaTypes).toBeUndefined();
    const withVersion = await create({ version: 'v1', binaryMediaTypes: [] });
    expect(withVersion.version).toBe('v1');
    expect(withVersion.binaryMediaTypes).toBeUndefined();
  });
});

describe('tags (test_create_rest_api_with_tags)', () => {
  it('come back from CreateRestApi, GetRestApi and GetRestApis', async () => {
    const api = await create({ description: 'this is my api', tags: { MY_TAG1: 'MY_VALUE1' } });
    expect(api.tags).toEqual({ MY_TAG1: 'MY_VALUE1' });
    expect((await cp.client.send(new GetRestApiCommand({ restApiId: api.id }))).tags).toEqual({
      MY_TAG1: 'MY_VALUE1',
    });
    const { items } = await cp.client.send(new GetRestApisCommand({ limit: 500 }));
    expect(items?.find((i) => i.id === api.id)?.tags).toEqual({ MY_TAG1: 'MY_VALUE1' });
  });
});

describe('GetRestApi / UpdateRestApi on a missing API', () => {
  it('names the account and the id (test_get_api_case_insensitive, test_update_rest_api_invalid_api_id)', async () => {
    const accountId = '000000000000'; // the emulator's account, as LocalStack's
    expect(await failureOf(cp.client.send(new GetRestApiCommand({ restApiId: 'API_ID' })))).toEqual({
      name: 'NotFoundException',
      status: 404,
      message: `Invalid API identifier specified ${accountId}:API_ID`,
    });
    expect(
      await failureOf(update('api_id', [{ op: 'replace', path: '/apiKeySource', value: 'AUTHORIZER' }])),
    ).toEqual({
      name: 'NotFoundException',
      status: 404,
      message: `Invalid API identifier specified ${accountId}:api_id`,
    });
  });
});

describe('UpdateRestApi', () => {
  it('patches binaryMediaTypes by ~1-escaped key: add, replace, remove (test_update_rest_api_operation_add_remove)', async () => {
    const { id } = await create({ description: 'this is my api' });
    const added = await update(id!, [
      { op: 'add', path: '/binaryMediaTypes/image~1png' },
      { op: 'add', path: '/binaryMediaTypes/image~1jpeg' },
    ]);
    expect(added.binaryMediaTypes).toEqual(['image/png', 'image/jpeg']);
    expect(added.description).toBe('this is my api');
    const replaced = await update(id!, [
      { op: 'replace', path: '/binaryMediaTypes/image~1png', value: 'image/gif' },
    ]);
    expect(replaced.binaryMediaTypes).toEqual(['image/jpeg', 'image/gif']);
    const removed = await update(id!, [
      { op: 'remove', path: '/binaryMediaTypes/image~1gif' },
      { op: 'remove', path: '/description' },
    ]);
    expect(removed.binaryMediaTypes).toEqual(['image/jpeg']);
    expect(removed.description).toBeUndefined();
  });

  it('"-" is a media type, not "append"; the list itself is no patch path (test_update_rest_api_behaviour)', async () => {
    const { id } = await create({ description: 'this is my api' });
    const dash = await update(id!, [{ op: 'add', path: '/binaryMediaTypes/-', value: 'image/png' }]);
    expect(dash.binaryMediaTypes).toEqual(['-']);
    for (const op of ['add', 'replace', 'remove'] as const) {
      expect(await failureOf(update(id!, [{ op, path: '/binaryMediaTypes', value: 'image/gif' }]))).toEqual(
        badRequest('Invalid patch path /binaryMediaTypes'),
      );
    }
  });

  it('minimumCompressionSize: set, unset with an empty value, 0, and its errors (test_update_rest_api_compression)', async () => {
    const { id } = await create({ description: 'this is my api' });
    const path = '/minimumCompressionSize';
    expect((await update(id!, [{ op: 'replace', path, value: '10' }])).minimumCompressionSize).toBe(10);
    expect((await update(id!, [{ op: 'replace', path, value: '' }])).minimumCompressionSize).toBeUndefined();
    expect((await update(id!, [{ op: 'replace', path, value: '0' }])).minimumCompressionSize).toBe(0);
    const sizeError = badRequest('Invalid minimum compression size, must be between 0 and 10485760');
    expect(await failureOf(update(id!, [{ op: 'replace', path, value: '-1' }]))).toEqual(sizeError);
    expect(await failureOf(update(id!, [{ op: 'replace', path, value: 'test' }]))).toEqual(sizeError);
    expect(await failureOf(update(id!, [{ op: 'add', path, value: '10' }]))).toEqual(
      badRequest('Invalid patch operation specified. Must be one of: [replace]'),
    );
  });

  it('endpoint type and ipAddressType (test_update_rest_api_ip_address_type)', async () => {
    const { id } = await create();
    const types = '/endpointConfiguration/types/0';
    const ip = '/endpointConfiguration/ipAddressType';
    const toPrivate = await update(id!, [
      { op: 'replace', path: types, value: 'EDGE' },
      { op: 'replace', path: types, value: 'REGIONAL' },
      { op: 'replace', path: types, value: 'PRIVATE' },
    ]);
    expect(toPrivate.endpointConfiguration).toEqual({ types: ['PRIVATE'], ipAddressType: 'dualstack' });
    expect(await failureOf(update(id!, [{ op: 'replace', path: ip, value: 'ipv4' }]))).toEqual(
      badRequest('Only dualstack ipAddressType is supported for Private APIs.'),
    );
    expect(await failureOf(update(id!, [{ op: 'replace', path: ip, value: 'wrong' }]))).toEqual(
      badRequest('ipAddressType must be either ipv4 or dualstack.'),
    );
    expect(await failureOf(update(id!, [{ op: 'replace', path: types, value: 'wrong' }]))).toEqual(
      badRequest('Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE'),
    );
    expect(await failureOf(update(id!, [{ op: 'remove', path: ip, value: 'dualstack' }]))).toEqual(
      badRequest('Invalid patch operation specified. Must be one of: [replace]'),
    );
    expect(await failureOf(update(id!, [{ op: 'remove', path: types, value: 'EDGE' }]))).toEqual(
      badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'"),
    );
    const same = await update(id!, [{ op: 'replace', path: ip, value: 'dualstack' }]);
    expect(same.endpointConfiguration).toEqual({ types: ['PRIVATE'], ipAddressType: 'dualstack' });
  });

  it('every bad op is reported, by position, before anything applies (test_update_rest_api_concatenation_of_errors)', async () => {
    const { id } = await create();
    const opError = (n: number) =>
      `Value 'wrong' at 'updateRestApiInput.patchOperations.${n}.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]`;
    const failure = await failureOf(
      update(id!, [
        { op: 'wrong' as 'add', path: '/endpointConfiguration/ipAddressType', value: 'ipv4' },
        { op: 'wrong' as 'add', path: '/endpointConfiguration/types/0', value: 'EDGE' },
        { op: 'wrong' as 'add', path: '/endpointConfiguration/types/0', value: 'REGIONAL' },
      ]),
    );
    expect(failure).toEqual(
      validation(`3 validation errors detected: ${opError(1)}; ${opError(2)}; ${opError(3)}`),
    );
  });
});
