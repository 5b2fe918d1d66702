import type { CreateRestApiRequest, EndpointType, UpdateRestApiRequest } from '@aws-sdk/client-api-gateway';
import { Hono } from 'hono';
import type { EmulatorState, RestApiRecord } from '../state.ts';
import { badRequest, enumViolation, patchOpViolations, throwViolations } from './errors.ts';
import { type ControlPlane, findApi, findStage } from './lookup.ts';
import {
  documentInfo,
  exportApiDocument,
  importApiDocument,
  parseApiDocument,
  serializeApiDocument,
} from './openapi.ts';
import { defaultIpAddressType, page, queryList, readJson, restApiJson, unescapePointer } from './wire.ts';

const ENDPOINT_TYPES: EndpointType[] = ['EDGE', 'REGIONAL', 'PRIVATE'];
/** The enum as AWS's validation message lists it. */
const ENDPOINT_TYPES_ENUM = ['PRIVATE', 'EDGE', 'REGIONAL'];
const IP_ADDRESS_TYPES = ['ipv4', 'dualstack'] as const;
type IpAddressType = (typeof IP_ADDRESS_TYPES)[number];
const API_KEY_SOURCES = ['HEADER', 'AUTHORIZER'] as const;
const MAX_COMPRESSION_SIZE = 10485760;

const isEndpointType = (value: string): value is EndpointType => (ENDPOINT_TYPES as string[]).includes(value);
const isIpAddressType = (value: string): value is IpAddressType =>
  (IP_ADDRESS_TYPES as readonly string[]).includes(value);

const PRIVATE_NEEDS_DUALSTACK = 'Only dualstack ipAddressType is supported for Private APIs.';
const invalidCompressionSize = () =>
  badRequest(`Invalid minimum compression size, must be between 0 and ${MAX_COMPRESSION_SIZE}`);
const onlyReplace = () => badRequest('Invalid patch operation specified. Must be one of: [replace]');

/** The endpoint types of a new API (CreateRestApi, ImportRestApi), checked in AWS's order. */
export function validatedEndpointConfiguration(
  configuration: CreateRestApiRequest['endpointConfiguration'],
  input = 'createRestApiInput',
): { types: EndpointType[]; ipAddressType: IpAddressType } {
  const types: string[] = configuration?.types ?? ['EDGE'];
  const ipAddressType = configuration?.ipAddressType;
  const violations: string[] = [];
  if (!types.every(isEndpointType)) {
    violations.push(
      `Value '[${types.join(', ')}]' at '${input}.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${ENDPOINT_TYPES_ENUM.join(', ')}]]`,
    );
  }
  if (ipAddressType !== undefined && !isIpAddressType(ipAddressType)) {
    violations.push(
      enumViolation(ipAddressType, `${input}.endpointConfiguration.ipAddressType`, IP_ADDRESS_TYPES),
    );
  }
  throwViolations(violations);
  return {
    types: types as EndpointType[],
    ipAddressType: (ipAddressType as IpAddressType) ?? defaultIpAddressType(types as EndpointType[]),
  };
}

/** The checks AWS makes once the request is well formed: one endpoint type, PRIVATE on dualstack. */
function checkEndpointConfiguration(types: EndpointType[], ipAddressType: IpAddressType) {
  if (types.length === 0)
    throw badRequest('REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.');
  if (types.length > 1) throw badRequest('Cannot create an api with multiple Endpoint Types.');
  if (types[0] === 'PRIVATE' && ipAddressType !== 'dualstack') throw badRequest(PRIVATE_NEEDS_DUALSTACK);
}

const validCompressionSize = (size: number) =>
  Number.isInteger(size) && size >= 0 && size <= MAX_COMPRESSION_SIZE;

export function validatedApiKeySource(source: string | undefined): RestApiRecord['apiKeySource'] {
  if (source === undefined) return 'HEADER';
  if (!(API_KEY_SOURCES as readonly string[]).includes(source)) {
    throw badRequest(`Invalid apiKeySource "${source}". Must be one of: HEADER, AUTHORIZER`);
  }
  return source as RestApiRecord['apiKeySource'];
}

