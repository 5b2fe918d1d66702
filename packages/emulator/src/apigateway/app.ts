import { Hono } from 'hono';
import type { EmulatorState, RestApiRecord } from '../state.ts';
import { AwsError, notFound } from './errors.ts';
import { page, restApiJson, stageJson } from './wire.ts';

/** The API Gateway control plane (restJson1) under `/restapis`. */
export function apiGatewayApp(state: EmulatorState) {
  const findApi = (id: string): RestApiRecord => {
    const api = state.restApis.get(id);
    if (!api) throw notFound('API identifier');
    return api;
  };

  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof AwsError) {
      return c.json({ message: err.message }, err.status as 400, { 'x-amzn-ErrorType': err.type });
    }
    console.error('[emulator] unexpected error', err);
    return c.json({ message: 'Internal server error' }, 500, { 'x-amzn-ErrorType': 'InternalFailure' });
  });

  app.get('/restapis', (c) => {
    const apis = [...state.restApis.values()].sort(
      (a, b) => a.createdDate - b.createdDate || a.id.localeCompare(b.id),
    );
    return c.json(page(apis.map(restApiJson), c.req.query()));
  });

  app.get('/restapis/:restApiId', (c) => c.json(restApiJson(findApi(c.req.param('restApiId')))));

  app.get('/restapis/:restApiId/stages', (c) => {
    const api = findApi(c.req.param('restApiId'));
    const deploymentId = c.req.query('deploymentId');
    const stages = [...api.stages.values()].filter((s) => !deploymentId || s.deploymentId === deploymentId);
    return c.json({ item: stages.map(stageJson) });
  });

  return app;
}
