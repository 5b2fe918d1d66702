import { Hono } from 'hono';
import type { EmulatorState } from '../state.ts';
import { apiKeyRoutes } from './apikeys.ts';
import { authorizerRoutes } from './authorizers.ts';
import { deploymentRoutes } from './deployments.ts';
import { AwsError } from './errors.ts';
import { FaultInjector, faultRoutes } from './faults.ts';
import type { ControlPlane } from './lookup.ts';
import { resourceRoutes } from './resources.ts';
import { restApiRoutes } from './restapis.ts';
import { stageRoutes } from './stages.ts';
import { tagRoutes } from './tags.ts';

/** Seconds a throttled caller is told to wait, as AWS's `Retry-After` on 429s. */
const RETRY_AFTER_SECONDS = '1';

/**
 * The API Gateway control plane (restJson1) under `/restapis`, `/apikeys` and `/tags`,
 * plus the emulator-only admin routes under `/_emulator`.
 */
export function apiGatewayApp(state: EmulatorState, faults = new FaultInjector()) {
  const plane: ControlPlane = { state, faults };
  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof AwsError) {
      const headers: Record<string, string> = { 'x-amzn-ErrorType': err.type };
      if (err.status === 429) headers['Retry-After'] = String(err.retryAfterSeconds ?? RETRY_AFTER_SECONDS);
      return c.json({ message: err.message }, err.status as 400, headers);
    }
    console.error('[emulator] unexpected error', err);
    return c.json({ message: 'Internal server error' }, 500, { 'x-amzn-ErrorType': 'InternalFailure' });
  });

  app.notFound((c) =>
    c.json({ message: `No API Gateway operation at ${c.req.method} ${c.req.path}` }, 404, {
      'x-amzn-ErrorType': 'UnknownOperationException',
    }),
  );

  app.route('/', restApiRoutes(plane));
  app.route('/', resourceRoutes(plane));
  app.route('/', deploymentRoutes(plane));
  app.route('/', stageRoutes(plane));
  app.route('/', authorizerRoutes(plane));
  app.route('/', tagRoutes(plane));
  app.route('/', apiKeyRoutes(plane));
  app.route('/_emulator/faults', faultRoutes(faults));
  return app;
}
