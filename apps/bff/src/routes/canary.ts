import {
  PromoteCanaryRequest,
  type PromoteResult,
  PutCanaryRequest,
  type Stage,
  type StepResult,
} from '@gateway-console/contract';
import { Hono } from 'hono';
import { auditAhead, audited } from '../audit/middleware.ts';
import { guard } from '../auth/middleware.ts';
import { promoteCanary } from '../aws/promotion.ts';
import { canaryPatch, removeCanary } from '../aws/stage-patch.ts';
import type { AppEnv, AuditNote, Deps } from '../context.ts';
import { toProblem } from '../http/problem.ts';
import { stageAsSeen, stageResponse } from '../http/stale.ts';
import { jsonBody, optionalJsonBody } from '../http/validate.ts';
import { ProblemError, problem } from '../problem.ts';
import { judgeStages } from '../rollouts/evaluate.ts';
import { defaultJudgeSettings } from '../rollouts/judge.ts';
import { stageOf } from './params.ts';

const noCanary = (stageName: string) =>
  new ProblemError(409, 'NO_CANARY', 'No canary', `Stage ${stageName} has no canary.`);

/**
 * The judge has the last word unless a person overrides it: promoting a canary it calls failing needs a
 * typed reason. When CloudWatch cannot be read the judge has nothing to say, and promotion is not blocked.
 */
async function requireReasonIfFailing(deps: Deps, apiId: string, stageName: string, reason?: string) {
  if (reason) return;
  let failing: boolean;
  try {
    const api = (await deps.gateway.listApis('recent')).find((candidate) => candidate.id === apiId);
    if (!api) return;
    const now = deps.clock?.() ?? new Date();
    const verdicts = await judgeStages(deps, api.name, [stageName], now, defaultJudgeSettings);
    failing = verdicts.get(stageName)?.verdict === 'failing';
  } catch (err) {
    console.warn(`[bff] promote ${apiId}/${stageName}: the canary could not be judged`, err);
    return;
  }
  if (failing) {
    throw new ProblemError(
      409,
      'REASON_REQUIRED',
      'The canary is failing',
      'The canary judge says this canary is failing. Roll it back, or promote it anyway with a reason.',
    );
  }
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
    .put('/:apiId/stages/:stage/canary', audited(deps, 'canary.set'), guard('putCanary'), async (c) => {
      const { apiId, stageName } = stageOf(c);
      const change = await jsonBody(c, PutCanaryRequest);
      const current = await stageAsSeen(c, deps, apiId, stageName);
      if (!current.canary && change.deploymentId === undefined) {
        throw problem('VALIDATION_FAILED', 'deploymentId: required to start a canary', {
          errors: [{ path: 'deploymentId', message: 'Required to start a canary' }],
        });
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
      guard('promoteCanary'),
      async (c) => {
        const { apiId, stageName } = stageOf(c);
        const { reason } = await optionalJsonBody(c, PromoteCanaryRequest);
        const current = await stageAsSeen(c, deps, apiId, stageName);
        const canary = current.canary;
        if (!canary) throw noCanary(stageName);
        await requireReasonIfFailing(deps, apiId, stageName, reason);
        await auditAhead(c);
        const promotion = await promoteCanary(deps.gateway, apiId, stageName, current, canary);
        if (!promotion.ok) {
          throw promotionStopped(promotion.error, stageName, promotion.steps, promotion.actual, c.var.audit);
        }
        const { stage, steps } = promotion;
        c.var.audit.after = stage;
        c.var.audit.detail = [
          ...(reason ? [`Promoted although the judge said failing, because: ${reason}`] : []),
          ...steps.map((s) => `${s.step}: ${s.status}`),
        ].join('; ');
        c.header('ETag', stage.etag);
        return c.json({ steps, stage } satisfies PromoteResult, 200);
      },
    )
    .delete(
      '/:apiId/stages/:stage/canary',
      audited(deps, 'canary.rollback'),
      guard('rollBackCanary'),
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
