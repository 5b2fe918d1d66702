import type { Locator, Page } from '@playwright/test';

export class AuditPage {
  readonly table: Locator;
  readonly actor: Locator;
  readonly api: Locator;
  readonly stage: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Audit events' });
    this.actor = page.getByRole('textbox', { name: 'Actor' });
    this.api = page.getByRole('combobox', { name: 'API' });
    this.stage = page.getByRole('textbox', { name: 'Stage' });
  }

  async goto() {
    await this.page.goto('/audit');
  }

  /** The "Who" cell of every row shown. */
  async actors(): Promise<string[]> {
    const cells = await this.table.locator('tbody tr td:nth-child(2)').allTextContents();
    return cells.map((cell) => cell.split(' ')[0] ?? '');
  }
}
