import type {
  CreateResourceRequest,
  PatchOperation,
  PutIntegrationRequest,
  PutIntegrationResponseRequest,
  PutMethodRequest,
  PutMethodResponseRequest,
  UpdateIntegrationResponseRequest,
  UpdateMethodResponseRequest,
  UpdateResourceRequest,
} from '@aws-sdk/client-api-gateway';
import { Hono } from 'hono';
import type {
  IntegrationResponseRecord,
  MethodResponseRecord,
  ResourceRecord,
  RestApiRecord,
} from '../state.ts';
import {
  AwsError,
  badRequest,
  conflict,
  enumViolation,
  notFound,
  patchOpViolations,
  throwViolations,
  validationError,
} from './errors.ts';
import { type ControlPlane, findApi, findMethod, findResource } from './lookup.ts';
import {
  addResource,
  checkPathPart,
  checkSiblings,
  INTEGRATION_TYPES,
  putIntegration,
  putIntegrationResponse,
  putMethod,
  putMethodResponse,
} from './service.ts';
import {
  integrationJson,
  integrationResponseJson,
  methodJson,
  methodResponseJson,
  page,
  queryList,
  readJson,
  resourceJson,
  unescapePointer,
} from './wire.ts';

const STATUS_CODE = /^[1-5]\d\d$/;

const statusCodeViolations = (statusCode: string) =>
  STATUS_CODE.test(statusCode)
    ? []
    : [
        `Value '${statusCode}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`,
      ];

/** The status code in the path: checked against the request shape before anything is looked up. */
function validatedStatusCode(statusCode: string): string {
  throwViolations(statusCodeViolations(statusCode));
  return statusCode;
}

/**
 * UpdateMethodResponse: `/responseParameters/{name}` (boolean "required") and
 * `/responseModels/{content~1type}`; `add` creates, `replace` and `remove` need the entry.
 */
function applyMethodResponsePatch(response: MethodResponseRecord, operations: PatchOperation[]) {
  const parameters: Record<string, boolean> = { ...response.responseParameters };
  const models: Record<string, string> = { ...response.responseModels };
  for (const { op = '', path = '', value } of operations) {
    const [, member = '', ...rest] = path.split('/');
    const key = unescapePointer(rest.join('/'));
    const isParameter = member === 'responseParameters';
    if ((!isParameter && member !== 'responseModels') || !key) throw badRequest(`Invalid patch path ${path}`);
    const map: Record<string, unknown> = isParameter ? parameters : models;
    if (op !== 'add' && !(key in map)) {
      throw isParameter
        ? notFound('parameter name')
        : new AwsError('NotFoundException', 'Content-Type specified was not found');
    }
    if (op === 'remove') delete map[key];
    else if (op === 'add' || op === 'replace') map[key] = isParameter ? value === 'true' : (value ?? '');
    else throw badRequest(`Invalid patch path ${path}`);
  }
  // AWS drops a map that became empty.
  return {
    statusCode: response.statusCode,
    responseParameters: Object.keys(parameters).length ? parameters : undefined,
    responseModels: Object.keys(models).length ? models : undefined,
  };
}

/** PutIntegration's `type`, an enum of the request shape: checked before anything is looked up. */
function checkIntegrationType(type: string | undefined) {
  if (type !== undefined && !(INTEGRATION_TYPES as string[]).includes(type)) {
    throw validationError([enumViolation(type, 'putIntegrationInput.type', INTEGRATION_TYPES)]);
  }
}

/** Recomputes the paths under a resource that was moved or renamed. */
function repath(api: RestApiRecord, resource: ResourceRecord) {
  const parent = api.resources.get(resource.parentId ?? '');
  resource.path = `${parent && parent.path !== '/' ? parent.path : ''}/${resource.pathPart}`;
  for (const child of api.resources.values()) if (child.parentId === resource.id) repath(api, child);
}

/** UpdateResource: `replace` of `/pathPart` or `/parentId` only, as AWS allows. */
function applyResourcePatch(api: RestApiRecord, resource: ResourceRecord, operations: PatchOperation[]) {
  throwViolations(patchOpViolations(operations, 'updateResourceInput'));
  let { pathPart = '', parentId = '' } = resource;
  for (const { op = '', path = '', value = '' } of operations) {
    if (op !== 'replace') {
      throw badRequest(
        `Invalid patch path  '${path}' specified for op '${op}'. Please choose supported operations`,
      );
    }
    if (path === '/pathPart') {
      if (resource.path === '/') throw badRequest('Root resource cannot update its pathPart.');
      pathPart = value;
    } else if (path === '/parentId') {
      if (resource.path === '/') throw badRequest('Root resource cannot update its parentId.');
      parentId = findResource(api, value).id;
      if (descendantsOf(api, resource.id).includes(parentId))
        throw badRequest('Resources cannot be cyclical.');
    } else {
      throw badRequest(
        `Invalid patch path  '${path}' specified for op '${op}'. Must be one of: [/parentId, /pathPart]`,
      );
    }
  }
  checkPathPart(pathPart);
  checkSiblings(api, parentId, pathPart, resource.id);
  resource.pathPart = pathPart;
  resource.parentId = parentId;
  repath(api, resource);
}

