import {
  CreateApiKeyCommand,
  type CreateApiKeyCommandInput,
  CreateRestApiCommand,
  GetApiKeyCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
  UpdateApiKeyCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlPlaneUnderTest, controlPlaneUnderTest, failureOf } from '../apigateway/sdk-harness.ts';

/**
 * API Gateway conformance, API keys and import: expected values recorded on real AWS in LocalStack's
 * snapshots tests/aws/services/apigateway/test_apigateway_extended.snapshot.json (API keys) and
 * test_apigateway_import.snapshot.json (test named in each case).
 */

let cp: ControlPlaneUnderTest;
beforeAll(async () => {
  cp = await controlPlaneUnderTest();
});
afterAll(() => cp.close());

const badRequest = (message: string) => ({ name: 'BadRequestException', status: 400, message });
const createKey = (input: CreateApiKeyCommandInput = {}) => cp.client.send(new CreateApiKeyCommand(input));
const body = (text: string) => new TextEncoder().encode(text);

describe('API keys', () => {
  it('a name of at most 1024 characters; none (or an empty one) means no name member (test_create_api_key_with_invalid_name)', async () => {
    expect(await failureOf(createKey({ name: 'a'.repeat(1025) }))).toEqual(
      badRequest('Invalid API Key name, can be at most 1024 characters.'),
    );
    const empty = await createKey({ name: '' });
    expect(empty.$metadata.httpStatusCode).toBe(201);
    expect(empty).not.toHaveProperty('name');
    expect(empty).toMatchObject({ enabled: false, stageKeys: [] });
    const none = await createKey();
    expect(none).not.toHaveProperty('name');
    expect(none.value).toBeTruthy();
  });

  it('a value of 20 to 128 characters; an empty one is generated (test_create_api_key_with_invalid_value)', async () => {
    expect(await failureOf(createKey({ value: 'short' }))).toEqual(
      badRequest('API Key value should be at least 20 characters'),
    );
    expect(await failureOf(createKey({ value: 'a'.repeat(129) }))).toEqual(
      badRequest('API Key value exceeds maximum size of 128 characters'),
    );
    const generated = await createKey({ value: '' });
    expect(generated.value?.length).toBeGreaterThanOrEqual(20);
  });

  it('a description of at most 125,000 characters, on create and update (test_update_api_key_invalid_description_length)', async () => {
    const long = 'a'.repeat(125_001);
    expect(await failureOf(createKey({ description: long }))).toEqual(
      badRequest('Invalid API Key description specified.'),
    );
    const { id } = await createKey({ name: 'described' });
    expect(
      await failureOf(
        cp.client.send(
          new UpdateApiKeyCommand({
            apiKey: id,
            patchOperations: [{ op: 'replace', path: '/description', value: long }],
          }),
        ),
      ),
    ).toEqual(badRequest('Invalid API Key description specified.'));
  });

  it('UpdateApiKey: "enabled" other than true is false; immutable paths refused (test_update_api_key_invalid_enabled_type, _immutable_field)', async () => {
    const { id } = await createKey({ name: 'toggled', enabled: true });
    const updated = await cp.client.send(
      new UpdateApiKeyCommand({
        apiKey: id,
        patchOperations: [{ op: 'replace', path: '/enabled', value: 'not-a-boolean' }],
      }),
    );
    expect(updated.enabled).toBe(false);
    expect(updated.value).toBeUndefined();
    expect((await cp.client.send(new GetApiKeyCommand({ apiKey: id }))).enabled).toBe(false);
    expect(
      await failureOf(
        cp.client.send(
          new UpdateApiKeyCommand({
            apiKey: id,
            patchOperations: [{ op: 'replace', path: '/id', value: 'new-id' }],
          }),
        ),
      ),
    ).toEqual(
      badRequest(
        "Invalid patch path  '/id' specified for op 'replace'. Must be one of: [/description, /enabled, /name, /customerId]",
      ),
    );
  });
});

describe('ImportRestApi and PutRestApi', () => {
  const badYaml = 'test:\n    value:\n        - "value ... "escaped": $var, "dt": $(var +"%a")}"\n        ';
  const badJson = "{'key:value}";

  it('an unreadable document is "Invalid OpenAPI input.", checked before the API id (test_import_api_bad_file)', async () => {
    const invalid = badRequest('Invalid OpenAPI input.');
    for (const text of [badYaml, badJson]) {
      expect(await failureOf(cp.client.send(new ImportRestApiCommand({ body: body(text) })))).toEqual(
        invalid,
      );
      expect(
        await failureOf(cp.client.send(new PutRestApiCommand({ restApiId: 'nosuchapi1', body: body(text) }))),
      ).toEqual(invalid);
    }
  });

  /** LocalStack's tests/aws/files/pets.json, reduced to what the recorded answer depends on. */
  const pets = JSON.stringify({
    swagger: '2.0',
    info: { title: 'Simple PetStore (Swagger)', version: '1.0.0' },
    schemes: ['https'],
    'x-amazon-apigateway-binary-media-types': ['image/png', 'image/jpg'],
    paths: {
      '/pets': {
        get: {
          responses: { '200': { description: 'ok' } },
          'x-amazon-apigateway-integration': { type: 'mock' },
        },
      },
    },
  });

  it.each([
    ['merge', ['image/heif', 'image/png', 'image/jpg']],
    ['overwrite', ['image/png', 'image/jpg']],
  ] as const)(
    'PutRestApi mode=%s: title, version and binary media types (test_put_rest_api_mode_binary_media_types)',
    async (mode, types) => {
      const api = await cp.client.send(
        new CreateRestApiCommand({ name: 'before-put', binaryMediaTypes: ['image/heif'] }),
      );
      const put = await cp.client.send(new PutRestApiCommand({ restApiId: api.id, mode, body: body(pets) }));
      expect(put).toMatchObject({
        id: api.id,
        name: 'Simple PetStore (Swagger)',
        version: '1.0.0',
        binaryMediaTypes: types,
        apiKeySource: 'HEADER',
        endpointConfiguration: { types: ['EDGE'], ipAddressType: 'ipv4' },
      });
    },
  );
});
