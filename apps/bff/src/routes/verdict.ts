import type { StageVerdicts } from '@gateway-console/contract';
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { ProblemError } from '../problem.ts';
import { judgeStages } from '../rollouts/evaluate.ts';
import { defaultJudgeSettings } from '../rollouts/judge.ts';
import { apiIdOf, stageOf } from './params.ts';

const clockOf = (deps: Deps) => deps.clock?.() ?? new Date();

async function apiNamed(deps: Deps, apiId: string): Promise<string> {
  const api = (await deps.gateway.listApis('recent')).find((candidate) => candidate.id === apiId);
  if (!api)
    throw new ProblemError(404, 'NOT_FOUND', 'API not found', `There is no REST API with id ${apiId}.`);
  return api.name;
}

/** The canary judge: one stage's verdict, or every canary stage of an API; one GetMetricData per evaluation. */
export const verdictRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/:apiId/stages/:stage/canary/verdict', async (c) => {
      const { apiId, stageName: stage } = stageOf(c);
      const [apiName, current] = await Promise.all([
        apiNamed(deps, apiId),
        deps.gateway.getStage(apiId, stage, 'recent'),
      ]);
      if (!current.canary)
        throw new ProblemError(409, 'NO_CANARY', 'No canary to judge', `Stage ${stage} has no canary.`);
      const verdicts = await judgeStages(deps, apiName, [stage], clockOf(deps), defaultJudgeSettings);
      return c.json(verdicts.get(stage)!, 200, { 'Cache-Control': 'private, max-age=15' });
    })
    .get('/:apiId/canary/verdicts', async (c) => {
      const apiId = apiIdOf(c);
      const [apiName, stages] = await Promise.all([
        apiNamed(deps, apiId),
        deps.gateway.listStages(apiId, 'recent'),
      ]);
      const withCanary = stages.filter((stage) => stage.canary).map((stage) => stage.name);
      const verdicts = await judgeStages(deps, apiName, withCanary, clockOf(deps), defaultJudgeSettings);
      const body: StageVerdicts = {
        verdicts: withCanary.map((stage) => ({ stage, verdict: verdicts.get(stage)! })),
      };
      return c.json(body, 200, { 'Cache-Control': 'private, max-age=15' });
    });
