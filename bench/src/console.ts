import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTsx } from './processes.ts';

export interface RunningConsole {
  url: string;
  emulatorUrl: string;
  password: string;
  stop(): Promise<void>;
}

/** The real console (BFF + embedded emulator with demo data) in its own process on free ports. */
export async function startConsole(env: Record<string, string> = {}): Promise<RunningConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-console-bench-'));
  const password = randomBytes(12).toString('base64url');
  const child = startTsx('apps/console/src/start.ts', [], {
    PORT: '0',
    EMULATOR_PORT: '0',
    CONSOLE_DATA_DIR: dataDir,
    CONSOLE_DEMO_PASSWORD: password,
    AWS_ENDPOINT_URL: '',
    ...env,
  });
  try {
    const [, url] = await child.waitFor(/Gateway Console on (http:\/\/\S+)/, 60_000);
    const emulatorUrl = /emulator .*?on (http:\/\/\S+)/i.exec(child.output())?.[1] ?? '';
    return {
      url: url!,
      emulatorUrl,
      password,
      stop: async () => {
        await child.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Headers a signed-in browser sends: the session cookie, or none while the BFF has no sign-in yet. */
export async function signIn(app: RunningConsole, username = 'operator'): Promise<Record<string, string>> {
  const response = await fetch(`${app.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'gateway-console', Origin: app.url },
    body: JSON.stringify({ username, password: app.password }),
  });
  await response.arrayBuffer();
  if (response.status === 404) return {};
  if (!response.ok) throw new Error(`sign-in as ${username} failed: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { Cookie: cookie };
}
