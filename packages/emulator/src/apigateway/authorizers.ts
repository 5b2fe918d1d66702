import type { CreateAuthorizerRequest } from '@aws-sdk/client-api-gateway';
import { Hono } from 'hono';
import { type AuthorizerRecord, newId, type RestApiRecord } from '../state.ts';
import { badRequest, conflict, notFound } from './errors.ts';
import { type ControlPlane, findApi } from './lookup.ts';
import { authorizerJson, page, readJson } from './wire.ts';

const AUTHORIZER_TYPES: AuthorizerRecord['type'][] = ['TOKEN', 'REQUEST', 'COGNITO_USER_POOLS'];
export const MAX_AUTHORIZER_TTL_SECONDS = 3600;

/** CreateAuthorizer's validation and record; shared with ImportRestApi. */
export function addAuthorizer(api: RestApiRecord, input: Partial<CreateAuthorizerRequest>): AuthorizerRecord {
  if (!input.name) throw badRequest('Authorizer name must be non-empty');
  const type = input.type as AuthorizerRecord['type'];
  if (!AUTHORIZER_TYPES.includes(type)) {
    throw badRequest(
      `Invalid authorizer type "${input.type ?? ''}". Must be one of: ${AUTHORIZER_TYPES.join(', ')}`,
    );
  }
  if (type === 'COGNITO_USER_POOLS' && !input.providerARNs?.length) {
    throw badRequest('A COGNITO_USER_POOLS authorizer needs providerARNs (the user pool ARNs)');
  }
  if (type !== 'COGNITO_USER_POOLS' && !input.authorizerUri) {
    throw badRequest(`A ${type} authorizer needs an authorizerUri (the Lambda function's invocation URI)`);
  }
  if (type === 'TOKEN' && !input.identitySource) {
    throw badRequest(
      'A TOKEN authorizer needs an identitySource such as method.request.header.Authorization',
    );
  }
  const ttl = input.authorizerResultTtlInSeconds ?? 300;
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_AUTHORIZER_TTL_SECONDS) {
    throw badRequest(
      `Invalid authorizerResultTtlInSeconds ${ttl}: must be between 0 and ${MAX_AUTHORIZER_TTL_SECONDS}`,
    );
  }
  if ([...api.authorizers.values()].some((a) => a.name === input.name)) {
    throw badRequest(`An authorizer named ${input.name} already exists in this API`);
  }
  const authorizer: AuthorizerRecord = {
    id: newId(6),
    name: input.name,
    type,
    providerARNs: input.providerARNs,
    authType: input.authType,
    authorizerUri: input.authorizerUri,
    authorizerCredentials: input.authorizerCredentials,
    identitySource: input.identitySource,
    identityValidationExpression: input.identityValidationExpression,
    authorizerResultTtlInSeconds: ttl,
  };
  api.authorizers.set(authorizer.id, authorizer);
  return authorizer;
}

/** Authorizers: create, list, get. */
export function authorizerRoutes({ state, faults }: ControlPlane) {
  return new Hono()
    .post('/restapis/:restApiId/authorizers', faults.for('CreateAuthorizer'), async (c) => {
      const api = state.restApis.get(c.req.param('restApiId'));
      // What AWS answers here for a missing API (recorded), not a NotFoundException.
      if (!api)
        throw conflict(
          'Unable to complete operation due to concurrent modification. Please try again later.',
        );
      return c.json(authorizerJson(addAuthorizer(api, await readJson<CreateAuthorizerRequest>(c))), 201);
    })
    .get('/restapis/:restApiId/authorizers', faults.for('GetAuthorizers'), (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      return c.json(page([...api.authorizers.values()].map(authorizerJson), c.req.query()));
    })
    .get('/restapis/:restApiId/authorizers/:authorizerId', faults.for('GetAuthorizer'), (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      const authorizer = api.authorizers.get(c.req.param('authorizerId'));
      if (!authorizer) throw notFound('Authorizer identifier');
      return c.json(authorizerJson(authorizer));
    });
}
