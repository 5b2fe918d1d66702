import { GetRestApisCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { CanaryVerdict, Problem } from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness.ts';
import { defaultJudgeSettings } from '../rollouts/judge.ts';

describe('GET …/stages/:stage/canary/verdict', () => {
  let harness: Harness;
  let petStore: string;
  beforeAll(async () => {
    harness = await startHarness();
    const apis = await harness.sdk.send(new GetRestApisCommand({}));
    petStore = apis.items!.find((api) => api.name === 'PetStore')!.id!;
  });
  afterAll(() => harness.close());

  it('judges PetStore prod’s failing canary from real traffic: failing, with the numbers behind it', async () => {
    // Half the traffic to the canary, whose upstream (version v2) fails more often and is slower.
    await harness.sdk.send(
      new UpdateStageCommand({
        restApiId: petStore,
        stageName: 'prod',
        patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50' }],
      }),
    );
    const sent = 3 * defaultJudgeSettings.minRequests;
    for (let i = 0; i < sent; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, () =>
          fetch(`${harness.emulator.invokeUrl(petStore, 'prod')}/pets`).then((r) => r.arrayBuffer()),
        ),
      );
    }
    // Seen from four minutes on, so the minutes just sent are ones CloudWatch has finished publishing.
    const later = await harness.as('viewer', { clock: () => new Date(Date.now() + 4 * 60_000) });
    const response = await later.get(`/api/apis/${petStore}/stages/prod/canary/verdict`);
    expect(response.status, await response.clone().text()).toBe(200);
    const verdict = CanaryVerdict.parse(await response.json());
    expect(verdict.verdict).toBe('failing');
    expect(verdict.canaryRequests).toBeGreaterThanOrEqual(defaultJudgeSettings.minRequests);
    const rate = verdict.checks.find((check) => check.metric === '5xx-rate')!;
    expect(rate.canary).toBeGreaterThan(rate.base * rate.threshold);
    expect(rate.passed).toBe(false);
    expect(rate.pValue).toBeLessThan(rate.alpha);
  });

  it('right now, on minutes CloudWatch may still be publishing, it will not call the canary healthy', async () => {
    const viewer = await harness.as('viewer');
    const response = await viewer.get(`/api/apis/${petStore}/stages/prod/canary/verdict`);
    expect(response.status).toBe(200);
    expect(CanaryVerdict.parse(await response.json()).verdict).not.toBe('healthy');
  });

  it('a stage without a canary has nothing to judge (409), an unknown stage is a 404', async () => {
    const viewer = await harness.as('viewer');
    const none = await viewer.get(`/api/apis/${petStore}/stages/dev/canary/verdict`);
    expect(none.status).toBe(409);
    expect(Problem.parse(await none.json()).code).toBe('NO_CANARY');
    const missing = await viewer.get(`/api/apis/${petStore}/stages/nope/canary/verdict`);
    expect(missing.status).toBe(404);
  });
});
