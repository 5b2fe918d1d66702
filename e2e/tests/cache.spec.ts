import { expect, signIn, test } from '../fixtures.ts';
import { ConsoleApi, uniqueStage } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';

test('flushing the cache asks first, then flushes; it is disabled with the reason when caching is off', async ({
  page,
}) => {
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  const apiId = await api.apiIdByName('Payments');
  const stagePage = new StagePage(page);

  const uncached = uniqueStage('nocache');
  const [deployment] = await api.deployments(apiId);
  await api.createStage(apiId, { name: uncached, deploymentId: deployment!.id });
  await stagePage.goto(apiId, uncached);
  await expect(stagePage.flushCache).toBeDisabled();
  await expect(page.getByText('caching is off for this stage')).toBeVisible();

  const cached = uniqueStage('cached');
  await api.createStage(apiId, {
    name: cached,
    deploymentId: deployment!.id,
    cacheClusterEnabled: true,
    cacheClusterSize: '0.5',
  });
  await stagePage.goto(apiId, cached);
  await stagePage.flushCache.click();
  await expect(stagePage.dialog).toContainText('Every cached response in the 0.5 GB cache');
  await stagePage.confirm.click();
  await expect(stagePage.cache.getByRole('status')).toContainText('Cache flushed');

  const audit = await api.audit({ apiId, stage: cached });
  expect(audit.items.some((e) => /flush/i.test(e.action) && e.outcome === 'success')).toBe(true);
});

test('the cache TTL is checked in the form: 4000 s is refused, 120 s is saved', async ({ page }) => {
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  const apiId = await api.apiIdByName('Payments');
  const stage = uniqueStage('ttl');
  const [deployment] = await api.deployments(apiId);
  await api.createStage(apiId, {
    name: stage,
    deploymentId: deployment!.id,
    cacheClusterEnabled: true,
    cacheClusterSize: '1.6',
  });
  const before = await api.stage(apiId, stage);
  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, stage);

  const ttl = stagePage.cacheSettings.getByLabel('Cache TTL (seconds)');
  const save = stagePage.cacheSettings.getByRole('button', { name: 'Save cache settings' });
  await expect(stagePage.cacheSettings.getByLabel('Cache size')).toHaveValue('1.6');
  await ttl.fill('4000');
  await save.click();
  await expect(
    stagePage.cacheSettings.getByText('TTL must be a whole number of seconds from 0 to 3600'),
  ).toBeVisible();
  await expect(ttl).toHaveAttribute('aria-invalid', 'true');
  // Nothing reached the BFF: no stage.update of any outcome is in the audit log.
  const updates = async () =>
    (await api.audit({ apiId, stage })).items.filter((e) => e.action === 'stage.update').length;
  expect(await updates()).toBe(0);
  expect((await api.stage(apiId, stage)).methodSettings['*/*']?.cacheTtlInSeconds).toBe(
    before.methodSettings['*/*']?.cacheTtlInSeconds,
  );

  await ttl.fill('120');
  await save.click();
  await expect(stagePage.cache.getByRole('status')).toContainText('Cache settings saved');
  const after = await api.stage(apiId, stage);
  expect(after.methodSettings['*/*']?.cacheTtlInSeconds).toBe(120);
  expect(await updates()).toBe(1);
  await page.reload();
  await expect(stagePage.cacheSettings.getByLabel('Cache TTL (seconds)')).toHaveValue('120');
});
