import type {
  ApiKeySourceType,
  CreateAuthorizerRequest,
  PutIntegrationRequest,
} from '@aws-sdk/client-api-gateway';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  type AuthorizerRecord,
  findResourceByPath,
  type IntegrationRecord,
  type MethodRecord,
  newId,
  type ResourceRecord,
  type RestApiRecord,
  type StageRecord,
} from '../state.ts';
import { addAuthorizer } from './authorizers.ts';
import { badRequest } from './errors.ts';
import {
  integrationRecord,
  MAX_INTEGRATION_TIMEOUT_MS,
  methodRecord,
  putIntegrationResponse,
  putMethodResponse,
  resourceAtPath,
} from './service.ts';

/** A parsed OpenAPI / Swagger document: plain JSON values. */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const obj = (value: unknown): Json => (isObject(value) ? value : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const strMap = (value: unknown): Record<string, string> | undefined => {
  if (!isObject(value)) return undefined;
  const entries = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length ? Object.fromEntries(entries) : undefined;
};

/** OpenAPI's lowercase verbs and API Gateway's ANY extension, to API Gateway's verbs. */
const VERBS: Record<string, string> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  delete: 'DELETE',
  patch: 'PATCH',
  head: 'HEAD',
  options: 'OPTIONS',
  'x-amazon-apigateway-any-method': 'ANY',
};
const VERB_KEYS = Object.fromEntries(Object.entries(VERBS).map(([k, v]) => [v, k]));

/** Reads a request body as an OpenAPI 3 or Swagger 2 document, JSON or YAML. */
/** AWS's one answer to a body it cannot read as OpenAPI 3 or Swagger 2 (recorded on AWS). */
const INVALID_OPENAPI = 'Invalid OpenAPI input.';

