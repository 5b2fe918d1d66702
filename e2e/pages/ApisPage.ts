import type { Locator, Page } from '@playwright/test';

export class ApisPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'APIs' });
  }

  async goto() {
    await this.page.goto('/');
  }

  link(apiName: string): Locator {
    return this.table.getByRole('link', { name: apiName, exact: true });
  }

  row(apiName: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name: apiName, exact: true }) });
  }
}
