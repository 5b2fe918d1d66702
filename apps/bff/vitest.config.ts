import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'bff',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Prints the resilience suite's summary line (cases tried, 5xx seen, bypasses, …) after the run.
    globalSetup: ['test/resilience/global-setup.ts'],
    // Starting PGlite and the emulator takes seconds on a busy machine.
    hookTimeout: 60_000,
    // The BFF logs a line per refused request; the resilience suite sends thousands. Failing tests still show theirs.
    silent: 'passed-only',
    testTimeout: 30_000,
  },
});
