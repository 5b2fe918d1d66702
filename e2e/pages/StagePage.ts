import { expect, type Locator, type Page } from '@playwright/test';
import { ConsoleApi, uniqueStage } from './ConsoleApi.ts';

export class StagePage {
  readonly slider: Locator;
  readonly readout: Locator;
  readonly applyState: Locator;
  readonly promote: Locator;
  readonly rollBackCanary: Locator;
  readonly flushCache: Locator;
  readonly deployments: Locator;
  readonly dialog: Locator;
  readonly confirm: Locator;
  readonly canary: Locator;
  readonly cacheSettings: Locator;
  readonly cache: Locator;
  readonly stageThrottling: Locator;
  readonly throttlingRate: Locator;
  readonly throttlingBurst: Locator;
  readonly saveThrottling: Locator;

  constructor(readonly page: Page) {
    this.slider = page.getByRole('slider', { name: 'Canary traffic' });
    this.canary = page.getByRole('region', { name: 'Canary' });
    this.readout = this.canary.locator('.split-readout');
    this.applyState = this.canary.getByRole('status', { name: 'Canary traffic change' });
    this.promote = page.getByRole('button', { name: 'Promote canary' });
    this.rollBackCanary = page.getByRole('button', { name: 'Roll back canary' });
    this.flushCache = page.getByRole('button', { name: 'Flush cache' });
    this.deployments = page.getByRole('table', { name: 'Deployments' });
    this.dialog = page.getByRole('dialog');
    // "Confirm", or the action's own name where the dialog names it ("Promote to 100 %").
    this.confirm = this.dialog.getByRole('button', { name: /^(Confirm|Promote to 100 %|Roll back canary)$/ });
    this.cache = page.getByRole('region', { name: 'Cache', exact: true });
    this.cacheSettings = page.getByRole('form', { name: 'Cache settings' });
    this.stageThrottling = page.getByRole('form', { name: 'Stage throttling' });
    this.throttlingRate = this.stageThrottling.getByLabel('Rate (requests per second)');
    this.throttlingBurst = this.stageThrottling.getByLabel('Burst (requests)');
    this.saveThrottling = this.stageThrottling.getByRole('button', { name: 'Save throttling' });
  }

  async goto(apiId: string, stage: string) {
    await this.page.goto(`/apis/${apiId}/stages/${encodeURIComponent(stage)}`);
  }

  /**
   * A journey's own stage of PetStore with a 10 % canary (the demo's failing v2), open on this page once
   * its slider shows it; the signed-in page's API client comes with it.
   */
  async openOwnCanaryStage(prefix: string) {
    const api = new ConsoleApi(this.page.context().request);
    const stage = uniqueStage(prefix);
    const created = await api.stageWithCanary('PetStore', stage, 10);
    await this.goto(created.apiId, stage);
    await expect(this.slider).toHaveAttribute('aria-valuenow', '10');
    return { api, stage, ...created };
  }

  heading(stage: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: stage });
  }

  /** Drags the slider's thumb with the mouse from one percentage to another and releases it. */
  async dragSlider(from: number, to: number) {
    const box = (await this.slider.boundingBox())!;
    const x = (percent: number) => box.x + (box.width * percent) / 100;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x(from), y);
    await this.page.mouse.down();
    await this.page.mouse.move(x(to), y, { steps: 12 });
    await this.page.mouse.up();
  }

  rollBackTo(deploymentId: string): Locator {
    return this.deployments
      .getByRole('row')
      .filter({ hasText: deploymentId })
      .getByRole('button', { name: 'Roll back to this deployment' });
  }
}
