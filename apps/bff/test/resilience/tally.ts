import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Tally } from './summary.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where each resilience test file leaves its counts for the run's summary line. */
    resilienceTallyDir: string;
  }
}

/** Adds one test file's counts to the run's summary (test files run in separate workers). */
export function recordTally(tally: Partial<Tally>): void {
  const dir = inject('resilienceTallyDir');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${randomUUID()}.json`), JSON.stringify(tally));
}

/** A line for the end of the run (a measurement worth seeing in CI), printed before the summary. */
export function recordNote(line: string): void {
  const dir = inject('resilienceTallyDir');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${randomUUID()}.note`), line);
}
