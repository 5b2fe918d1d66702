import { openApiDocument } from '@gateway-console/contract/openapi';
import { Hono } from 'hono';
import { auditRefusedEarly } from './audit/middleware.ts';
import { identify, requireRole } from './auth/middleware.ts';
import { OidcSignIn } from './auth/oidc.ts';
import { passwordChangeFirst } from './auth/password-change.ts';
import { Sessions } from './auth/sessions.ts';
import type { AppEnv, Deps } from './context.ts';
import { toProblem } from './http/problem.ts';
import { requestIds } from './http/request-id.ts';
import { csrfProtection, jsonBodiesOnly, securityHeaders } from './http/security.ts';
import { oneChangePerStage } from './http/stage-lock.ts';
import { ProblemError, problemBody } from './problem.ts';
import { apisRoutes } from './routes/apis.ts';
import { auditRoutes } from './routes/audit.ts';
import { canaryRoutes } from './routes/canary.ts';
import { deploymentsRoutes } from './routes/deployments.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { oidcRoutes } from './routes/oidc.ts';
import { releasesRoutes } from './routes/releases.ts';
import { rolloutRoutes, stageRolloutRoutes } from './routes/rollouts.ts';
import { sessionRoutes } from './routes/session.ts';
import { stagesRoutes } from './routes/stages.ts';
import { statusCodesRoutes } from './routes/statusCodes.ts';
import { usersRoutes } from './routes/users.ts';
import { verdictRoutes } from './routes/verdict.ts';

/** The BFF: every route under /api, errors as problem+json. */
export function createApp(deps: Deps) {
  const openApi = openApiDocument();
  const app = new Hono<AppEnv>();
  app.use(requestIds);
  app.use(securityHeaders(deps.behindHttpsProxy ?? false));

  app.onError((err, c) => {
    const id = c.get('requestId');
    const problem = toProblem(err);
    const theirs = c.get('clientRequestId');
    const line = `[bff] ${id}${theirs ? ` (client ${theirs})` : ''} ${c.req.method} ${c.req.path} → ${problem.status} ${problem.code}`;
    if (problem.status >= 500) console.error(line, err);
    // A flood of anonymous sign-ins answered 429 would cost a log line each: the audit log keeps a
    // bounded count of them instead.
    else if (problem.code !== 'RATE_LIMITED' || c.get('user')) console.info(line);
    return c.body(JSON.stringify(problemBody(problem, id)), problem.status as 500, {
      ...problem.extra.headers,
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

  const sessions = new Sessions(deps.storage.db, deps.sessionRecheckMs, deps.sessionIdleMs);
  const stageLock = oneChangePerStage(deps.storage);
  const api = new Hono<AppEnv>()
    .use(
      auditRefusedEarly(deps),
      csrfProtection(deps),
      jsonBodiesOnly,
      identify(deps, sessions),
      passwordChangeFirst,
    )
    .use(async (c, next) => {
      await next();
      // Signed-in answers must not outlive the session in a shared or browser cache (#16 item 9);
      // routes that choose their own caching (metrics: private, max-age) keep it.
      if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
    })
    .get('/health', (c) => c.json({ status: 'ok' as const }, 200))
    .get('/ready', async (c) => {
      const [{ reachable: aws, missingPermission }, database] = await Promise.all([
        deps.gateway.reachability(),
        deps.storage.isMigrated().catch(() => false),
      ]);
      return c.json(
        {
          status: aws && database ? 'ready' : 'not ready',
          aws,
          database,
          ...(missingPermission ? { missingPermission } : {}),
          // The console's API Gateway budget (calls/s) and how many replicas split it.
          awsBudget: {
            callsPerSecond: deps.gateway.budget.callsPerSecond,
            replicas: deps.gateway.budget.replicas,
          },
        },
        aws && database ? 200 : 503,
      );
    })
    .get('/openapi.json', (c) => c.json(openApi, 200))
    .route('/session', sessionRoutes(deps, sessions))
    .use('/apis/*', requireRole('viewer'))
    .use('/audit', requireRole('viewer'))
    .use('/rollouts/*', requireRole('viewer'))
    .use('/environment', requireRole('viewer'))
    .get('/environment', async (c) => c.json(await deps.environment.describe(), 200))
    .use('/apis/:apiId/stages/:stage/*', stageLock)
    .route('/apis', apisRoutes(deps))
    .route('/apis', stagesRoutes(deps))
    .route('/apis', canaryRoutes(deps))
    .route('/apis', deploymentsRoutes(deps))
    .route('/apis', releasesRoutes(deps))
    .route('/apis', metricsRoutes(deps))
    .route('/apis', verdictRoutes(deps))
    .route('/apis', statusCodesRoutes(deps))
    .route('/apis', stageRolloutRoutes(deps))
    .route('/rollouts', rolloutRoutes(deps))
    .route('/audit', auditRoutes(deps))
    .route('/users', usersRoutes(deps, sessions));
  if (deps.oidc) api.route('/session/oidc', oidcRoutes(deps, sessions, new OidcSignIn(deps.oidc)));
  app.route('/api', api);
  return app;
}
