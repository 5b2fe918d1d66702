import { describe, expect, it } from 'vitest';
import { ProblemError } from '../problem.ts';
import { FairQueue } from './fair-queue.ts';

/** A task that runs until released, recording the order tasks started in. */
function tasks() {
  const started: string[] = [];
  const releases: (() => void)[] = [];
  const task = (name: string) => () => {
    started.push(name);
    return new Promise<string>((resolve) => releases.push(() => resolve(name)));
  };
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { started, task, releaseAll };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) =>
      err instanceof ProblemError ? `${err.status} ${err.extra.headers?.['Retry-After']}` : err,
  );

describe('the sign-in hashing line (#16 item 2)', () => {
  it('runs a few at once, refuses a client past its share at once, and takes clients in turn', async () => {
    const queue = new FairQueue({ concurrency: 2, maxWaiting: 10, perClient: 3 });
    const { started, task, releaseAll } = tasks();
    const flood = ['f1', 'f2', 'f3'].map((name) => queue.run('attacker', task(name)));
    const fourth = refusal(queue.run('attacker', task('f4')));
    const person = queue.run('person', task('p1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['f1', 'f2']);
    expect(await fourth).toBe('429 1');
    await releaseAll();
    await Promise.all(flood);
    // The person's turn comes before the attacker's third task, though it arrived later.
    expect(started).toEqual(['f1', 'f2', 'p1', 'f3']);
    expect(await person).toBe('p1');
  });

  it('a full line makes room for a newcomer at the expense of the longest line; refuses when it cannot', async () => {
    const queue = new FairQueue({ concurrency: 1, maxWaiting: 2, perClient: 3 });
    const { started, task, releaseAll } = tasks();
    const [a1, a2, a3] = ['a1', 'a2', 'a3'].map((name) => queue.run('a', task(name)));
    const gaveUp = refusal(a3!);
    // a2 and a3 fill the line; b takes a3's place; c finds one task per waiting client and is refused.
    const b = queue.run('b', task('b1'));
    const c = refusal(queue.run('c', task('c1')));
    expect(await gaveUp).toBe('429 1');
    expect(await c).toBe('429 1');
    await releaseAll();
    expect(started).toEqual(['a1', 'a2', 'b1']);
    expect(await a1).toBe('a1');
    expect(await b).toBe('b1');
    expect(await a2).toBe('a2');
  });
});