/** CreateRestApi's validation and record creation, shared with ImportRestApi. */
export function createRestApiRecord(
  state: EmulatorState,
  input: Partial<CreateRestApiRequest>,
): RestApiRecord {
  // Shape errors (ValidationException) first, then AWS's own checks in the order it makes them.
  const { types, ipAddressType } = validatedEndpointConfiguration(input.endpointConfiguration);
  if (!input.name || typeof input.name !== 'string')
    throw badRequest('Invalid REST API name specified: a name is required');
  if (input.description === '') throw badRequest('Description cannot be an empty string');
  if (input.minimumCompressionSize !== undefined && !validCompressionSize(input.minimumCompressionSize))
    throw invalidCompressionSize();
  checkEndpointConfiguration(types, ipAddressType);
  const apiKeySource = validatedApiKeySource(input.apiKeySource);
  const api = state.createRestApi({
    name: input.name,
    description: input.description,
    endpointTypes: types,
    apiKeySource,
    tags: input.tags,
  });
  api.ipAddressType = ipAddressType;
  api.version = input.version;
  api.binaryMediaTypes = input.binaryMediaTypes;
  api.minimumCompressionSize = input.minimumCompressionSize;
  api.disableExecuteApiEndpoint = input.disableExecuteApiEndpoint;
  return api;
}

function patchEndpointType(next: RestApiRecord, op: string, value: string | undefined) {
  if (op !== 'replace')
    throw badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
  if (value === undefined || !isEndpointType(value))
    throw badRequest('Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE');
  next.endpointTypes = [value];
  // A private API is reachable only over dualstack, so moving to PRIVATE moves the address type too.
  if (value === 'PRIVATE') next.ipAddressType = 'dualstack';
}

function patchIpAddressType(next: RestApiRecord, op: string, value: string | undefined) {
  if (op !== 'replace') throw onlyReplace();
  if (value === undefined || !isIpAddressType(value))
    throw badRequest('ipAddressType must be either ipv4 or dualstack.');
  if (next.endpointTypes.includes('PRIVATE') && value !== 'dualstack')
    throw badRequest(PRIVATE_NEEDS_DUALSTACK);
  next.ipAddressType = value;
}

function patchBinaryMediaType(
  next: { binaryMediaTypes: string[] },
  op: string,
  path: string,
  value: string | undefined,
) {
  // The list is patched like a map keyed by the escaped media type; `-` is a media type, not "append".
  const type = unescapePointer(path.slice('/binaryMediaTypes/'.length));
  const without = next.binaryMediaTypes.filter((t) => t !== type);
  if (op === 'add') {
    if (without.length === next.binaryMediaTypes.length) next.binaryMediaTypes.push(type);
  } else if (op === 'remove') next.binaryMediaTypes = without;
  else if (op === 'replace') {
    next.binaryMediaTypes = without;
    if (value && !without.includes(value)) next.binaryMediaTypes.push(value);
  } else throw badRequest(`Invalid patch path ${path}`);
}

function applyRestApiPatch(api: RestApiRecord, operations: UpdateRestApiRequest['patchOperations']) {
  throwViolations(patchOpViolations(operations, 'updateRestApiInput'));
  const next = {
    ...api,
    ipAddressType: api.ipAddressType ?? defaultIpAddressType(api.endpointTypes),
    binaryMediaTypes: [...(api.binaryMediaTypes ?? [])],
    endpointTypes: [...api.endpointTypes],
  };
  for (const { op = '', path = '', value } of operations ?? []) {
    const invalid = () => badRequest(`Invalid patch path ${path}`);
    if (path.startsWith('/binaryMediaTypes/')) {
      patchBinaryMediaType(next, op, path, value);
      continue;
    }
    // AWS's docs write the current type (`/endpointConfiguration/types/EDGE`), its tests an index (`…/types/0`).
    if (/^\/endpointConfiguration\/types\/[^/]+$/.test(path)) {
      patchEndpointType(next, op, value);
      continue;
    }
    if (path === '/endpointConfiguration/ipAddressType') {
      patchIpAddressType(next, op, value);
      continue;
    }
    if (path === '/minimumCompressionSize') {
      if (op !== 'replace') throw onlyReplace();
      // AWS's docs: a null or omitted value turns compression off.
      if (value === undefined || value === '') next.minimumCompressionSize = undefined;
      else if (/^\d+$/.test(value) && validCompressionSize(Number(value)))
        next.minimumCompressionSize = Number(value);
      else throw invalidCompressionSize();
      continue;
    }
    if (path === '/description' && op === 'remove') {
      next.description = undefined;
      continue;
    }
    if (op !== 'replace') throw invalid();
    switch (path) {
      case '/name':
        if (!value) throw badRequest('Invalid REST API name specified: a name is required');
        next.name = value;
        break;
      case '/description':
        next.description = value;
        break;
      case '/version':
        next.version = value;
        break;
      case '/apiKeySource':
        next.apiKeySource = validatedApiKeySource(value);
        break;
      case '/disableExecuteApiEndpoint':
        if (value !== 'true' && value !== 'false')
          throw badRequest('disableExecuteApiEndpoint must be "true" or "false"');
        next.disableExecuteApiEndpoint = value === 'true';
        break;
      default:
        throw invalid();
    }
  }
  return next;
}