export function parseApiDocument(text: string): Json {
  let doc: unknown;
  try {
    doc = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch {
    throw badRequest(INVALID_OPENAPI);
  }
  if (!isObject(doc)) throw badRequest(INVALID_OPENAPI);
  const oas3 = typeof doc.openapi === 'string' && doc.openapi.startsWith('3.');
  const swagger2 = doc.swagger === '2.0';
  if (!oas3 && !swagger2) throw badRequest(INVALID_OPENAPI);
  if (!str(obj(doc.info).title))
    throw badRequest('Invalid OpenAPI input: info.title (the API name) is required');
  return doc;
}

/** The document's name, description and version. */
export function documentInfo(doc: Json) {
  const info = obj(doc.info);
  return {
    name: str(info.title) ?? '',
    description: str(info.description),
    version: str(info.version),
    // Validated by CreateRestApi's rules, like any other apiKeySource.
    apiKeySource: str(doc['x-amazon-apigateway-api-key-source'])?.toUpperCase() as
      | ApiKeySourceType
      | undefined,
    binaryMediaTypes: Array.isArray(doc['x-amazon-apigateway-binary-media-types'])
      ? doc['x-amazon-apigateway-binary-media-types'].filter((t): t is string => typeof t === 'string')
      : undefined,
  };
}

/** How a security scheme authorizes a method. */
type SchemeUse = { kind: 'apiKey' } | { kind: 'iam' } | { kind: 'authorizer'; authorizer: AuthorizerRecord };

function importSecuritySchemes(api: RestApiRecord, doc: Json): Map<string, SchemeUse> {
  const schemes = obj(doc.openapi ? obj(doc.components).securitySchemes : doc.securityDefinitions);
  const uses = new Map<string, SchemeUse>();
  for (const [name, raw] of Object.entries(schemes)) {
    const scheme = obj(raw);
    const custom = obj(scheme['x-amazon-apigateway-authorizer']);
    const authType = str(scheme['x-amazon-apigateway-authtype'])?.toLowerCase();
    if (authType === 'awssigv4') {
      uses.set(name, { kind: 'iam' });
    } else if (Object.keys(custom).length > 0) {
      const type = (str(custom.type) ?? 'token').toUpperCase();
      const existing = [...api.authorizers.values()].find((a) => a.name === name);
      if (existing) api.authorizers.delete(existing.id);
      const input: Partial<CreateAuthorizerRequest> = {
        name,
        type: type as CreateAuthorizerRequest['type'],
        authType: str(scheme['x-amazon-apigateway-authtype']),
        authorizerUri: str(custom.authorizerUri),
        authorizerCredentials: str(custom.authorizerCredentials),
        identitySource:
          str(custom.identitySource) ??
          (type === 'TOKEN' && str(scheme.name) ? `method.request.header.${str(scheme.name)}` : undefined),
        identityValidationExpression: str(custom.identityValidationExpression),
        authorizerResultTtlInSeconds:
          typeof custom.authorizerResultTtlInSeconds === 'number'
            ? custom.authorizerResultTtlInSeconds
            : undefined,
        providerARNs: Array.isArray(custom.providerARNs)
          ? custom.providerARNs.filter((a): a is string => typeof a === 'string')
          : undefined,
      };
      const authorizer = addAuthorizer(api, input);
      // Keep the id an earlier import gave this authorizer, so methods that point at it stay valid.
      if (existing) {
        api.authorizers.delete(authorizer.id);
        authorizer.id = existing.id;
        api.authorizers.set(existing.id, authorizer);
      }
      uses.set(name, { kind: 'authorizer', authorizer });
    } else if (scheme.type === 'apiKey') {
      uses.set(name, { kind: 'apiKey' });
    }
  }
  return uses;
}

function importIntegration(raw: unknown, resourceId: string): IntegrationRecord | undefined {
  if (!isObject(raw)) return undefined;
  const input: Partial<PutIntegrationRequest> = {
    type: str(raw.type)?.toUpperCase() as PutIntegrationRequest['type'],
    integrationHttpMethod: str(raw.httpMethod)?.toUpperCase(),
    uri: str(raw.uri),
    connectionType: str(raw.connectionType)?.toUpperCase() as PutIntegrationRequest['connectionType'],
    credentials: str(raw.credentials),
    requestParameters: strMap(raw.requestParameters),
    requestTemplates: strMap(raw.requestTemplates),
    passthroughBehavior: str(raw.passthroughBehavior)?.toUpperCase(),
    contentHandling: str(raw.contentHandling) as PutIntegrationRequest['contentHandling'],
    cacheNamespace: str(raw.cacheNamespace),
    cacheKeyParameters: Array.isArray(raw.cacheKeyParameters)
      ? raw.cacheKeyParameters.filter((p): p is string => typeof p === 'string')
      : undefined,
    timeoutInMillis: typeof raw.timeoutInMillis === 'number' ? raw.timeoutInMillis : undefined,
  };
  const integration = integrationRecord(input, resourceId);
  for (const [pattern, rawResponse] of Object.entries(obj(raw.responses))) {
    const response = obj(rawResponse);
    const statusCode = str(response.statusCode) ?? String(response.statusCode ?? '200');
    putIntegrationResponse(integration, statusCode, {
      selectionPattern: pattern === 'default' ? undefined : pattern,
      responseParameters: strMap(response.responseParameters),
      responseTemplates: strMap(response.responseTemplates),
    });
  }
  return integration;
}

const PARAMETER_LOCATIONS: Record<string, string> = { path: 'path', query: 'querystring', header: 'header' };

function importMethod(
  api: RestApiRecord,
  resourceId: string,
  verb: string,
  operation: Json,
  pathParameters: unknown[],
  schemes: Map<string, SchemeUse>,
  globalSecurity: unknown,
): MethodRecord {
  const security = Array.isArray(operation.security)
    ? operation.security
    : Array.isArray(globalSecurity)
      ? globalSecurity
      : [];
  const used = security.flatMap((requirement) => Object.keys(obj(requirement)));
  const authorizer = used.map((n) => schemes.get(n)).find((u) => u?.kind === 'authorizer');
  const iam =
    used.some((n) => schemes.get(n)?.kind === 'iam') ||
    str(obj(operation['x-amazon-apigateway-auth']).type)?.toLowerCase() === 'aws_iam';
  const requestParameters: Record<string, boolean> = {};
  for (const raw of [
    ...pathParameters,
    ...(Array.isArray(operation.parameters) ? operation.parameters : []),
  ]) {
    const parameter = obj(raw);
    const location = PARAMETER_LOCATIONS[str(parameter.in) ?? ''];
    const name = str(parameter.name);
    if (location && name)
      requestParameters[`method.request.${location}.${name}`] = parameter.required === true;
  }
  const method = methodRecord(api, verb, {
    authorizationType:
      authorizer?.kind === 'authorizer'
        ? authorizer.authorizer.type === 'COGNITO_USER_POOLS'
          ? 'COGNITO_USER_POOLS'
          : 'CUSTOM'
        : iam
          ? 'AWS_IAM'
          : 'NONE',
    authorizerId: authorizer?.kind === 'authorizer' ? authorizer.authorizer.id : undefined,
    apiKeyRequired: used.some((n) => schemes.get(n)?.kind === 'apiKey'),
    operationName: str(operation.operationId),
    requestParameters: Object.keys(requestParameters).length ? requestParameters : undefined,
  });
  for (const [statusCode, rawResponse] of Object.entries(obj(operation.responses))) {
    if (!/^[1-5]\d\d$/.test(statusCode)) continue;
    const headers = Object.keys(obj(obj(rawResponse).headers));
    putMethodResponse(method, statusCode, {
      responseParameters: headers.length
        ? Object.fromEntries(headers.map((h) => [`method.response.header.${h}`, false]))
        : undefined,
    });
  }
  method.integration = importIntegration(operation['x-amazon-apigateway-integration'], resourceId);
  return method;
}

/**
 * Puts a document's paths, methods, integrations and authorizers into an API (ImportRestApi,
 * PutRestApi). `overwrite` replaces the API's resources; `merge` adds and replaces methods.
 * Works on a copy and commits only when the whole document was valid.
 */
export function importApiDocument(target: RestApiRecord, doc: Json, mode: 'overwrite' | 'merge'): void {
  const api: RestApiRecord = {
    ...target,
    resources: structuredClone(target.resources),
    authorizers: structuredClone(target.authorizers),
  };
  if (mode === 'overwrite') {
    const root = findResourceByPath(api, '/') ?? { id: newId(), path: '/', methods: {} };
    api.resources = new Map([[root.id, { ...root, methods: {} }]]);
  }
  const schemes = importSecuritySchemes(api, doc);
  for (const [path, rawItem] of Object.entries(obj(doc.paths))) {
    if (!path.startsWith('/')) throw badRequest(`Invalid OpenAPI input: path "${path}" must start with /`);
    const item = obj(rawItem);
    const resource = resourceAtPath(api, path);
    const pathParameters = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [key, rawOperation] of Object.entries(item)) {
      const verb = VERBS[key];
      if (!verb || !isObject(rawOperation)) continue;
      resource.methods[verb] = importMethod(
        api,
        resource.id,
        verb,
        rawOperation,
        pathParameters,
        schemes,
        doc.security,
      );
    }
  }
  target.resources = api.resources;
  target.authorizers = api.authorizers;
}

