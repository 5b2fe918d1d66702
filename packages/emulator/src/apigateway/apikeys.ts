import { randomBytes } from 'node:crypto';
import type { CreateApiKeyRequest } from '@aws-sdk/client-api-gateway';
import { Hono } from 'hono';
import { type ApiKeyRecord, newId, nowSeconds } from '../state.ts';
import { badRequest, conflict, notFound } from './errors.ts';
import type { ControlPlane } from './lookup.ts';
import { apiKeyJson, page, readJson } from './wire.ts';

const MIN_API_KEY_LENGTH = 20;

/** API keys: create, list, get, delete. The data plane checks `x-api-key` against enabled keys. */
export function apiKeyRoutes({ state, faults }: ControlPlane) {
  return new Hono()
    .post('/apikeys', async (c) => {
      if (c.req.query('mode') === 'import')
        throw badRequest('ImportApiKeys is not supported by this emulator');
      await faults.check('CreateApiKey');
      const input = await readJson<CreateApiKeyRequest>(c);
      const value = input.value ?? randomBytes(30).toString('base64url').slice(0, 40);
      if (value.length < MIN_API_KEY_LENGTH) {
        throw badRequest(`API Key value should be at least ${MIN_API_KEY_LENGTH} characters`);
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
    .delete('/apikeys/:apiKey', faults.for('DeleteApiKey'), (c) => {
      if (!state.apiKeys.delete(c.req.param('apiKey'))) throw notFound('API Key identifier');
      return c.body(null, 202);
    });
}
