import type { Locator, Page } from '@playwright/test';

export class ApisPage {
  readonly table: Locator;
  readonly search: Locator;
  readonly endpointType: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'APIs' });
    this.search = page.getByRole('searchbox', { name: 'Search' });
    this.endpointType = page.getByLabel('Endpoint type');
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

  /** Names of the APIs the table shows, top to bottom. */
  async names(): Promise<string[]> {
    return this.table.locator('tbody tr td:first-child a').allTextContents();
  }

  async sortBy(column: string) {
    await this.table.getByRole('button', { name: column }).click();
  }
}