export type ExportType = 'oas30' | 'swagger';

/** AWS writes an integration's defaults out of the export: the resource's cache namespace, 29 s. */
function exportIntegration(integration: IntegrationRecord, resourceId: string): Json {
  const responses: Json = {};
  for (const response of Object.values(integration.integrationResponses)) {
    responses[response.selectionPattern ?? 'default'] = {
      statusCode: response.statusCode,
      responseParameters: response.responseParameters,
      responseTemplates: response.responseTemplates,
    };
  }
  return prune({
    type: integration.type.toLowerCase(),
    httpMethod: integration.httpMethod,
    uri: integration.uri,
    connectionType: integration.connectionType,
    credentials: integration.credentials,
    requestParameters: integration.requestParameters,
    requestTemplates: integration.requestTemplates,
    passthroughBehavior: integration.passthroughBehavior?.toLowerCase(),
    contentHandling: integration.contentHandling,
    cacheNamespace: integration.cacheNamespace === resourceId ? undefined : integration.cacheNamespace,
    cacheKeyParameters: integration.cacheKeyParameters.length ? integration.cacheKeyParameters : undefined,
    timeoutInMillis:
      integration.timeoutInMillis === MAX_INTEGRATION_TIMEOUT_MS ? undefined : integration.timeoutInMillis,
    responses: Object.keys(responses).length ? responses : undefined,
  });
}

