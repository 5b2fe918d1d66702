import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The repository root (bench/ sits directly under it). */
export const repoRoot = join(import.meta.dirname, '..', '..');

/** A child process in its own process group, so stopping it also stops what it spawned (pnpm → tsx → node). */
export interface Child {
  process: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout+stderr; rejects on exit or timeout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

export function startChild(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Child {
  const child = spawn(command, args, {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

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
          const match = pattern.exec(output);
          if (match) {
            done();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${command} ${args.join(' ')}: no ${pattern} within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        child.once('exit', (code) => {
          if (!listeners.has(check)) return;
          done();
          reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`));
        });
        check();
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const kill = (signal: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // already gone
        }
      };
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      // Grandchildren that ignored SIGTERM (or outlived their parent) go too.
      kill('SIGKILL');
    },
  };
}

/**
 * Runs a TypeScript entry point of this repo with tsx in a separate Node process. With
 * BENCH_CPU_PROF_DIR set, the process writes a V8 CPU profile there when it stops
 * (summarize with `tsx bench/src/profile.ts <file>`).
 */
export function startTsx(entry: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Child {
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return startChild(process.execPath, [...profiling, '--import', 'tsx', entry, ...args], { env });
}
