import type { Canary, Stage, StepResult } from '@gateway-console/contract';
import type { Gateway } from './gateway.ts';
import { promotionSteps, removeCanary } from './stage-patch.ts';

const canaryRemoved = 'Canary settings removed';

/** The stage is in the state AWS's promotion leaves: the canary's deployment and variables, the canary at 0 %. */
function isPromoted(stage: Stage, canary: Canary): boolean {
  return (
    stage.deploymentId === canary.deploymentId &&
    (stage.canary?.percentTraffic ?? 0) === 0 &&
    Object.entries(canary.stageVariableOverrides).every(([name, value]) => stage.variables[name] === value)
  );
}

export type Promotion =
  | { ok: true; steps: StepResult[]; stage: Stage }
  | { ok: false; steps: StepResult[]; error: unknown; actual: Stage | undefined };

/**
 * Promotes the stage's canary: two UpdateStage calls (AWS's promotion, its operations all or none; then
 * the canary's removal). A lost answer does not mean AWS did nothing: on an error the stage read back says
 * which steps happened.
 */
export async function promoteCanary(
  gateway: Gateway,
  apiId: string,
  stageName: string,
  current: Stage,
  canary: Canary,
): Promise<Promotion> {
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
  let stage = current;
  for (const call of calls) {
    try {
      stage = await gateway.updateStage(apiId, stageName, call.operations);
    } catch (error) {
      const actual = await gateway.getStage(apiId, stageName).catch(() => undefined);
      if (!actual || !call.happened(actual)) {
        for (const step of call.steps) status.set(step, 'failed');
        return { ok: false, steps: steps(), error, actual };
      }
      stage = actual;
    }
    for (const step of call.steps) status.set(step, 'done');
  }
  return { ok: true, steps: steps(), stage };
}
