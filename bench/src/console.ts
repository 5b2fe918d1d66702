import { randomBytes } from 'node:crypto';
import { startConsoleProcess } from '@gateway-console/testkit/process';
import { profilingArgs } from './processes.ts';

export interface RunningConsole {
  url: string;
  emulatorUrl: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * The real console (BFF + embedded emulator with demo data) in its own process on free ports. Without the
 * demo's rollout load: its ~60 requests a second are background noise to every figure, and the canary
 * figures send their own traffic.
 */
export async function startConsole(env: Record<string, string> = {}): Promise<RunningConsole> {
  const password = randomBytes(12).toString('base64url');
  const { url, emulatorUrl, stop } = await startConsoleProcess({
    env: { CONSOLE_DEMO_PASSWORD: password, CONSOLE_DEMO_LOAD: 'off', ...env },
    nodeArgs: profilingArgs(),
  });
  return { url, emulatorUrl, password, stop };
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
