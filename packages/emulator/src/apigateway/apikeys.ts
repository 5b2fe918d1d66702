import { randomBytes } from 'node:crypto';
import type { CreateApiKeyRequest, PatchOperation, UpdateApiKeyRequest } from '@aws-sdk/client-api-gateway';
import { Hono } from 'hono';
import { type ApiKeyRecord, newId, nowSeconds } from '../state.ts';
import { badRequest, conflict, notFound, patchOpViolations, throwViolations } from './errors.ts';
import type { ControlPlane } from './lookup.ts';
import { apiKeyJson, page, readJson } from './wire.ts';

const MIN_API_KEY_LENGTH = 20;
const MAX_API_KEY_LENGTH = 128;
const MAX_NAME_LENGTH = 1024;
const MAX_DESCRIPTION_LENGTH = 125_000;
const UPDATABLE_PATHS = ['/description', '/enabled', '/name', '/customerId'];

function checkName(name: string | undefined) {
  if (name !== undefined && name.length > MAX_NAME_LENGTH)
    throw badRequest(`Invalid API Key name, can be at most ${MAX_NAME_LENGTH} characters.`);
}

function checkDescription(description: string | undefined) {
  if (description !== undefined && description.length > MAX_DESCRIPTION_LENGTH)
    throw badRequest('Invalid API Key description specified.');
}

/** UpdateApiKey: `replace` of the four mutable fields; AWS reads any `enabled` other than "true" as false. */
function applyApiKeyPatch(key: ApiKeyRecord, operations: PatchOperation[]): ApiKeyRecord {
  throwViolations(patchOpViolations(operations, 'updateApiKeyInput'));
  const next = { ...key };
  for (const { op = '', path = '', value } of operations) {
    if (op !== 'replace' || !UPDATABLE_PATHS.includes(path)) {
      throw badRequest(
        `Invalid patch path  '${path}' specified for op '${op}'. Must be one of: [${UPDATABLE_PATHS.join(', ')}]`,
      );
    }
    if (path === '/enabled') next.enabled = value === 'true';
    else if (path === '/name') {
      checkName(value);
      next.name = value ?? '';
    } else if (path === '/description') {
      checkDescription(value);
      next.description = value;
    } else next.customerId = value;
  }
  next.lastUpdatedDate = nowSeconds();
  return next;
}

/** API keys: create, list, get, delete. The data plane checks `x-api-key` against enabled keys. */
export function apiKeyRoutes({ state, faults }: ControlPlane) {
  return new Hono()
    .post('/apikeys', async (c) => {
      if (c.req.query('mode') === 'import')
        throw badRequest('ImportApiKeys is not supported by this emulator');
      await faults.check('CreateApiKey');
      const input = await readJson<CreateApiKeyRequest>(c);
      checkName(input.name);
      checkDescription(input.description);
      // An empty value asks AWS to generate one, as no value does.
      const value = input.value || randomBytes(30).toString('base64url').slice(0, 40);
      if (value.length < MIN_API_KEY_LENGTH) {
        throw badRequest(`API Key value should be at least ${MIN_API_KEY_LENGTH} characters`);
      }
      if (value.length > MAX_API_KEY_LENGTH) {
        throw badRequest(`API Key value exceeds maximum size of ${MAX_API_KEY_LENGTH} characters`);
      }
      if ([...state.apiKeys.values()].some((k) => k.value === value))
        throw conflict('API Key already exists');
      const stageKeys = (input.stageKeys ?? []).map(({ restApiId = '', stageName = '' }) => {
        if (!state.restApis.get(restApiId)?.stages.has(stageName)) {
          throw badRequest(`Invalid stage key: stage ${stageName} of API ${restApiId} does not exist`);
        }
        return `${restApiId}/${stageName}`;
      });
      const now = nowSeconds();
      const key: ApiKeyRecord = {
        id: newId(),
        value,
        name: input.name ?? '',
        description: input.description,
        customerId: input.customerId,
        enabled: input.enabled ?? false,
        createdDate: now,
        lastUpdatedDate: now,
        stageKeys,
        tags: input.tags ?? {},
      };
      state.apiKeys.set(key.id, key);
      return c.json(apiKeyJson(key, true), 201);
    })
    .get('/apikeys', faults.for('GetApiKeys'), (c) => {
      const name = c.req.query('name');
      const customerId = c.req.query('customerId');
      const keys = [...state.apiKeys.values()].filter(
        (k) => (!name || k.name.startsWith(name)) && (!customerId || k.customerId === customerId),
      );
      const includeValues = c.req.query('includeValues') === 'true';
      return c.json(
        page(
          keys.map((k) => apiKeyJson(k, includeValues)),
          c.req.query(),
        ),
      );
    })
    .get('/apikeys/:apiKey', faults.for('GetApiKey'), (c) => {
      const key = state.apiKeys.get(c.req.param('apiKey'));
      if (!key) throw notFound('API Key identifier');
      return c.json(apiKeyJson(key, c.req.query('includeValue') === 'true'));
    })
    .patch('/apikeys/:apiKey', faults.for('UpdateApiKey'), async (c) => {
      const key = state.apiKeys.get(c.req.param('apiKey'));
      if (!key) throw notFound('API Key identifier');
      const { patchOperations = [] } = await readJson<UpdateApiKeyRequest>(c);
      const next = applyApiKeyPatch(key, patchOperations);
      state.apiKeys.set(next.id, next);
      return c.json(apiKeyJson(next, false));
    })
    .delete('/apikeys/:apiKey', faults.for('DeleteApiKey'), (c) => {
      if (!state.apiKeys.delete(c.req.param('apiKey'))) throw notFound('API Key identifier');
      return c.body(null, 202);
    });
}