/** REST APIs: list, get, create, update (patch), delete. */
export function restApiRoutes({ state, faults }: ControlPlane) {
  return new Hono()
    .get('/restapis', faults.for('GetRestApis'), (c) => {
      const apis = [...state.restApis.values()].sort(
        (a, b) => a.createdDate - b.createdDate || a.id.localeCompare(b.id),
      );
      return c.json(page(apis.map(restApiJson), c.req.query()));
    })
    .post('/restapis', async (c) => {
      // One path, two operations: ImportRestApi is `POST /restapis?mode=import`.
      if (c.req.query('mode') === 'import') {
        await faults.check('ImportRestApi', c);
        const doc = parseApiDocument(await c.req.text());
        const endpointTypes = c.req.query('endpointConfigurationTypes');
        const api = createRestApiRecord(state, {
          ...documentInfo(doc),
          endpointConfiguration: endpointTypes
            ? { types: endpointTypes.split(',') as EndpointType[] }
            : undefined,
        });
        try {
          importApiDocument(api, doc, 'overwrite');
        } catch (error) {
          state.restApis.delete(api.id);
          throw error;
        }
        return c.json(restApiJson(api), 201);
      }
      await faults.check('CreateRestApi', c);
      const input = await readJson<CreateRestApiRequest>(c);
      return c.json(restApiJson(createRestApiRecord(state, input)), 201);
    })
    .put('/restapis/:restApiId', faults.for('PutRestApi'), async (c) => {
      const mode = c.req.query('mode') ?? 'merge';
      if (mode !== 'merge' && mode !== 'overwrite') {
        throw badRequest(`Invalid mode "${mode}". Must be one of: merge, overwrite`);
      }
      // AWS reads the body before it looks the API up: a bad document is a 400 even for a missing API.
      const doc = parseApiDocument(await c.req.text());
      const api = findApi(state, c.req.param('restApiId'));
      importApiDocument(api, doc, mode);
      const info = documentInfo(doc);
      // Both modes take the document's title and version; merge keeps the API's binary media types too.
      api.name = info.name;
      api.version = info.version;
      if (mode === 'overwrite') {
        api.description = info.description;
        api.binaryMediaTypes = info.binaryMediaTypes;
      } else {
        api.binaryMediaTypes = [
          ...new Set([...(api.binaryMediaTypes ?? []), ...(info.binaryMediaTypes ?? [])]),
        ];
      }
      return c.json(restApiJson(api));
    })
    .get('/restapis/:restApiId/stages/:stageName/exports/:exportType', faults.for('GetExport'), (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      const stage = findStage(api, c.req.param('stageName'));
      const exportType = c.req.param('exportType');
      if (exportType !== 'oas30' && exportType !== 'swagger') {
        throw badRequest(`Invalid export type "${exportType}". Must be one of: oas30, swagger`);
      }
      const deployment = api.deployments.get(stage.deploymentId);
      const extensions = queryList(c, 'extensions');
      const doc = exportApiDocument(
        api,
        stage,
        deployment?.resources ?? [],
        exportType,
        extensions,
        state.region,
      );
      const { body, contentType, extension } = serializeApiDocument(doc, c.req.header('accept'));
      return c.body(body, 200, {
        'Content-Type': contentType,
        // AWS names the file after the API's version (`oas30_1.0.0.json`).
        'Content-Disposition': `attachment; filename="${exportType}_${api.version ?? stage.stageName}.${extension}"`,
      });
    })
    .get('/restapis/:restApiId', faults.for('GetRestApi'), (c) =>
      c.json(restApiJson(findApi(state, c.req.param('restApiId')))),
    )
    .patch('/restapis/:restApiId', faults.for('UpdateRestApi'), async (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      const { patchOperations } = await readJson<UpdateRestApiRequest>(c);
      Object.assign(api, applyRestApiPatch(api, patchOperations));
      return c.json(restApiJson(api));
    })
    .delete('/restapis/:restApiId', faults.for('DeleteRestApi'), (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      state.restApis.delete(api.id);
      return c.body(null, 202);
    });
}
