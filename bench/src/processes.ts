import {
  type Child,
  repoRoot,
  startChild,
  startTsx as startTsxChild,
} from '@gateway-console/testkit/process';

export { type Child, repoRoot, startChild };

/** Node's flags for a measured process: with BENCH_CPU_PROF_DIR set, a V8 CPU profile is written there on exit. */
export function profilingArgs(): string[] {
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  return profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
}

/**
 * Runs a TypeScript entry point of this repo with tsx in a separate Node process. With
 * BENCH_CPU_PROF_DIR set, the process writes a V8 CPU profile there when it stops
 * (summarize with `tsx bench/src/profile.ts <file>`).
 */
export function startTsx(entry: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Child {
  return startTsxChild(entry, args, { env, nodeArgs: profilingArgs() });
}
