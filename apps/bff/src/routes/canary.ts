import {
  type Canary,
  type PromoteResult,
  PutCanaryRequest,
  type Stage,
  type StepResult,
} from '@gateway-console/contract';
import { Hono } from 'hono';
import { auditAhead, audited } from '../audit/middleware.ts';
import { requireRole } from '../auth/middleware.ts';
import { canaryPatch, promotionSteps, removeCanary } from '../aws/stage-patch.ts';
import type { AppEnv, AuditNote, Deps } from '../context.ts';
import { ProblemError, toProblem } from '../http/problem.ts';
import { stageAsSeen, stageResponse } from '../http/stale.ts';
import { jsonBody } from '../http/validate.ts';
import { stageOf } from './params.ts';

const noCanary = (stageName: string) =>
  new ProblemError(409, 'NO_CANARY', 'No canary', `Stage ${stageName} has no canary.`);

const canaryRemoved = 'Canary settings removed';

/** The stage is in the state AWS's promotion leaves: the canary's deployment and variables, the canary at 0 %. */
function isPromoted(stage: Stage, canary: Canary): boolean {
  return (
    stage.deploymentId === canary.deploymentId &&
    (stage.canary?.percentTraffic ?? 0) === 0 &&
    Object.entries(canary.stageVariableOverrides).every(([name, value]) => stage.variables[name] === value)
  );
}

/** The problem for a promotion that stopped part-way: which steps happened, and the stage as it is. */
function promotionStopped(
  err: unknown,
  stageName: string,
  steps: StepResult[],
  actual: Stage | undefined,
  audit: AuditNote,
): ProblemError {
  const cause = toProblem(err);
  const named = (status: StepResult['status']) => steps.filter((s) => s.status === status).map((s) => s.step);
  const done = named('done');
  const parts = [
    done.length ? `Done: ${done.join('; ')}.` : 'Nothing was done.',
    `Failed: ${named('failed').join('; ')} (${cause.detail ?? cause.title}).`,
    ...(named('not done').length ? [`Not done: ${named('not done').join('; ')}.`] : []),
  ];
  audit.after = actual ?? null;
  if (!actual) {
    parts.push(`The stage could not be read back: check stage ${stageName} before changing it again.`);
  } else {
    parts.push(
      `Stage ${stageName} now runs deployment ${actual.deploymentId}${
        actual.canary
          ? ` with a canary on deployment ${actual.canary.deploymentId} at ${actual.canary.percentTraffic} %`
          : ' with no canary'
      }.`,
    );
    if (done.length && actual.canary) parts.push('Roll back the canary to remove its settings.');
  }
  const title = !actual
    ? 'Promotion stopped part-way; the stage could not be read back'
    : done.length
      ? 'Promoted, but the canary settings are still there (at 0 %)'
      : 'Promotion failed; the stage is unchanged';
  return new ProblemError(cause.status, cause.code, title, parts.join(' '), {
    ...(cause.extra.headers ? { headers: cause.extra.headers } : {}),
    steps,
    ...(actual ? { current: actual } : {}),
  });
}

/** Canary: create or adjust, promote, roll back. AWS's patch operations stay behind these routes. */
export const canaryRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .put('/:apiId/stages/:stage/canary', audited(deps, 'canary.set'), requireRole('operator'), async (c) => {
      const { apiId, stageName } = stageOf(c);
      const change = await jsonBody(c, PutCanaryRequest);
      const current = await stageAsSeen(c, deps, apiId, stageName);
      if (!current.canary && change.deploymentId === undefined) {
        throw new ProblemError(
          400,
          'VALIDATION_FAILED',
          'Invalid input',
          'deploymentId: required to start a canary',
          {
            errors: [{ path: 'deploymentId', message: 'Required to start a canary' }],
          },
        );
      }
      const operations = canaryPatch(current.canary, change);
      let stage = current;
      if (operations.length) {
        await auditAhead(c);
        stage = await deps.gateway.updateStage(apiId, stageName, operations);
      }
      c.var.audit.after = stage;
      return stageResponse(c, stage);
    })
    .post(
      '/:apiId/stages/:stage/canary/promote',
      audited(deps, 'canary.promote'),
      requireRole('operator'),
      async (c) => {
        const { apiId, stageName } = stageOf(c);
        const current = await stageAsSeen(c, deps, apiId, stageName);
        const canary = current.canary;
        if (!canary) throw noCanary(stageName);
        // Two UpdateStage calls: AWS's promotion (its operations all or none), then the canary's removal.
        const promotion = promotionSteps(canary);
        const calls = [
          {
            steps: promotion.filter((s) => s.operation).map((s) => s.step),
            operations: promotion.flatMap((s) => (s.operation ? [s.operation] : [])),
            happened: (stage: Stage) => isPromoted(stage, canary),
          },
          {
            steps: [canaryRemoved],
            operations: [removeCanary],
            happened: (stage: Stage) => stage.canary === null,
          },
        ];
        const status = new Map<string, StepResult['status']>(
          promotion.map((s) => [s.step, s.operation ? 'not done' : 'skipped']),
        );
        status.set(canaryRemoved, 'not done');
        const steps = () => [...status].map(([step, s]): StepResult => ({ step, status: s }));
        await auditAhead(c);
        let stage = current;
        for (const call of calls) {
          try {
            stage = await deps.gateway.updateStage(apiId, stageName, call.operations);
          } catch (err) {
            // A lost answer does not mean AWS did nothing: the stage as it now is says what happened.
            const actual = await deps.gateway.getStage(apiId, stageName).catch(() => undefined);
            if (!actual || !call.happened(actual)) {
              for (const step of call.steps) status.set(step, 'failed');
              throw promotionStopped(err, stageName, steps(), actual, c.var.audit);
            }
            stage = actual;
          }
          for (const step of call.steps) status.set(step, 'done');
        }
        c.var.audit.after = stage;
        c.var.audit.detail = steps()
          .map((s) => `${s.step}: ${s.status}`)
          .join('; ');
        c.header('ETag', stage.etag);
        return c.json({ steps: steps(), stage } satisfies PromoteResult, 200);
      },
    )
    .delete(
      '/:apiId/stages/:stage/canary',
      audited(deps, 'canary.rollback'),
      requireRole('operator'),
      async (c) => {
        const { apiId, stageName } = stageOf(c);
        const current = await stageAsSeen(c, deps, apiId, stageName);
        if (!current.canary) throw noCanary(stageName);
        await auditAhead(c);
        const stage = await deps.gateway.updateStage(apiId, stageName, [removeCanary]);
        c.var.audit.after = stage;
        return stageResponse(c, stage);
      },
    );
