import { CreateDeploymentRequest, type DeploymentList, type Stage } from '@gateway-console/contract';
import { Hono } from 'hono';
import { auditAhead, audited } from '../audit/middleware.ts';
import { guard } from '../auth/middleware.ts';
import type { AppEnv, Deps } from '../context.ts';
import { stageLockKey } from '../http/stage-lock.ts';
import { stageAsSeen } from '../http/stale.ts';
import { jsonBody } from '../http/validate.ts';
import { ProblemError } from '../problem.ts';
import { apiIdOf, freshnessOf } from './params.ts';

const isNotFound = (err: unknown) => (err as { name?: string }).name === 'NotFoundException';

/** Deployment history (newest first) and new deployments, on their own, onto a stage or as its canary. */
export const deploymentsRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/:apiId/deployments', async (c) =>
      c.json(
        { items: await deps.gateway.listDeployments(apiIdOf(c), freshnessOf(c)) } satisfies DeploymentList,
        200,
      ),
    )
    .post('/:apiId/deployments', audited(deps, 'deployment.create'), guard('createDeployment'), async (c) => {
      const apiId = apiIdOf(c);
      // The body is read and checked before the stage's lock is taken: a slow client cannot hold it.
      const request = await jsonBody(c, CreateDeploymentRequest);
      const { stageName } = request;
      if (!stageName) {
        await auditAhead(c);
        const deployment = await deps.gateway.createDeployment(apiId, request);
        c.var.audit.after = deployment;
        return c.json(deployment, 201);
      }
      c.var.audit.stage = stageName;
      // Deploying onto a stage changes it: the same protections as any other change to the stage.
      return deps.storage.exclusive(stageLockKey(apiId, stageName), async () => {
        let before: Stage | null = null;
        if (c.req.header('If-Match')) before = await stageAsSeen(c, deps, apiId, stageName);
        else {
          const exists = await deps.gateway.getStage(apiId, stageName).then(
            () => true,
            (err) => (isNotFound(err) ? false : Promise.reject(err)),
          );
          // A stage that does not exist yet is created by the deployment: there is no view to be stale.
          if (exists) await stageAsSeen(c, deps, apiId, stageName);
          c.var.audit.before = null;
        }
        if (before?.canary && !request.canary) {
          throw new ProblemError(
            409,
            'CANARY_ACTIVE',
            'A canary is in progress',
            `Stage ${stageName} has a canary on deployment ${before.canary.deploymentId}. Promote it or roll it back before deploying onto the stage, or deploy as its canary.`,
          );
        }
        await auditAhead(c);
        const deployment = await deps.gateway.createDeployment(apiId, request);
        // Unreadable now: the start-up reconciliation reads it back, as after a crash.
        c.var.audit.after = await deps.gateway.getStage(apiId, stageName).catch(() => undefined);
        c.var.audit.detail = `deployment ${deployment.id}`;
        return c.json(deployment, 201);
      });
    });
