/** Everything the BFF reads from its environment; nothing in a request can change these. */
export interface Config {
  port: number;
  host: string;
  emulatorPort: number;
  region: string;
  /** Set: talk to this endpoint (LocalStack, an emulator). Unset: real AWS, or the embedded emulator under `pnpm start`. */
  endpointUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  demoPassword: string | undefined;
  /** TLS ends at a proxy in front of the console (`CONSOLE_BEHIND_HTTPS=true`). */
  behindHttpsProxy: boolean;
  /** SSO: header naming the user, trusted only with the shared secret. */
  trustedProxy: { userHeader: string; secret: string } | undefined;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '127.0.0.1',
    emulatorPort: Number(env.EMULATOR_PORT ?? 4566),
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    endpointUrl: env.AWS_ENDPOINT_URL || undefined,
    dataDir: env.CONSOLE_DATA_DIR ?? '.data',
    databaseUrl: env.DATABASE_URL || undefined,
    demoPassword: env.CONSOLE_DEMO_PASSWORD || undefined,
    behindHttpsProxy: env.CONSOLE_BEHIND_HTTPS === 'true',
    trustedProxy:
      env.CONSOLE_TRUSTED_PROXY_HEADER && env.CONSOLE_TRUSTED_PROXY_SECRET
        ? { userHeader: env.CONSOLE_TRUSTED_PROXY_HEADER, secret: env.CONSOLE_TRUSTED_PROXY_SECRET }
        : undefined,
  };
}
