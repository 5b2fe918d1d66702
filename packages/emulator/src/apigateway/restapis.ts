import type { CreateRestApiRequest, EndpointType, UpdateRestApiRequest } from '@aws-sdk/client-api-gateway';
import { Hono } from 'hono';
import type { EmulatorState, RestApiRecord } from '../state.ts';
import { badRequest } from './errors.ts';
import { type ControlPlane, findApi, findStage } from './lookup.ts';
import {
  documentInfo,
  exportApiDocument,
  importApiDocument,
  parseApiDocument,
  serializeApiDocument,
} from './openapi.ts';
import { page, queryList, readJson, restApiJson } from './wire.ts';

const ENDPOINT_TYPES: EndpointType[] = ['EDGE', 'REGIONAL', 'PRIVATE'];
const API_KEY_SOURCES = ['HEADER', 'AUTHORIZER'] as const;

export function validatedEndpointTypes(types: string[] | undefined): EndpointType[] {
  const list = types ?? ['EDGE'];
  if (list.length !== 1 || !ENDPOINT_TYPES.includes(list[0] as EndpointType)) {
    throw badRequest(
      `Invalid endpoint configuration: exactly one type of ${ENDPOINT_TYPES.join(', ')} is required`,
    );
  }
  return list as EndpointType[];
}

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
  if (!input.name || typeof input.name !== 'string')
    throw badRequest('Invalid REST API name specified: a name is required');
  const api = state.createRestApi({
    name: input.name,
    description: input.description,
    endpointTypes: validatedEndpointTypes(input.endpointConfiguration?.types),
    apiKeySource: validatedApiKeySource(input.apiKeySource),
    tags: input.tags,
  });
  api.version = input.version;
  api.binaryMediaTypes = input.binaryMediaTypes;
  api.minimumCompressionSize = input.minimumCompressionSize;
  api.disableExecuteApiEndpoint = input.disableExecuteApiEndpoint;
  return api;
}

/** `~1` in a patch path stands for `/` (JSON pointer escaping). */
const unescapePointer = (segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~');

function applyRestApiPatch(api: RestApiRecord, operations: UpdateRestApiRequest['patchOperations']) {
  const next = {
    ...api,
    binaryMediaTypes: [...(api.binaryMediaTypes ?? [])],
    endpointTypes: [...api.endpointTypes],
  };
  for (const { op, path = '', value } of operations ?? []) {
    const invalid = () => badRequest(`Invalid patch path ${path} for operation ${op}`);
    if (path.startsWith('/binaryMediaTypes/')) {
      const type = unescapePointer(path.slice('/binaryMediaTypes/'.length));
      if (op === 'add') {
        if (!next.binaryMediaTypes.includes(type)) next.binaryMediaTypes.push(type);
      } else if (op === 'remove') next.binaryMediaTypes = next.binaryMediaTypes.filter((t) => t !== type);
      else throw invalid();
      continue;
    }
    if (path.startsWith('/endpointConfiguration/types/')) {
      if (op !== 'replace') throw invalid();
      next.endpointTypes = validatedEndpointTypes([value ?? '']);
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
      case '/minimumCompressionSize': {
        if (value === undefined || value === '') {
          next.minimumCompressionSize = undefined;
          break;
        }
        const size = Number(value);
        if (!Number.isInteger(size) || size < 0 || size > 10485760) {
          throw badRequest('Invalid minimumCompressionSize: must be an integer from 0 to 10485760');
        }
        next.minimumCompressionSize = size;
        break;
      }
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
      const api = findApi(state, c.req.param('restApiId'));
      const mode = c.req.query('mode') ?? 'merge';
      if (mode !== 'merge' && mode !== 'overwrite') {
        throw badRequest(`Invalid mode "${mode}". Must be one of: merge, overwrite`);
      }
      const doc = parseApiDocument(await c.req.text());
      importApiDocument(api, doc, mode);
      if (mode === 'overwrite') {
        const info = documentInfo(doc);
        api.name = info.name;
        api.description = info.description;
        api.version = info.version;
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
        'Content-Disposition': `attachment; filename="${exportType}_${stage.stageName}.${extension}"`,
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
