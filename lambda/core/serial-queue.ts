// SerialQueue: runs async tasks one at a time in call order, per key (renders, writes to one path, a store's writers). Pure: no I/O, no clock.

/**
 * Runs tasks one after another, in call order, each once the previous one for the same key has settled (fulfilled
 * or rejected: a failure does not stop the queue). Tasks under different keys run concurrently. A key's entry is
 * dropped when its last task settles, so many keys do not accumulate.
 *
 * @example
 * const queue = new SerialQueue();
 * queue.run(async () => { await write('a'); });
 * queue.run(async () => { await write('b'); }); // starts after the first has settled
 * const perPath = new SerialQueue<string>();
 * await perPath.run(() => publish(doc), doc.path); // concurrent with other paths, serial on this one
 */
export class SerialQueue<K = string> {
  readonly #tails = new Map<K | undefined, Promise<unknown>>();

  /** Runs `task` after the tasks queued before it under `key` (one shared queue when no key is given). */
  run<T>(task: () => Promise<T>, key?: K): Promise<T> {
    const before = this.#tails.get(key) ?? Promise.resolve();
    const result = before.then(task, task);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, settled);
    void settled.then(() => {
      if (this.#tails.get(key) === settled) this.#tails.delete(key);
    });
    return result;
  }

  /** How many keys have a task queued or running (for tests and diagnostics). */
  get activeKeys(): number {
    return this.#tails.size;
  }
}
