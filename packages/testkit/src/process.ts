// The one way tests and benchmarks run a process of this repo: spawn it in its own process group, keep what
// it prints for failure messages, wait for its ready line, stop it with SIGTERM (SIGKILL if it lingers).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root (this file is packages/testkit/src/process.ts). */
export const repoRoot = join(import.meta.dirname, '..', '..', '..');

/** `pnpm start`'s launcher: the BFF, the embedded emulator with demo data, the demo users. */
export const CONSOLE_ENTRY = 'apps/console/src/start.ts';
/** `pnpm serve`'s entry: the BFF alone, as production runs it. */
export const SERVE_ENTRY = 'apps/bff/src/serve.ts';
/** The line the BFF prints once it listens (apps/bff/src/server.ts). */
export const CONSOLE_READY = /Gateway Console on (http:\/\/\S+)/;
/** The line the launcher prints once its embedded emulator listens (apps/console/src/start.ts). */
export const EMULATOR_READY = /emulator .*?on (http:\/\/\S+)/i;

/** How long a stopped process may take to exit after SIGTERM before it gets SIGKILL. */
const STOP_GRACE_MS = 5_000;

export interface ChildOptions {
  /** Default: the repository root. */
  cwd?: string;
  /** Added to this process's environment (or, without `inheritEnv`, to PATH and HOME alone). */
  env?: NodeJS.ProcessEnv;
  /** false: the child sees only PATH, HOME and `env`, as a clean production shell would. Default true. */
  inheritEnv?: boolean;
}

/** A child process in its own process group, so stopping it also stops what it spawned (pnpm → tsx → node). */
export interface Child {
  process: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the first match of `pattern` in its complete output lines; rejects on exit or timeout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** SIGTERM to the group, SIGKILL after a grace period; resolves once it exited. */
  stop(): Promise<void>;
  /** SIGKILL to the group now (no shutdown hooks, no flushing); resolves once it exited. */
  kill(): Promise<void>;
}

export function startChild(command: string, args: string[], options: ChildOptions = {}): Child {
  const { PATH, HOME } = process.env;
  const child = spawn(command, args, {
    cwd: options.cwd ?? repoRoot,
    env: { ...(options.inheritEnv === false ? { PATH, HOME } : process.env), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const describe = `${command} ${args.join(' ')}`;
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };

  return {
    process: child,
    output: () => output,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const done = () => {
          listeners.delete(check);
          clearTimeout(timer);
        };
        const check = () => {
          // Whole lines only: a chunk may end in the middle of the URL a pattern captures.
          const match = pattern.exec(output.slice(0, output.lastIndexOf('\n') + 1));
          if (match) {
            done();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${describe}: no ${pattern} within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        // 'close', not 'exit': by then the output is all read, so a line printed just before exiting counts.
        child.once('close', (code) => {
          if (!listeners.has(check)) return;
          check();
          if (!listeners.has(check)) return;
          done();
          reject(new Error(`${describe} exited with ${code}:\n${output}`));
        });
        check();
        if (listeners.has(check) && !running()) {
          done();
          reject(new Error(`${describe} exited with ${child.exitCode}:\n${output}`));
        }
      }),
    stop: async () => {
      if (running()) {
        signal('SIGTERM');
        const timer = setTimeout(() => signal('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      // Grandchildren that ignored SIGTERM (or outlived their parent) go too.
      signal('SIGKILL');
    },
    kill: async () => {
      signal('SIGKILL');
      await exited;
    },
  };
}

/** Runs a TypeScript entry point (relative to `cwd`) with tsx in a Node process of its own. */
export function startTsx(
  entry: string,
  args: string[] = [],
  options: ChildOptions & { nodeArgs?: string[] } = {},
): Child {
  return startChild(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', entry, ...args],
    options,
  );
}

export interface ConsoleProcessOptions extends ChildOptions {
  /** {@link CONSOLE_ENTRY} (default), {@link SERVE_ENTRY}, or another entry relative to `cwd`. */
  entry?: string;
  /** Its CONSOLE_DATA_DIR; by default a fresh temporary directory, removed when the process stops. */
  dataDir?: string;
  /** How long it may take to print {@link CONSOLE_READY}. Default 60 s. */
  timeoutMs?: number;
  nodeArgs?: string[];
}

export interface ConsoleProcess {
  /** The console's base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** The embedded emulator's URL (an AWS endpoint); '' when the process runs none. */
  emulatorUrl: string;
  dataDir: string;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** SIGTERM (SIGKILL if it lingers); then removes a data directory of its own. */
  stop(): Promise<void>;
  /** kill -9: no shutdown hooks, no flushing, mid-request; then removes a data directory of its own. */
  kill(): Promise<void>;
}

/**
 * Starts the console (by default `pnpm start`'s launcher) on free ports and resolves once it printed
 * the URL it listens on; rejects with its output when it exits or stays silent too long.
 */
export async function startConsoleProcess(options: ConsoleProcessOptions = {}): Promise<ConsoleProcess> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'gateway-console-'));
  const removeDataDir = () => {
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const child = startTsx(options.entry ?? CONSOLE_ENTRY, [], {
    ...options,
    // An AWS_ENDPOINT_URL of the caller's shell does not leak in: the embedded emulator unless `env` names one.
    env: { PORT: '0', EMULATOR_PORT: '0', AWS_ENDPOINT_URL: '', CONSOLE_DATA_DIR: dataDir, ...options.env },
  });
  try {
    const [, url = ''] = await child.waitFor(CONSOLE_READY, options.timeoutMs ?? 60_000);
    return {
      url,
      emulatorUrl: EMULATOR_READY.exec(child.output())?.[1] ?? '',
      dataDir,
      output: child.output,
      stop: () => child.stop().finally(removeDataDir),
      kill: () => child.kill().finally(removeDataDir),
    };
  } catch (error) {
    await child.stop();
    removeDataDir();
    throw error;
  }
}
