import { describe, expect, it } from 'vitest';
import { startChild } from './process.ts';

const node = (script: string) => startChild(process.execPath, ['-e', script]);

describe('startChild', () => {
  it('waits for a whole line, even when the URL arrives in two writes', async () => {
    const child = node(
      `process.stderr.write('booting\\n'); process.stdout.write('Gateway Console on http://127.0.0.1:41');
       setTimeout(() => process.stdout.write('234\\n'), 200); setInterval(() => {}, 1000);`,
    );
    try {
      const [, url] = await child.waitFor(/Gateway Console on (http:\/\/\S+)/, 10_000);
      expect(url).toBe('http://127.0.0.1:41234');
      expect(child.output()).toContain('booting');
    } finally {
      await child.stop();
    }
  });

  it('rejects with what the process printed when it exits before the line', async () => {
    const child = node(`console.error('no region configured'); process.exit(2);`);
    await expect(child.waitFor(/never/, 10_000)).rejects.toThrow(/exited with 2:\nno region configured/);
  });

  it('stops a process that ignores SIGTERM with SIGKILL', async () => {
    const child = node(`process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000);`);
    await child.waitFor(/ready/, 10_000);
    await child.stop();
    expect(child.process.signalCode).toBe('SIGKILL');
  }, 15_000);
});