/** Drops undefined members so the document stays clean in JSON and YAML. */
function prune(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

const LOCATION_OF: Record<string, string> = { path: 'path', querystring: 'query', header: 'header' };

/** Writes what a stage serves (its deployment's snapshot) as an OpenAPI 3.0 or Swagger 2.0 document. */
export function exportApiDocument(
  api: RestApiRecord,
  stage: StageRecord,
  resources: ResourceRecord[],
  type: ExportType,
  extensions: string[],
  region: string,
): Json {
  const withIntegrations = extensions.includes('integrations') || extensions.includes('apigateway');
  const withAuthorizers = withIntegrations || extensions.includes('authorizers');
  const oas3 = type === 'oas30';
  const schemes: Json = {};
  const paths: Json = {};
  for (const resource of [...resources].sort((a, b) => a.path.localeCompare(b.path))) {
    const item: Json = {};
    for (const method of Object.values(resource.methods)) {
      const security: Json[] = [];
      if (method.apiKeyRequired) {
        security.push({ api_key: [] });
        schemes.api_key = { type: 'apiKey', name: 'x-api-key', in: 'header' };
      }
      const authorizer = method.authorizerId ? api.authorizers.get(method.authorizerId) : undefined;
      if (authorizer) {
        security.push({ [authorizer.name]: [] });
        schemes[authorizer.name] = prune({
          type: 'apiKey',
          name: authorizer.identitySource?.replace(/^method\.request\.header\./, '') ?? 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype':
            authorizer.authType ??
            (authorizer.type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : 'custom'),
          'x-amazon-apigateway-authorizer': withAuthorizers
            ? prune({
                type: authorizer.type.toLowerCase(),
                authorizerUri: authorizer.authorizerUri,
                authorizerCredentials: authorizer.authorizerCredentials,
                identitySource: authorizer.identitySource,
                identityValidationExpression: authorizer.identityValidationExpression,
                authorizerResultTtlInSeconds: authorizer.authorizerResultTtlInSeconds,
                providerARNs: authorizer.providerARNs,
              })
            : undefined,
        });
      }
      if (method.authorizationType === 'AWS_IAM') {
        security.push({ sigv4: [] });
        schemes.sigv4 = {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        };
      }
      const parameters = Object.entries(method.requestParameters ?? {}).flatMap(([key, required]) => {
        const match = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(key);
        if (!match) return [];
        const location = LOCATION_OF[match[1] ?? ''] ?? 'query';
        const schema = { type: 'string' };
        return [
          prune({
            name: match[2],
            in: location,
            required: location === 'path' ? true : required || undefined,
            ...(oas3 ? { schema } : schema),
          }),
        ];
      });
      const responses: Json = {};
      for (const response of Object.values(method.methodResponses)) {
        const headers = Object.keys(response.responseParameters ?? {})
          .map((p) => /^method\.response\.header\.(.+)$/.exec(p)?.[1])
          .filter((h): h is string => h !== undefined);
        responses[response.statusCode] = prune({
          description: `${response.statusCode} response`,
          // OpenAPI 3 exports carry an (empty) content map for each response, as AWS writes them.
          content: oas3 ? {} : undefined,
          headers: headers.length
            ? Object.fromEntries(
                headers.map((h) => [h, oas3 ? { schema: { type: 'string' } } : { type: 'string' }]),
              )
            : undefined,
        });
      }
      item[VERB_KEYS[method.httpMethod] ?? method.httpMethod.toLowerCase()] = prune({
        operationId: method.operationName,
        parameters: parameters.length ? parameters : undefined,
        responses: Object.keys(responses).length
          ? responses
          : { default: { description: 'Default response' } },
        security: security.length ? security : undefined,
        'x-amazon-apigateway-integration':
          withIntegrations && method.integration
            ? exportIntegration(method.integration, resource.id)
            : undefined,
      });
    }
    if (Object.keys(item).length) paths[resource.path] = item;
  }
  const info = prune({
    title: api.name,
    description: api.description,
    version: api.version ?? String(new Date(api.createdDate * 1000).toISOString()),
  });
  const host = `${api.id}.execute-api.${region}.amazonaws.com`;
  const extras = prune({
    // Only a non-default key source is written (AWS leaves HEADER out).
    'x-amazon-apigateway-api-key-source':
      withIntegrations && api.apiKeySource !== 'HEADER' ? api.apiKeySource : undefined,
    'x-amazon-apigateway-binary-media-types':
      withIntegrations && api.binaryMediaTypes?.length ? api.binaryMediaTypes : undefined,
  });
  if (oas3) {
    return prune({
      openapi: '3.0.1',
      info,
      servers: [{ url: `https://${host}/{basePath}`, variables: { basePath: { default: stage.stageName } } }],
      paths,
      components: Object.keys(schemes).length ? { securitySchemes: schemes } : {},
      ...extras,
    });
  }
  return prune({
    swagger: '2.0',
    info,
    host,
    basePath: `/${stage.stageName}`,
    schemes: ['https'],
    paths,
    securityDefinitions: Object.keys(schemes).length ? schemes : undefined,
    ...extras,
  });
}

/**
 * The document in the format the caller's `Accept` asks for; JSON without one, which AWS sends as
 * `application/octet-stream`.
 */
export function serializeApiDocument(
  doc: Json,
  accept: string | undefined,
): { body: string; contentType: string; extension: string } {
  if (accept && /yaml/i.test(accept))
    return { body: stringifyYaml(doc), contentType: 'application/yaml', extension: 'yaml' };
  const contentType = accept && /json/i.test(accept) ? 'application/json' : 'application/octet-stream';
  return { body: JSON.stringify(doc, null, 2), contentType, extension: 'json' };
}
