// ExternalSort: sorts more items than memory should hold: sorted runs spilled to files, then merged through a binary heap (tinyqueue; stable).
import { createReadStream, createWriteStream } from 'node:fs';
import { unlink, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import TinyQueue from 'tinyqueue';

export interface ExternalSortOptions<T> {
  /** An existing folder for the run files (removed as they are merged). */
  directory: string;
  compare: (a: T, b: T) => number;
  /** Items sorted in memory before a run is spilled (default 25,000): the memory bound. */
  runSize?: number;
  /** Runs merged at once (default 64); more runs are merged in several passes, so open files stay bounded too. */
  fanIn?: number;
}

/** One run being merged: its reader and its current item. */
interface RunHead<T> {
  item: T;
  run: number;
  lines: AsyncIterator<string>;
}

/**
 * Sorts JSON-serializable items in bounded memory: `add` them (a sorted run goes to a file every `runSize` items),
 * then read `sorted()` once. Equal items come out in the order they were added. Written here rather than taken from
 * a package: what the build needs is a few dozen lines over node:fs and readline, and the sort packages on npm either
 * hold every item in memory or sort lines of text only.
 *
 * @example
 * const sort = new ExternalSort<number>({ directory: tmp, compare: (a, b) => a - b, runSize: 2 });
 * for (const n of [3, 1, 2]) await sort.add(n);
 * for await (const n of sort.sorted()) out.push(n); // out: [1, 2, 3]
 */
export class ExternalSort<T> {
  readonly #directory: string;
  readonly #compare: (a: T, b: T) => number;
  readonly #runSize: number;
  readonly #fanIn: number;
  #buffer: T[] = [];
  /** Run files in the order their items were added. */
  #runs: string[] = [];
  #files = 0;

  constructor(options: ExternalSortOptions<T>) {
    this.#directory = options.directory;
    this.#compare = options.compare;
    this.#runSize = Math.max(1, options.runSize ?? 25_000);
    this.#fanIn = Math.max(2, options.fanIn ?? 64);
  }

  /** How many run files have been written so far (for tests and diagnostics). */
  get runsWritten(): number {
    return this.#files;
  }

  /** Adds an item; spills a sorted run to a file when `runSize` items are held. */
  async add(item: T): Promise<void> {
    this.#buffer.push(item);
    if (this.#buffer.length >= this.#runSize) await this.#spill();
  }

  /** Every item added, in order (stable). Read it once; the run files are removed as it ends. */
  async *sorted(): AsyncGenerator<T> {
    if (this.#runs.length === 0) {
      const items = this.#buffer.sort(this.#compare);
      this.#buffer = [];
      yield* items;
      return;
    }
    if (this.#buffer.length > 0) await this.#spill();
    while (this.#runs.length > this.#fanIn) {
      // Merging the earliest runs into one that takes their place keeps equal items in the order they were added.
      const file = this.#nextFile();
      const out = createWriteStream(file);
      for await (const item of this.#merge(this.#runs.slice(0, this.#fanIn))) {
        if (!out.write(`${JSON.stringify(item)}\n`)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'close');
      this.#runs.splice(0, this.#fanIn, file);
    }
    const runs = this.#runs;
    this.#runs = [];
    yield* this.#merge(runs);
  }

  #nextFile(): string {
    return path.join(this.#directory, `run-${this.#files++}.ndjson`);
  }

  async #spill(): Promise<void> {
    const items = this.#buffer.sort(this.#compare);
    this.#buffer = [];
    const file = this.#nextFile();
    await writeFile(file, items.map((item) => `${JSON.stringify(item)}\n`).join(''));
    this.#runs.push(file);
  }

  /** Merges sorted run files through a binary heap (tinyqueue; ties: the earlier run first), removing each file once it is read to the end. */
  async *#merge(files: string[]): AsyncGenerator<T> {
    // Ties go to the earlier run, which keeps the merge stable.
    const heap = new TinyQueue<RunHead<T>>([], (a, b) => this.#compare(a.item, b.item) || a.run - b.run);
    const open = files.map((file) => {
      const input = createReadStream(file, { encoding: 'utf8' });
      return { file, lines: readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]() };
    });
    try {
      for (const [run, { lines }] of open.entries()) {
        const first = await lines.next();
        if (!first.done) heap.push({ item: JSON.parse(first.value) as T, run, lines });
      }
      for (let top = heap.pop(); top !== undefined; top = heap.pop()) {
        yield top.item;
        const next = await top.lines.next();
        if (next.done) continue;
        top.item = JSON.parse(next.value) as T;
        heap.push(top);
      }
    } finally {
      for (const { file, lines } of open) {
        await lines.return?.();
        await unlink(file).catch(() => undefined);
      }
    }
  }
}
