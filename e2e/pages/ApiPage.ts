import type { Locator, Page } from '@playwright/test';

export class ApiPage {
  readonly stages: Locator;
  readonly createStageButton: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.stages = page.getByRole('table', { name: 'Stages' });
    this.createStageButton = page.getByRole('button', { name: 'Create stage' });
    this.dialog = page.getByRole('dialog', { name: 'Create stage' });
  }

  async goto(apiId: string) {
    await this.page.goto(`/apis/${apiId}`);
  }

  heading(apiName: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: apiName });
  }

  stageLink(stage: string): Locator {
    return this.stages.getByRole('link', { name: stage, exact: true });
  }

  stageRow(stage: string): Locator {
    return this.stages
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name: stage, exact: true }) });
  }

  /** Fills the Create stage dialog; `deployment` is matched against the option text (its description). */
  async fillCreateStage(fields: { name: string; deployment?: string; description?: string }) {
    await this.createStageButton.click();
    await this.dialog.getByLabel('Stage name').fill(fields.name);
    if (fields.deployment) {
      const select = this.dialog.getByLabel('Deployment');
      const option = select.locator('option', { hasText: fields.deployment });
      await select.selectOption((await option.getAttribute('value'))!);
    }
    if (fields.description) await this.dialog.getByLabel('Description').fill(fields.description);
  }

  async submitCreateStage() {
    await this.dialog.getByRole('button', { name: 'Create', exact: true }).click();
  }
}
