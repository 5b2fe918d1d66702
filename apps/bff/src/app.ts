import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Gateway } from './aws/gateway.ts';
import type { Metrics } from './aws/metrics.ts';
import { ProblemError, problemBody } from './http/problem.ts';
import { apisRoutes } from './routes/apis.ts';
import { metricsRoutes } from './routes/metrics.ts';

export interface Deps {
  gateway: Gateway;
  metrics: Metrics;
}

export type AppEnv = { Variables: { requestId: string } };

/** The BFF: every route under /api, errors as problem+json. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );

  app.onError((err, c) => {
    const id = c.get('requestId');
    const problem =
      err instanceof ProblemError
        ? err
        : new ProblemError(500, 'INTERNAL', 'Internal error', 'Something went wrong on our side.');
    if (problem.status >= 500) console.error(`[bff] ${id} ${c.req.method} ${c.req.path}`, err);
    return c.body(JSON.stringify(problemBody(problem, id)), problem.status as 500, {
      'Content-Type': 'application/problem+json',
    });
  });
  app.notFound((c) => {
    const problem = new ProblemError(
      404,
      'NOT_FOUND',
      'Not found',
      `No route for ${c.req.method} ${c.req.path}.`,
    );
    return c.body(JSON.stringify(problemBody(problem, c.get('requestId'))), 404, {
      'Content-Type': 'application/problem+json',
    });
  });

  const api = new Hono<AppEnv>()
    .get('/health', (c) => c.json({ status: 'ok' }))
    .route('/apis', apisRoutes(deps))
    .route('/apis', metricsRoutes(deps));
  app.route('/api', api);
  return app;
}
