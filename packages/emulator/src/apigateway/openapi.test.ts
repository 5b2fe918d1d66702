import {
  BadRequestException,
  CreateDeploymentCommand,
  GetAuthorizersCommand,
  GetExportCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
  type Resource,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type ControlPlaneUnderTest, controlPlaneUnderTest } from './sdk-harness.ts';

const LAMBDA_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations';

/** An OpenAPI 3 document using each thing the import must honour. */
const bookshop = {
  openapi: '3.0.1',
  info: { title: 'Bookshop', description: 'Books and authors', version: '1.0' },
  components: {
    securitySchemes: {
      api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
      tokenAuth: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': {
          type: 'token',
          authorizerUri: LAMBDA_URI,
          authorizerResultTtlInSeconds: 60,
        },
      },
      users: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'cognito_user_pools',
        'x-amazon-apigateway-authorizer': {
          type: 'cognito_user_pools',
          providerARNs: ['arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc'],
        },
      },
    },
  },
  paths: {
    '/books': {
      get: {
        operationId: 'listBooks',
        security: [{ api_key: [] }],
        parameters: [{ name: 'author', in: 'query', required: false, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok', headers: { 'X-Total': { schema: { type: 'string' } } } } },
        'x-amazon-apigateway-integration': {
          type: 'http_proxy',
          httpMethod: 'GET',
          uri: 'https://backend.example.com/books',
          timeoutInMillis: 5000,
          requestParameters: {
            'integration.request.querystring.author': 'method.request.querystring.author',
          },
        },
      },
      post: {
        security: [{ tokenAuth: [] }],
        responses: { '201': { description: 'created' } },
        'x-amazon-apigateway-integration': {
          type: 'http',
          httpMethod: 'POST',
          uri: 'https://backend.example.com/books',
          responses: { default: { statusCode: '201' } },
        },
      },
    },
    '/books/{bookId}': {
      parameters: [{ name: 'bookId', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        security: [{ users: [] }],
        responses: { '200': { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: {
            default: { statusCode: '200', responseTemplates: { 'application/json': '{"id": 1}' } },
          },
        },
      },
    },
    '/admin': {
      'x-amazon-apigateway-any-method': {
        'x-amazon-apigateway-auth': { type: 'aws_iam' },
        responses: { '200': { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
        },
      },
    },
  },
};

const authorsSwaggerYaml = `
swagger: "2.0"
info:
  title: Bookshop
  version: "1.1"
paths:
  /authors:
    get:
      parameters:
        - name: page
          in: query
          required: true
          type: string
      responses:
        "200":
          description: ok
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: https://backend.example.com/authors
`;

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (body: Uint8Array | undefined) => new TextDecoder().decode(body);

type Doc = { paths: Record<string, Record<string, Record<string, unknown>>> } & Record<string, unknown>;

describe('import and export of OpenAPI documents through the AWS SDK', () => {
  let cp: ControlPlaneUnderTest;
  let restApiId: string;

  beforeAll(async () => {
    cp = await controlPlaneUnderTest();
  });
  afterAll(() => cp.close());

  const resources = async (id: string) =>
    (await cp.client.send(new GetResourcesCommand({ restApiId: id, embed: ['methods'], limit: 500 })))
      .items ?? [];
  const byPath = (list: Resource[], path: string) => list.find((r) => r.path === path);
  const exportStage = (exportType: 'oas30' | 'swagger', accepts: string, extensions?: string) =>
    cp.client.send(
      new GetExportCommand({
        restApiId,
        stageName: 'v1',
        exportType,
        parameters: extensions ? { extensions } : undefined,
        accepts,
      }),
    );

  it('imports an OpenAPI 3 document (201) with integrations, security schemes and request parameters', async () => {
    const api = await cp.client.send(
      new ImportRestApiCommand({
        body: bytes(JSON.stringify(bookshop)),
        parameters: { endpointConfigurationTypes: 'REGIONAL' },
      }),
    );
    expect(api.$metadata.httpStatusCode).toBe(201);
    expect(api).toMatchObject({ name: 'Bookshop', description: 'Books and authors', version: '1.0' });
    restApiId = api.id!;

    const authorizers = (await cp.client.send(new GetAuthorizersCommand({ restApiId }))).items ?? [];
    const token = authorizers.find((a) => a.name === 'tokenAuth');
    const cognito = authorizers.find((a) => a.name === 'users');
    expect(token).toMatchObject({
      type: 'TOKEN',
      authorizerUri: LAMBDA_URI,
      identitySource: 'method.request.header.Authorization',
      authorizerResultTtlInSeconds: 60,
    });
    expect(cognito).toMatchObject({ type: 'COGNITO_USER_POOLS' });

    const list = await resources(restApiId);
    const books = byPath(list, '/books')?.resourceMethods;
    expect(books?.GET).toMatchObject({
      apiKeyRequired: true,
      authorizationType: 'NONE',
      operationName: 'listBooks',
      requestParameters: { 'method.request.querystring.author': false },
      methodIntegration: {
        type: 'HTTP_PROXY',
        httpMethod: 'GET',
        uri: 'https://backend.example.com/books',
        timeoutInMillis: 5000,
        requestParameters: { 'integration.request.querystring.author': 'method.request.querystring.author' },
      },
    });
    expect(books?.POST).toMatchObject({ authorizationType: 'CUSTOM', authorizerId: token?.id });
    expect(books?.POST?.methodIntegration?.integrationResponses?.['201']).toMatchObject({
      statusCode: '201',
    });
    expect(byPath(list, '/books/{bookId}')?.resourceMethods?.GET).toMatchObject({
      authorizationType: 'COGNITO_USER_POOLS',
      authorizerId: cognito?.id,
      requestParameters: { 'method.request.path.bookId': true },
      methodIntegration: { type: 'MOCK' },
    });
    expect(byPath(list, '/admin')?.resourceMethods?.ANY).toMatchObject({ authorizationType: 'AWS_IAM' });
  });

  it('exports the deployed stage as OpenAPI 3 (JSON and YAML) and Swagger 2 with the integrations', async () => {
    await cp.client.send(new CreateDeploymentCommand({ restApiId, stageName: 'v1' }));
    const exported = await exportStage('oas30', 'application/json', 'integrations');
    const doc = JSON.parse(text(exported.body)) as Doc;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: 'Bookshop' });
    expect(Object.keys(doc.paths).sort()).toEqual(['/admin', '/books', '/books/{bookId}']);
    for (const [path, item] of Object.entries(bookshop.paths)) {
      for (const [verb, operation] of Object.entries(item)) {
        if (verb === 'parameters') continue;
        const original = (operation as Record<string, Record<string, unknown>>)[
          'x-amazon-apigateway-integration'
        ];
        const roundTripped = doc.paths[path]?.[verb]?.['x-amazon-apigateway-integration'] as Record<
          string,
          unknown
        >;
        expect(roundTripped, `${verb} ${path}`).toMatchObject({
          type: original?.type,
          ...(original?.uri ? { uri: original.uri, httpMethod: original.httpMethod } : {}),
        });
      }
    }
    expect(doc.paths['/books']?.get?.security).toEqual([{ api_key: [] }]);
    expect(doc.paths['/books']?.get?.parameters).toEqual([
      expect.objectContaining({ name: 'author', in: 'query' }),
    ]);

    const yamlExport = await exportStage('oas30', 'application/yaml', 'integrations');
    expect(yamlExport.contentType).toMatch(/yaml/);
    expect(parseYaml(text(yamlExport.body))).toEqual(doc);

    const swagger = await exportStage('swagger', 'application/json');
    const swaggerDoc = JSON.parse(text(swagger.body)) as Doc;
    expect(swaggerDoc).toMatchObject({ swagger: '2.0', basePath: '/v1' });
    expect(swaggerDoc.paths['/books']?.get?.['x-amazon-apigateway-integration']).toBeUndefined();
  });

  it('re-imports its own export into an identical API', async () => {
    const exported = await exportStage('oas30', 'application/yaml', 'integrations');
    const copy = await cp.client.send(new ImportRestApiCommand({ body: exported.body! }));
    const shape = (list: Resource[]) =>
      list
        .filter((r) => r.resourceMethods)
        .map((r) => ({
          path: r.path,
          methods: Object.fromEntries(
            Object.entries(r.resourceMethods ?? {}).map(([verb, m]) => [
              verb,
              {
                authorizationType: m.authorizationType,
                apiKeyRequired: m.apiKeyRequired,
                type: m.methodIntegration?.type,
                uri: m.methodIntegration?.uri,
                timeoutInMillis: m.methodIntegration?.timeoutInMillis,
              },
            ]),
          ),
        }))
        .sort((a, b) => (a.path ?? '').localeCompare(b.path ?? ''));
    expect(shape(await resources(copy.id!))).toEqual(shape(await resources(restApiId)));
  });

  it('merges and overwrites with PutRestApi from Swagger 2 YAML', async () => {
    const merged = await cp.client.send(
      new PutRestApiCommand({ restApiId, mode: 'merge', body: bytes(authorsSwaggerYaml) }),
    );
    expect(merged.$metadata.httpStatusCode).toBe(200);
    let list = await resources(restApiId);
    expect(byPath(list, '/authors')?.resourceMethods?.GET).toMatchObject({
      requestParameters: { 'method.request.querystring.page': true },
      methodIntegration: { type: 'HTTP_PROXY', uri: 'https://backend.example.com/authors' },
    });
    expect(byPath(list, '/books')?.resourceMethods?.GET).toBeDefined();

    await cp.client.send(
      new PutRestApiCommand({ restApiId, mode: 'overwrite', body: bytes(authorsSwaggerYaml) }),
    );
    list = await resources(restApiId);
    expect(byPath(list, '/authors')).toBeDefined();
    expect(byPath(list, '/books')).toBeUndefined();
  });

  it('refuses documents that are not OpenAPI, or carry illegal values, without creating an API', async () => {
    await expect(
      cp.client.send(new ImportRestApiCommand({ body: bytes('{"hello": "world"}') })),
    ).rejects.toBeInstanceOf(BadRequestException);
    const name = `Broken-${Date.now()}`;
    const broken = structuredClone(bookshop);
    broken.info.title = name;
    broken.paths['/books'].get['x-amazon-apigateway-integration'].timeoutInMillis = 10;
    await expect(
      cp.client.send(new ImportRestApiCommand({ body: bytes(JSON.stringify(broken)) })),
    ).rejects.toBeInstanceOf(BadRequestException);
    const apis = await cp.client.send(new GetRestApisCommand({ limit: 500 }));
    expect(apis.items?.some((a) => a.name === name)).toBe(false);
  });
});
