import { GetRestApisCommand, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ApiOverviewList, AuditPage, CanaryVerdict, Problem, StageVerdicts } from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countGetMetricData, type Harness, startHarness } from '../../test/harness.ts';
import { Metrics } from '../aws/metrics.ts';
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

    // The APIs list marks it too, in the row's overview (the same GetMetricData as its health).
    await later.get('/api/apis');
    const overview = ApiOverviewList.parse(
      await (await later.get(`/api/apis/overview?ids=${petStore}`)).json(),
    ).items[0]!;
    expect(overview.canaries).toEqual([{ stage: 'prod', percentTraffic: 50, verdict: 'failing' }]);
    expect(overview.health?.requests).toBeGreaterThanOrEqual(sent);
  });

  it('the API page’s verdicts: every canary stage judged from ONE GetMetricData call', async () => {
    const cloudWatch = new CloudWatchClient({
      region: 'us-east-1',
      endpoint: harness.emulator.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const calls = countGetMetricData(cloudWatch);
    const later = await harness.as('viewer', {
      clock: () => new Date(Date.now() + 4 * 60_000),
      metrics: new Metrics(cloudWatch),
    });
    const response = await later.get(`/api/apis/${petStore}/canary/verdicts`);
    expect(response.status, await response.clone().text()).toBe(200);
    const { verdicts } = StageVerdicts.parse(await response.json());
    expect(calls.getMetricData).toBe(1);
    expect(verdicts.find((v) => v.stage === 'prod')?.verdict.verdict).toBe('failing');
    // Only stages with a canary are judged: dev has none.
    expect(verdicts.map((v) => v.stage)).not.toContain('dev');
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

  it('promoting the failing canary needs a typed reason, which the audit log keeps', async () => {
    const later = await harness.as('operator', { clock: () => new Date(Date.now() + 4 * 60_000) });
    const etag = async () => (await later.get(`/api/apis/${petStore}/stages/prod`)).headers.get('ETag')!;
    const refused = await later.request(
      'POST',
      `/api/apis/${petStore}/stages/prod/canary/promote`,
      undefined,
      {
        'If-Match': await etag(),
      },
    );
    expect(refused.status, await refused.clone().text()).toBe(409);
    expect(Problem.parse(await refused.json()).code).toBe('REASON_REQUIRED');
    const unchanged = await harness.sdk.send(new GetStageCommand({ restApiId: petStore, stageName: 'prod' }));
    expect(unchanged.canarySettings).toBeDefined();

    const tooShort = await later.request(
      'POST',
      `/api/apis/${petStore}/stages/prod/canary/promote`,
      { reason: ' ' },
      { 'If-Match': await etag() },
    );
    expect(tooShort.status).toBe(400);

    const reason = 'Hotfix for the outage; the errors are a known upstream flake';
    const promoted = await later.request(
      'POST',
      `/api/apis/${petStore}/stages/prod/canary/promote`,
      { reason },
      { 'If-Match': await etag() },
    );
    expect(promoted.status, await promoted.clone().text()).toBe(200);
    const stage = await harness.sdk.send(new GetStageCommand({ restApiId: petStore, stageName: 'prod' }));
    expect(stage.canarySettings).toBeUndefined();
    const audit = AuditPage.parse(await (await later.get(`/api/audit?apiId=${petStore}&stage=prod`)).json());
    const row = audit.items.find((item) => item.action === 'canary.promote' && item.outcome === 'success');
    expect(row?.detail).toContain(reason);
    const refusals = audit.items.filter(
      (item) => item.action === 'canary.promote' && item.outcome === 'refused',
    );
    expect(refusals.map((item) => item.detail).join('\n')).toContain('REASON_REQUIRED');
  });
});
