import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { addTally, emptyTally, summaryLine, type Tally } from './summary.ts';

/** Collects the resilience suite's counts from its test files and prints the summary line at the end. */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'gc-resilience-'));
  project.provide('resilienceTallyDir', dir);
  return () => {
    for (const note of readdirSync(dir).filter((f) => f.endsWith('.note'))) {
      console.log(readFileSync(join(dir, note), 'utf8'));
    }
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    if (files.length > 0) {
      const total = emptyTally();
      for (const file of files) addTally(total, JSON.parse(readFileSync(join(dir, file), 'utf8')) as Tally);
      console.log(`\n${summaryLine(total)}\n`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
