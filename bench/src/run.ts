// `pnpm bench`: every performance figure of the console against a baseline measured in the same run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startConsole } from './console.ts';
import { accessLogs } from './figures/accessLogs.ts';
import { bffLatency } from './figures/bffLatency.ts';
import { bffThroughput } from './figures/bffThroughput.ts';
import { bundleSizes } from './figures/bundleSizes.ts';
import { canaryRollback } from './figures/canaryRollback.ts';
import { dashboardRender } from './figures/dashboardRender.ts';
import { dataPlane } from './figures/dataPlane.ts';
import { deploymentDiff } from './figures/deploymentDiff.ts';
import { largeAccount } from './figures/largeAccount.ts';
import { signInFlood } from './figures/signInFlood.ts';
import { sliderApplied } from './figures/sliderApplied.ts';
import { startTime } from './figures/startTime.ts';
import { repoRoot } from './processes.ts';
import { type Figure, machine, markdownTable, textTable, writeResults } from './report.ts';

/** The figures measured on one shared console (the demo launcher's process). */
const consoleGroups = [
  'latency',
  'throughput',
  'slider',
  'dashboard',
  'diff',
  'sign-in-flood',
  'rollback',
] as const;
const groups = [...consoleGroups, 'data-plane', 'access-logs', 'large', 'start', 'bundle'] as const;
type Group = (typeof groups)[number];

// `pnpm bench -- --only x` passes the `--` along; it carries no meaning here.
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { only: { type: 'string' } },
});
const selected = new Set<Group>(
  values.only
    ? (values.only.split(',').filter((g) => (groups as readonly string[]).includes(g)) as Group[])
    : groups,
);
const fullRun = selected.size === groups.length;

const startedAt = new Date();
const loadAverageAtStart = machine().loadAverage;
const figures: Figure[] = [];
const failures: string[] = [];

async function collect(name: string, measure: () => Promise<Figure[]>) {
  const began = Date.now();
  process.stderr.write(`bench: ${name}…`);
  try {
    figures.push(...(await measure()));
    process.stderr.write(` ${((Date.now() - began) / 1000).toFixed(0)} s\n`);
  } catch (error) {
    process.stderr.write(' FAILED\n');
    failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const needsConsole = consoleGroups.some((g) => selected.has(g));
if (needsConsole) {
  const app = await startConsole();
  try {
    if (selected.has('latency')) await collect('BFF added latency', () => bffLatency(app));
    if (selected.has('throughput')) await collect('BFF throughput', () => bffThroughput(app));
    if (selected.has('slider')) await collect('slider release → applied', () => sliderApplied(app));
    if (selected.has('dashboard')) await collect('dashboard render', () => dashboardRender(app));
    if (selected.has('diff')) await collect('deployment diff', () => deploymentDiff(app));
    if (selected.has('sign-in-flood')) await collect('sign-in flood', () => signInFlood(app));
    if (selected.has('rollback')) await collect('failing canary → rolled back', () => canaryRollback(app));
  } finally {
    await app.stop();
  }
}
if (selected.has('data-plane')) await collect('emulator data plane', dataPlane);
if (selected.has('access-logs')) await collect('access logs', accessLogs);
if (selected.has('large')) await collect('large account under AWS quotas', largeAccount);
if (selected.has('start')) await collect('pnpm start', startTime);
if (selected.has('bundle')) await collect('bundle sizes', bundleSizes);

const { cores, node, loadAverage } = machine();
const load = `load average ${loadAverageAtStart} at start, ${loadAverage} at end`;
console.log(
  `\nGateway Console benchmarks — ${startedAt.toISOString()}, ${cores} cores, Node ${node}, ${load}\n`,
);
console.log(textTable(figures));
for (const figure of figures.filter((f) => f.note && f.value !== null))
  console.log(`  ${figure.figure}: ${figure.note}`);
for (const failure of failures) console.error(`\nFAILED ${failure}`);

// Only a complete run replaces the committed results and the README's table.
if (fullRun) {
  writeResults(join(repoRoot, 'bench/results/latest.json'), figures, startedAt, loadAverageAtStart, failures);
  const readmePath = join(repoRoot, 'bench/README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const table = `Last run: ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cores} cores, Node ${node}, ${load}.\n\n${markdownTable(figures)}`;
  writeFileSync(
    readmePath,
    readme.replace(/(<!-- results:start -->\n)[\s\S]*(\n<!-- results:end -->)/, `$1${table}$2`),
  );
  console.log('\nwrote bench/results/latest.json and the table in bench/README.md');
}
process.exitCode = failures.length > 0 ? 1 : 0;
