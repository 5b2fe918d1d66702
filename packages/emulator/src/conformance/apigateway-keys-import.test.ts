import {
  CreateApiKeyCommand,
  type CreateApiKeyCommandInput,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetApiKeyCommand,
  GetExportCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
  UpdateApiKeyCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlPlaneUnderTest, controlPlaneUnderTest, failureOf } from '../apigateway/sdk-harness.ts';

/**
 * API Gateway conformance, API keys and import: expected values recorded on real AWS in LocalStack's
 * snapshots tests/aws/services/apigateway/test_apigateway_extended.snapshot.json (API keys, GetExport) and
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

describe('GetExport (test_export_oas30_openapi[TEST_IMPORT_PETS], test_export_swagger_openapi[TEST_IMPORT_PETS], extended)', () => {
  /** LocalStack's tests/aws/files/pets.json: two GET methods on HTTP integrations. */
  const integration = (uri: string, extra: Record<string, unknown> = {}) => ({
    responses: { default: { statusCode: '200' } },
    uri,
    passthroughBehavior: 'when_no_match',
    httpMethod: 'GET',
    type: 'http',
    ...extra,
  });
  const petsUri = 'http://petstore-demo-endpoint.execute-api.com/petstore/pets';
  const idParameter = { 'integration.request.path.id': 'method.request.path.petId' };
  const petsDocument = JSON.stringify({
    swagger: '2.0',
    info: { title: 'Simple PetStore (Swagger)', version: '1.0.0' },
    schemes: ['https'],
    'x-amazon-apigateway-binary-media-types': ['image/png', 'image/jpg'],
    paths: {
      '/pets': {
        get: {
          responses: { '200': { description: '200 response' } },
          'x-amazon-apigateway-integration': integration(petsUri),
        },
      },
      '/pets/{petId}': {
        get: {
          parameters: [{ name: 'petId', in: 'path', required: true, type: 'string' }],
          responses: { '200': { description: '200 response' } },
          'x-amazon-apigateway-integration': integration(`${petsUri}/{id}`, {
            requestParameters: idParameter,
          }),
        },
      },
    },
  });

  async function exported(exportType: 'oas30' | 'swagger', parameters?: Record<string, string>) {
    const api = await cp.client.send(new ImportRestApiCommand({ body: body(petsDocument) }));
    await cp.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'local' }));
    const out = await cp.client.send(
      new GetExportCommand({ restApiId: api.id, stageName: 'local', exportType, parameters }),
    );
    return { api, out, doc: JSON.parse(new TextDecoder().decode(out.body)) as Record<string, unknown> };
  }

  /** The SDK always sends `Accept: application/json`; boto3, which recorded these, sends none. */
  async function exportedWithoutAccept(restApiId: string, exportType: string) {
    const response = await fetch(`${cp.endpoint}/restapis/${restApiId}/stages/local/exports/${exportType}`);
    await response.arrayBuffer();
    return {
      contentType: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition'),
    };
  }

  it('oas30: octet-stream, oas30_<version>.json, content: {} and components: {}', async () => {
    const { api, out, doc } = await exported('oas30');
    expect(api).toMatchObject({
      name: 'Simple PetStore (Swagger)',
      version: '1.0.0',
      binaryMediaTypes: ['image/png', 'image/jpg'],
    });
    expect(out.contentDisposition).toBe('attachment; filename="oas30_1.0.0.json"');
    expect(await exportedWithoutAccept(api.id!, 'oas30')).toEqual({
      contentType: 'application/octet-stream',
      disposition: 'attachment; filename="oas30_1.0.0.json"',
    });
    const region = await cp.client.config.region();
    expect(doc).toEqual({
      openapi: '3.0.1',
      info: { title: 'Simple PetStore (Swagger)', version: '1.0.0' },
      servers: [
        {
          url: `https://${api.id}.execute-api.${region}.amazonaws.com/{basePath}`,
          variables: { basePath: { default: 'local' } },
        },
      ],
      paths: {
        '/pets': { get: { responses: { '200': { description: '200 response', content: {} } } } },
        '/pets/{petId}': {
          get: {
            parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { '200': { description: '200 response', content: {} } },
          },
        },
      },
      components: {},
    });
  });

  it('with extensions=apigateway: integrations as imported, no defaults or key source invented', async () => {
    const { doc } = await exported('oas30', { extensions: 'apigateway' });
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(paths['/pets']?.get?.['x-amazon-apigateway-integration']).toEqual(integration(petsUri));
    expect(paths['/pets/{petId}']?.get?.['x-amazon-apigateway-integration']).toEqual(
      integration(`${petsUri}/{id}`, { requestParameters: idParameter }),
    );
    expect(doc['x-amazon-apigateway-binary-media-types']).toEqual(['image/png', 'image/jpg']);
    expect(doc).not.toHaveProperty('x-amazon-apigateway-api-key-source');
    expect(doc.components).toEqual({});
  });

  it('swagger: host, basePath, schemes; swagger_<version>.json', async () => {
    const { api, out, doc } = await exported('swagger');
    expect(out.contentDisposition).toBe('attachment; filename="swagger_1.0.0.json"');
    expect((await exportedWithoutAccept(api.id!, 'swagger')).contentType).toBe('application/octet-stream');
    const region = await cp.client.config.region();
    expect(doc).toEqual({
      swagger: '2.0',
      info: { version: '1.0.0', title: 'Simple PetStore (Swagger)' },
      host: `${api.id}.execute-api.${region}.amazonaws.com`,
      basePath: '/local',
      schemes: ['https'],
      paths: {
        '/pets': { get: { responses: { '200': { description: '200 response' } } } },
        '/pets/{petId}': {
          get: {
            parameters: [{ name: 'petId', in: 'path', required: true, type: 'string' }],
            responses: { '200': { description: '200 response' } },
          },
        },
      },
    });
  });
});
