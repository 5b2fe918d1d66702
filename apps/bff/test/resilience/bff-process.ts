import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { seedDemoUsers } from '../../src/auth/users.ts';
import { openStorage } from '../../src/db/database.ts';

/** The BFF as production runs it: `pnpm serve` (`tsx src/serve.ts`) in its own process, killable with SIGKILL. */
export interface BffProcess {
  url: string;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** kill -9: no shutdown hooks, no flushing, mid-request. */
  kill(): Promise<void>;
}

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
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/serve.ts'], {
    cwd: bffRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      HOST: '127.0.0.1',
      AWS_ENDPOINT_URL: options.awsEndpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      CONSOLE_DATA_DIR: options.dataDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`BFF did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Gateway Console on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`BFF exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