/** UpdateIntegrationResponse: the selection pattern, and templates or parameters by (escaped) key. */
function applyIntegrationResponsePatch(response: IntegrationResponseRecord, operations: PatchOperation[]) {
  throwViolations(patchOpViolations(operations, 'updateIntegrationResponseInput'));
  const next = {
    ...response,
    responseTemplates: { ...response.responseTemplates },
    responseParameters: { ...response.responseParameters },
  };
  for (const { op = '', path = '', value } of operations) {
    const [, member = '', ...rest] = path.split('/');
    const key = unescapePointer(rest.join('/'));
    if (path === '/selectionPattern' && op === 'replace') next.selectionPattern = value;
    else if ((member === 'responseTemplates' || member === 'responseParameters') && key) {
      const map = next[member];
      if (op === 'remove') delete map[key];
      else if (op === 'add' || op === 'replace') map[key] = value ?? '';
      else throw badRequest(`Invalid patch path ${path}`);
    } else throw badRequest(`Invalid patch path ${path}`);
  }
  return {
    ...next,
    responseTemplates: Object.keys(next.responseTemplates).length ? next.responseTemplates : undefined,
    responseParameters: Object.keys(next.responseParameters).length ? next.responseParameters : undefined,
  };
}

function descendantsOf(api: RestApiRecord, id: string): string[] {
  const children = [...api.resources.values()].filter((r) => r.parentId === id);
  return [id, ...children.flatMap((child) => descendantsOf(api, child.id))];
}

const METHOD = '/restapis/:restApiId/resources/:resourceId/methods/:httpMethod';

