import { describe, expect, it } from 'vitest';
import { CallBudget } from './budget.ts';

describe('CallBudget', () => {
  it('lets at most its budget out in any second, in order, and queues the rest', async () => {
    const budget = new CallBudget(5);
    const started = performance.now();
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        budget.take('GetStage').then(() => {
          starts[i] = performance.now() - started;
        }),
      ),
    );
    // First come, first served.
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    for (let i = 5; i < starts.length; i++) expect(starts[i]! - starts[i - 5]!).toBeGreaterThanOrEqual(1_000);
    expect(starts[4]).toBeLessThan(100);
  });

  it('says when it is spent: a call asked now would wait', async () => {
    const budget = new CallBudget(2);
    expect(budget.exhausted).toBe(false);
    await Promise.all([budget.take('GetStage'), budget.take('GetStage')]);
    expect(budget.exhausted).toBe(true);
  });

  it('holds a second CreateDeployment for AWS’s 5 s without holding up other calls', async () => {
    const budget = new CallBudget(5);
    await budget.take('CreateDeployment');
    const started = performance.now();
    let deployed = false;
    const second = budget.take('CreateDeployment').then(() => {
      deployed = true;
    });
    await budget.take('GetStages');
    expect(performance.now() - started).toBeLessThan(100);
    expect(deployed).toBe(false);
    await second;
    expect(performance.now() - started).toBeGreaterThanOrEqual(4_900);
  }, 10_000);

  it('lets low-priority lookups wait while other calls go first', async () => {
    const budget = new CallBudget(2);
    const order: string[] = [];
    const take = (name: string, priority: 'normal' | 'low') =>
      budget.take('GetStages', priority).then(() => order.push(name));
    await Promise.all([
      take('low 1', 'low'),
      take('low 2', 'low'),
      take('low 3', 'low'),
      take('normal', 'normal'),
    ]);
    // The first two went at once; of those waiting, the normal call went before the low one.
    expect(order).toEqual(['low 1', 'low 2', 'normal', 'low 3']);
  });

  it('takes its part when replicas share it: half each for two, one call in a longer window below 1/s', async () => {
    const budget = new CallBudget(5);
    budget.share(2);
    expect(budget.perProcess).toBe(2.5);
    const started = performance.now();
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, () =>
        budget.take('GetStage').then(() => starts.push(performance.now() - started)),
      ),
    );
    // Two whole calls a window: the third waits for the first to be a window old.
    expect(starts[1]).toBeLessThan(100);
    expect(starts[2]! - starts[0]!).toBeGreaterThanOrEqual(1_000);

    const slow = new CallBudget(1);
    slow.share(2);
    await slow.take('GetStage');
    const waited = performance.now();
    await slow.take('GetStage');
    expect(performance.now() - waited).toBeGreaterThanOrEqual(2_000);
    // The other replica gone: the whole budget again.
    slow.share(1);
    expect(slow.perProcess).toBe(1);
  }, 10_000);

  it('refuses a budget that is not a positive whole number', () => {
    expect(() => new CallBudget(0)).toThrow(/positive whole number/);
    expect(() => new CallBudget(2.5)).toThrow(/positive whole number/);
  });
});
