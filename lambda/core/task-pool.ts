// TaskPool: at most `limit` async tasks in flight, submitted with back-pressure and settled per group, errors collected. Pure: no I/O, no clock.
// Hand-written (≈ 40 lines) rather than p-limit: the rebuild needs `submit` to wait for a free slot (so a fast listing
// cannot queue thousands of rendered documents in memory) and errors collected per group instead of a rejected promise.

/** Tasks submitted together (one feed, the article pages): awaited and their errors read as one. */
export interface TaskGroup {
  /** Waits for a free slot in the pool, starts `task` and returns once it has started (not finished). */
  submit(task: () => Promise<unknown>): Promise<void>;
  /** Waits until every task submitted to this group has settled; returns their errors (and forgets them). */
  settled(): Promise<unknown[]>;
}

/**
 * A bound on concurrent tasks shared by any number of groups.
 *
 * @example
 * const pool = new TaskPool(16);
 * const group = pool.group();
 * for (const doc of docs) await group.submit(() => publisher.publish(doc)); // ≤ 16 publishes in flight
 * await group.settled() //=> [] (no task failed)
 */
export class TaskPool {
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`TaskPool: limit must be a whole number ≥ 1, got ${limit}`);
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** A new group of tasks sharing this pool's slots. */
  group(): TaskGroup {
    const running = new Set<Promise<void>>();
    const errors: unknown[] = [];
    return {
      submit: async (task) => {
        await this.#acquire();
        const run = (async () => {
          try {
            await task();
          } catch (error) {
            errors.push(error);
          } finally {
            this.#release();
          }
        })();
        running.add(run);
        void run.then(() => running.delete(run));
      },
      settled: async () => {
        while (running.size > 0) await Promise.all([...running]);
        return errors.splice(0);
      },
    };
  }

  async #acquire(): Promise<void> {
    if (this.#active < this.limit) {
      this.#active++;
      return;
    }
    // The releasing task hands its slot over: `active` stays the same.
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active--;
  }
}
