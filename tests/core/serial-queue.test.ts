// SerialQueue: call order per key, a failure does not stop the queue, keys run concurrently and are forgotten when idle.
import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../lambda/core/serial-queue.ts';

/** A promise and the functions that settle it. */
function deferred<T = void>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SerialQueue', () => {
  it('runs the tasks of one key one at a time, in call order, whatever each takes', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([queue.run(task('a', 30)), queue.run(task('b', 1)), queue.run(task('c', 10))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('passes a rejection to its caller and still runs the next task', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      throw new Error('disk full');
    });
    const next = queue.run(async () => 'ran');
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('ran');
  });

  it('runs different keys concurrently, and forgets a key once its tasks have settled', async () => {
    const queue = new SerialQueue<string>();
    const gate = deferred();
    const blocked = queue.run(() => gate.promise, 'feeds/all.rss');
    let otherRan = false;
    await queue.run(async () => {
      otherRan = true;
    }, 'index.html');
    expect(otherRan).toBe(true);
    await new Promise((r) => setTimeout(r, 0)); // the idle key is dropped once its settle handlers have run
    const sameKey = queue.run(async () => 'after', 'feeds/all.rss');
    expect(queue.activeKeys).toBe(1);
    gate.resolve();
    await blocked;
    await expect(sameKey).resolves.toBe('after');
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.activeKeys).toBe(0);
  });
});
