import type { Locator, Page } from '@playwright/test';

/** The admins' Users page, its Add user dialog and the one-time password it shows. */
export class UsersPage {
  readonly navLink: Locator;
  readonly table: Locator;
  readonly addUser: Locator;
  readonly dialog: Locator;
  readonly username: Locator;
  readonly role: Locator;
  readonly add: Locator;
  readonly temporaryPassword: Locator;
  readonly done: Locator;

  constructor(readonly page: Page) {
    this.navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' });
    this.table = page.getByRole('table', { name: 'Users' });
    this.addUser = page.getByRole('button', { name: 'Add user' });
    this.dialog = page.getByRole('dialog');
    this.username = this.dialog.getByLabel('Username');
    this.role = this.dialog.getByLabel('Role');
    this.add = this.dialog.getByRole('button', { name: 'Add', exact: true });
    this.temporaryPassword = this.dialog.getByRole('status', { name: 'Temporary password', exact: true });
    this.done = this.dialog.getByRole('button', { name: 'Done' });
  }

  async goto() {
    await this.page.goto('/users');
  }

  row(username: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: username }) });
  }

  /** Adds a user through the dialog and returns the temporary password it shows once. */
  async addUserWithRole(username: string, role: string): Promise<string> {
    await this.addUser.click();
    await this.username.fill(username);
    await this.role.selectOption(role);
    await this.add.click();
    return (await this.temporaryPassword.textContent()) ?? '';
  }
}

/** Change password, where a temporary password sends its owner first. */
export class ChangePasswordPage {
  readonly heading: Locator;
  readonly current: Locator;
  readonly next: Locator;
  readonly repeat: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Change password' });
    this.current = page.getByLabel('Current password');
    this.next = page.getByLabel(/^New password/);
    this.repeat = page.getByLabel('Repeat new password');
    this.submit = page.getByRole('button', { name: 'Change password' });
  }

  async change(current: string, next: string) {
    await this.current.fill(current);
    await this.next.fill(next);
    await this.repeat.fill(next);
    await this.submit.click();
  }
}
