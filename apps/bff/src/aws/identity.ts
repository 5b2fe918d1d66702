import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { Environment, EnvironmentKind } from '@gateway-console/contract';

/** How long an STS failure is remembered before asking again, so a broken AWS is not asked per page view. */
const RETRY_AFTER_FAILURE_MS = 30_000;

export interface EnvironmentSettings {
  kind: EnvironmentKind;
  region: string;
  endpoint: string | undefined;
  name: string | undefined;
  colour: string | undefined;
}

/**
 * Where the console points. The account comes from STS GetCallerIdentity once per process (it never
 * changes while the credentials don't), and again after a failure only once RETRY_AFTER_FAILURE_MS passed.
 */
export class EnvironmentInfo {
  private account: Promise<string | null> | undefined;
  private failedAt: number | undefined;

  constructor(
    private readonly sts: STSClient,
    private readonly settings: EnvironmentSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async describe(): Promise<Environment> {
    const { kind, region, endpoint, name, colour } = this.settings;
    return {
      kind,
      accountId: await this.accountId(),
      region,
      ...(kind === 'endpoint' && endpoint ? { endpoint } : {}),
      name: name ?? (kind === 'demo' ? 'Demo' : region),
      ...(colour ? { colour } : {}),
    };
  }

  private accountId(): Promise<string | null> {
    if (
      !this.account ||
      (this.failedAt !== undefined && this.now() - this.failedAt > RETRY_AFTER_FAILURE_MS)
    ) {
      this.failedAt = undefined;
      this.account = this.sts.send(new GetCallerIdentityCommand({})).then(
        (identity) => identity.Account ?? null,
        (err: unknown) => {
          this.failedAt = this.now();
          console.warn(`[bff] STS GetCallerIdentity failed: ${err instanceof Error ? err.name : err}`);
          return null;
        },
      );
    }
    return this.account;
  }
}