/** Resources, methods, method responses, integrations and integration responses. */
export function resourceRoutes({ state, faults }: ControlPlane) {
  // Under a resource, AWS answers a missing API as a missing resource.
  const locate = (c: { req: { param: (name: string) => string } }) => {
    const api = state.restApis.get(c.req.param('restApiId'));
    if (!api) throw notFound('Resource identifier');
    const resource = findResource(api, c.req.param('resourceId'));
    return { api, resource };
  };
  const locateMethod = (c: { req: { param: (name: string) => string } }) => {
    const { api, resource } = locate(c);
    return { api, resource, method: findMethod(resource, c.req.param('httpMethod')) };
  };
  const locateIntegration = (c: { req: { param: (name: string) => string } }) => {
    const found = locateMethod(c);
    if (!found.method.integration) throw notFound('Integration identifier');
    return { ...found, integration: found.method.integration };
  };

  return new Hono()
    .get('/restapis/:restApiId/resources', faults.for('GetResources'), (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      const embed = queryList(c, 'embed').includes('methods');
      const resources = [...api.resources.values()].sort((a, b) => a.path.localeCompare(b.path));
      return c.json(
        page(
          resources.map((r) => resourceJson(r, embed)),
          c.req.query(),
        ),
      );
    })
    .get('/restapis/:restApiId/resources/:resourceId', faults.for('GetResource'), (c) => {
      const { resource } = locate(c);
      return c.json(resourceJson(resource, queryList(c, 'embed').includes('methods')));
    })
    .post('/restapis/:restApiId/resources/:resourceId', faults.for('CreateResource'), async (c) => {
      const { api, resource: parent } = locate(c);
      const { pathPart } = await readJson<CreateResourceRequest>(c);
      return c.json(resourceJson(addResource(api, parent, pathPart ?? '')), 201);
    })
    .patch('/restapis/:restApiId/resources/:resourceId', faults.for('UpdateResource'), async (c) => {
      const { api, resource } = locate(c);
      const { patchOperations = [] } = await readJson<UpdateResourceRequest>(c);
      applyResourcePatch(api, resource, patchOperations);
      return c.json(resourceJson(resource));
    })
    .delete('/restapis/:restApiId/resources/:resourceId', faults.for('DeleteResource'), (c) => {
      const { api, resource } = locate(c);
      if (resource.path === '/') throw badRequest('Cannot delete the root resource of a REST API');
      for (const id of descendantsOf(api, resource.id)) api.resources.delete(id);
      return c.body(null, 202);
    })
    .put(METHOD, faults.for('PutMethod'), async (c) => {
      const { api, resource } = locate(c);
      const httpMethod = c.req.param('httpMethod');
      if (resource.methods[httpMethod]) throw conflict('Method already exists for this resource');
      const method = putMethod(api, resource, httpMethod, await readJson<PutMethodRequest>(c));
      return c.json(methodJson(method), 201);
    })
    .get(METHOD, faults.for('GetMethod'), (c) => c.json(methodJson(locateMethod(c).method)))
    .delete(METHOD, faults.for('DeleteMethod'), (c) => {
      const { resource, method } = locateMethod(c);
      delete resource.methods[method.httpMethod];
      return c.body(null, 204);
    })
    .put(`${METHOD}/responses/:statusCode`, faults.for('PutMethodResponse'), async (c) => {
      const statusCode = validatedStatusCode(c.req.param('statusCode'));
      const { method } = locateMethod(c);
      const response = putMethodResponse(method, statusCode, await readJson<PutMethodResponseRequest>(c));
      return c.json(methodResponseJson(response), 201);
    })
    .patch(`${METHOD}/responses/:statusCode`, faults.for('UpdateMethodResponse'), async (c) => {
      const { patchOperations = [] } = await readJson<UpdateMethodResponseRequest>(c);
      const statusCode = c.req.param('statusCode');
      // The shape first, all of it: bad ops by position, then the status code.
      throwViolations([
        ...patchOpViolations(patchOperations, 'updateMethodResponseInput'),
        ...statusCodeViolations(statusCode),
      ]);
      const { method } = locateMethod(c);
      const response = method.methodResponses[statusCode];
      if (!response) throw notFound('Response status code');
      const next = applyMethodResponsePatch(response, patchOperations);
      method.methodResponses[statusCode] = next;
      // AWS answers UpdateMethodResponse with 201 (recorded).
      return c.json(methodResponseJson(next), 201);
    })
    .get(`${METHOD}/responses/:statusCode`, faults.for('GetMethodResponse'), (c) => {
      validatedStatusCode(c.req.param('statusCode'));
      const response = locateMethod(c).method.methodResponses[c.req.param('statusCode')];
      if (!response) throw notFound('Response status code');
      return c.json(methodResponseJson(response));
    })
    .delete(`${METHOD}/responses/:statusCode`, faults.for('DeleteMethodResponse'), (c) => {
      validatedStatusCode(c.req.param('statusCode'));
      const { method } = locateMethod(c);
      if (!method.methodResponses[c.req.param('statusCode')]) throw notFound('Response status code');
      delete method.methodResponses[c.req.param('statusCode')];
      return c.body(null, 204);
    })
    .put(`${METHOD}/integration`, faults.for('PutIntegration'), async (c) => {
      // On the wire the integration's own verb is `httpMethod` (the SDK's `integrationHttpMethod`).
      const body = await readJson<PutIntegrationRequest>(c);
      checkIntegrationType(body.type);
      const { resource, method } = locateMethod(c);
      const integration = putIntegration(resource, method, {
        ...body,
        integrationHttpMethod: body.httpMethod,
      });
      return c.json(integrationJson(integration), 201);
    })
    .get(`${METHOD}/integration`, faults.for('GetIntegration'), (c) =>
      c.json(integrationJson(locateIntegration(c).integration)),
    )
    .delete(`${METHOD}/integration`, faults.for('DeleteIntegration'), (c) => {
      const { method } = locateIntegration(c);
      method.integration = undefined;
      return c.body(null, 204);
    })
    .put(`${METHOD}/integration/responses/:statusCode`, faults.for('PutIntegrationResponse'), async (c) => {
      const statusCode = validatedStatusCode(c.req.param('statusCode'));
      const { integration } = locateIntegration(c);
      const input = await readJson<PutIntegrationResponseRequest>(c);
      const response = putIntegrationResponse(integration, statusCode, input);
      return c.json(integrationResponseJson(response), 201);
    })
    .patch(
      `${METHOD}/integration/responses/:statusCode`,
      faults.for('UpdateIntegrationResponse'),
      async (c) => {
        const statusCode = validatedStatusCode(c.req.param('statusCode'));
        const { integration } = locateIntegration(c);
        const response = integration.integrationResponses[statusCode];
        if (!response) throw notFound('Response status code');
        const { patchOperations = [] } = await readJson<UpdateIntegrationResponseRequest>(c);
        const next = applyIntegrationResponsePatch(response, patchOperations);
        integration.integrationResponses[statusCode] = next;
        return c.json(integrationResponseJson(next));
      },
    )
    .get(`${METHOD}/integration/responses/:statusCode`, faults.for('GetIntegrationResponse'), (c) => {
      validatedStatusCode(c.req.param('statusCode'));
      const response = locateIntegration(c).integration.integrationResponses[c.req.param('statusCode')];
      if (!response) throw notFound('Response status code');
      return c.json(integrationResponseJson(response));
    })
    .delete(`${METHOD}/integration/responses/:statusCode`, faults.for('DeleteIntegrationResponse'), (c) => {
      validatedStatusCode(c.req.param('statusCode'));
      // Deleting, AWS reports a missing method as a missing integration.
      const { resource } = locate(c);
      const integration = resource.methods[c.req.param('httpMethod')]?.integration;
      if (!integration) throw notFound('Integration identifier');
      if (!integration.integrationResponses[c.req.param('statusCode')])
        throw notFound('Response status code');
      delete integration.integrationResponses[c.req.param('statusCode')];
      return c.body(null, 204);
    });
}
