import { CreateDeploymentRequest, type DeploymentList } from '@gateway-console/contract';
import { Hono } from 'hono';
import { auditAhead, audited } from '../audit/middleware.ts';
import { requireRole } from '../auth/middleware.ts';
import type { AppEnv, Deps } from '../context.ts';
import { stageAsSeen } from '../http/stale.ts';
import { jsonBody } from '../http/validate.ts';
import { apiIdOf, freshnessOf } from './params.ts';

/** Deployment history (newest first) and new deployments, optionally as a stage's canary. */
export const deploymentsRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/:apiId/deployments', async (c) =>
      c.json(
        { items: await deps.gateway.listDeployments(apiIdOf(c), freshnessOf(c)) } satisfies DeploymentList,
        200,
      ),
    )
    .post('/:apiId/deployments', audited(deps, 'deployment.create'), requireRole('operator'), async (c) => {
      const apiId = apiIdOf(c);
      const request = await jsonBody(c, CreateDeploymentRequest);
      // Deploying onto a stage changes it: when the caller says which version it saw, hold it to that.
      if (request.stageName && c.req.header('If-Match')) await stageAsSeen(c, deps, apiId, request.stageName);
      c.var.audit.stage = request.stageName;
      await auditAhead(c);
      const deployment = await deps.gateway.createDeployment(apiId, request);
      c.var.audit.after = deployment;
      return c.json(deployment, 201);
    });
