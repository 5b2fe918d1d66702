import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The BFF as production runs it: `tsx src/server.ts` in its own process, killable with SIGKILL. */
export interface BffProcess {
  url: string;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** kill -9: no shutdown hooks, no flushing, mid-request. */
  kill(): Promise<void>;
}

const bffRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Starts `src/server.ts` on a free port against `awsEndpoint`, its PGlite under `dataDir`. */
export async function startBffProcess(options: {
  awsEndpoint: string;
  dataDir: string;
  password: string;
}): Promise<BffProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
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
      CONSOLE_EMBEDDED_EMULATOR: 'false',
      CONSOLE_DATA_DIR: options.dataDir,
      CONSOLE_DEMO_PASSWORD: options.password,
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
