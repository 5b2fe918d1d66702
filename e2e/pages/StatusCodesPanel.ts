import type { Locator, Page } from '@playwright/test';

/** The stage page's errors by status code: access-log switch, Status codes chart, explanations, recent requests. */
export class StatusCodesPanel {
  readonly region: Locator;
  readonly turnOn: Locator;
  readonly turnOff: Locator;
  readonly chart: Locator;
  readonly legend: Locator;
  readonly requests: Locator;
  readonly statusFilter: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Errors by status code' });
    this.turnOn = this.region.getByRole('button', { name: 'Turn on access logging' });
    this.turnOff = this.region.getByRole('button', { name: 'Turn off access logging' });
    this.chart = page.getByRole('figure', { name: 'Status codes', exact: true });
    this.legend = this.chart.getByRole('list', { name: 'Status codes legend' });
    this.requests = this.region.getByRole('table', { name: 'Recent failing requests' });
    this.statusFilter = this.region.getByLabel('Status', { exact: true });
  }

  /** What the console says about one status: its meaning and likely cause here. */
  explanation(status: number): Locator {
    return this.region.getByRole('listitem', { name: `Status ${status}` });
  }
}
