import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export type Unit = 'ms' | 's' | 'req/s' | 'KiB gzip' | 'rows';

/** A target the figure should meet: at most (≤) or at least (≥) a value in the figure's unit. */
export interface Target {
  atMost?: number;
  atLeast?: number;
}

/** One row of the results table. `value` is null when the piece it measures is not built yet. */
export interface Figure {
  figure: string;
  unit: Unit;
  value: number | null;
  baseline: { label: string; value: number } | null;
  /** value ÷ baseline, so a ratio reads "how many baselines this costs". */
  ratio: number | null;
  target: Target;
  /** null: no value to judge. */
  met: boolean | null;
  note?: string;
}

export function measured(input: {
  figure: string;
  unit: Unit;
  value: number;
  baseline: { label: string; value: number };
  target: Target;
  note?: string;
}): Figure {
  const { value, target } = input;
  const met =
    (target.atMost === undefined || value <= target.atMost) &&
    (target.atLeast === undefined || value >= target.atLeast);
  return {
    ...input,
    ratio: input.baseline.value > 0 ? value / input.baseline.value : null,
    met,
  };
}

/** A figure whose piece of the product is missing: printed as "n/a", never estimated. */
export function notAvailable(figure: string, unit: Unit, target: Target, why: string): Figure {
  return { figure, unit, value: null, baseline: null, ratio: null, target, met: null, note: why };
}

const number = (value: number, unit: Unit) => {
  const digits = unit === 'req/s' || unit === 'rows' ? 0 : unit === 's' ? 2 : value < 10 ? 2 : 1;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
};
const withUnit = (value: number, unit: Unit) => `${number(value, unit)} ${unit}`;
const targetText = (target: Target, unit: Unit) =>
  [
    target.atMost !== undefined ? `≤ ${withUnit(target.atMost, unit)}` : '',
    target.atLeast !== undefined ? `≥ ${withUnit(target.atLeast, unit)}` : '',
  ]
    .filter(Boolean)
    .join(', ') || '—';

/** The table as text rows: figure, value, baseline, ratio, target, met? */
export function tableRows(figures: Figure[]): string[][] {
  return figures.map((f) => [
    f.figure,
    f.value === null ? `n/a (${f.note ?? 'not built yet'})` : withUnit(f.value, f.unit),
    f.baseline ? `${withUnit(f.baseline.value, f.unit)} (${f.baseline.label})` : '—',
    f.ratio === null ? '—' : `${f.ratio.toFixed(2)}×`,
    targetText(f.target, f.unit),
    f.met === null ? 'n/a' : f.met ? 'yes' : 'NO',
  ]);
}

const header = ['figure', 'value', 'baseline (same run)', 'ratio', 'target', 'met?'];

export function textTable(figures: Figure[]): string {
  const rows = [header, ...tableRows(figures)];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function markdownTable(figures: Figure[]): string {
  const escapePipes = (cell: string) => cell.replaceAll('|', '\\|');
  return [header, header.map(() => '---'), ...tableRows(figures)]
    .map((r) => `| ${r.map(escapePipes).join(' | ')} |`)
    .join('\n');
}

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average: other work on a shared machine moves absolute figures (ratios less). */
  loadAverage: number;
}

export function machine(): Machine {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: Math.round(loadavg()[0]! * 10) / 10,
  };
}

export function writeResults(
  path: string,
  figures: Figure[],
  startedAt: Date,
  loadAverageAtStart: number,
  notes: string[],
): void {
  const results = {
    date: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: { ...machine(), loadAverageAtStart },
    figures,
    notes,
  };
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
