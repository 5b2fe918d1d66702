import { fileURLToPath } from 'node:url';
import { type ConsoleProcess, startConsoleProcess } from '@gateway-console/testkit/process';
import { seedDemoUsers } from '../../src/auth/users.ts';
import { openStorage } from '../../src/db/database.ts';

/** The BFF as production runs it: `pnpm serve` (`tsx src/serve.ts`) in its own process, killable with SIGKILL. */
export type BffProcess = Pick<ConsoleProcess, 'url' | 'output' | 'kill' | 'stop'>;

const bffRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts `src/serve.ts` on a free port against `awsEndpoint`, its PGlite under `dataDir`; with a
 * `password`, the demo users get it first (the production entry itself creates no demo users).
 */
export async function startBffProcess(options: {
  awsEndpoint: string;
  dataDir: string;
  password?: string;
  env?: Record<string, string>;
}): Promise<BffProcess> {
  if (options.password) {
    const storage = await openStorage({ dataDir: options.dataDir, databaseUrl: undefined });
    await seedDemoUsers(storage.db, options.password).finally(() => storage.close());
  }
  return startConsoleProcess({
    entry: 'src/serve.ts',
    cwd: bffRoot,
    // A clean shell: only PATH and HOME of the test runner's environment.
    inheritEnv: false,
    dataDir: options.dataDir,
    env: {
      HOST: '127.0.0.1',
      AWS_ENDPOINT_URL: options.awsEndpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      ...options.env,
    },
  });
}
