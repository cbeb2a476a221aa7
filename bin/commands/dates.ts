// `nashra dates`: normalizes Arabic date strings, one per stdin line, to one JSON object per stdout line (streamed, written a block at a time; with --threads, large blocks are shared with worker threads).
import { readSync, writeSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { isKnownTimeZone, normalizeArabicDate } from '../../lambda/core/dates/index.ts';
import type { NormalizeOptions, NumericDateOrder } from '../../lambda/core/dates/types.ts';

const isNumericDateOrder = (value: string): value is NumericDateOrder => value === 'dmy' || value === 'mdy' || value === 'ymd';
import { CliError } from '../support/cli-error.ts';
import { EXIT, EXIT_STATUS_HELP } from '../support/exit-codes.ts';
import { parseCommandArgs } from '../support/parse-command-args.ts';

export const usage = `usage: nashra dates [--tz Asia/Riyadh] [--now 2024-04-30T12:00:00Z] [--order dmy|mdy|ymd] [--threads N]

Reads one date string per line on stdin and writes one JSON object per line on stdout: "input" (the line),
then the normalizer's result: {"ok":true,"date","instant","precision","calendar",…} or {"ok":false,"error":{"code","message"}}.
Each block of input is answered as soon as it is read, so it also works line by line in a pipe.

  --tz ZONE   IANA zone the wall time is read in when the text names none (default Asia/Riyadh)
  --now ISO   the instant relative forms ("منذ ساعتين", "أمس") are read against (default: the current time)
  --order dmy|mdy|ymd
              the site's order of numeric dates; without it a date whose day and month can be swapped
              (04/05/2021) is refused as AMBIGUOUS, and one with a single reading (27/03/2021) is read
  --threads N threads that read a large input (blocks of 256 KiB or more), output still in input order
              (default 1; each worker thread is a second copy of the reader to start and warm up, which paid off
              only on an idle machine: docs/performance.md)

${EXIT_STATUS_HELP}In this command, 1 means some line was refused (its object has "ok":false); every line is still answered.
`;

const NEWLINE = 0x0a;
const BLOCK_BYTES = 1 << 20;

/**
 * stdin in blocks of up to 1 MiB as they arrive: a synchronous read returns what a pipe holds without waiting for
 * it to fill, so lines typed one at a time are still answered one at a time. Where stdin cannot be read that way
 * (EAGAIN: a non-blocking pipe), the stream is used instead.
 */
async function* readBlocks(): AsyncGenerator<Buffer> {
  const buffer = Buffer.allocUnsafe(BLOCK_BYTES);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buffer, 0, BLOCK_BYTES, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EOF') return;
      if (code !== 'EAGAIN') throw error;
      for await (const chunk of process.stdin) yield chunk as Buffer;
      return;
    }
    if (n === 0) return;
    yield Buffer.from(buffer.subarray(0, n));
  }
}

/** Once fd 1 refused a synchronous write (EAGAIN: a non-blocking pipe), output goes through process.stdout. */
let streamed = false;

/**
 * Writes bytes to stdout: synchronously while fd 1 takes them (a file, a blocking pipe: no stream is set up, which
 * is measurable at start), else through process.stdout, waiting for it to drain.
 */
async function writeOut(bytes: Uint8Array): Promise<void> {
  let offset = 0;
  if (!streamed) {
    try {
      while (offset < bytes.length) offset += writeSync(1, bytes, offset);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      streamed = true;
    }
  }
  // A copy: the caller reuses its buffer, and a stream keeps what it was given until it is written.
  if (!process.stdout.write(Buffer.from(bytes.subarray(offset)))) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

/**
 * The output lines of one block, UTF-8 encoded into one reused buffer as they are made: cheaper than joining a
 * large string and encoding it at the end (bench/dates.bench.ts), and one write per block.
 */
class OutputBuffer {
  #bytes = Buffer.allocUnsafe(4 * BLOCK_BYTES);
  #length = 0;
  add(text: string): void {
    if (this.#bytes.length - this.#length < text.length * 3) {
      const bigger = Buffer.allocUnsafe(Math.max(2 * this.#bytes.length, this.#length + text.length * 3));
      this.#bytes.copy(bigger, 0, 0, this.#length);
      this.#bytes = bigger;
    }
    this.#length += this.#bytes.write(text, this.#length);
  }
  /** Writes what was added and empties the buffer. */
  async flush(): Promise<void> {
    const length = this.#length;
    this.#length = 0;
    if (length > 0) await writeOut(this.#bytes.subarray(0, length));
  }
  /** A copy of what was added (its own memory, so it can be transferred to another thread), and the buffer emptied. */
  take(): Uint8Array {
    const copy = new Uint8Array(this.#bytes.subarray(0, this.#length));
    this.#length = 0;
    return copy;
  }
}

/**
 * Answers every line of `text` (split on "\n"; a line's final "\r" is dropped) into `out`, one JSON object per line:
 * `{"input":…,` + the result's own JSON without its "{" (one stringify, no object copy). True when a line was refused.
 */
function answerLines(text: string, options: NormalizeOptions, out: OutputBuffer): boolean {
  let refused = false;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    let input = end === -1 ? text.slice(start) : text.slice(start, end);
    if (input.endsWith('\r')) input = input.slice(0, -1);
    const result = normalizeArabicDate(input, options);
    if (!result.ok) refused = true;
    out.add(`{"input":${JSON.stringify(input)},${JSON.stringify(result).slice(1)}\n`);
    if (end === -1) return refused;
    start = end + 1;
  }
}

/** What a worker thread needs to read lines as the main thread does. */
interface DatesJob {
  timeZone: string;
  nowMs: number;
  order?: NumericDateOrder;
}

const optionsOf = (job: DatesJob): NormalizeOptions => ({
  timeZone: job.timeZone,
  now: new Date(job.nowMs),
  ...(job.order && { order: job.order }),
});

/** A part of a block (whole lines, UTF-8) sent to a worker, and its answer. */
interface PartMessage {
  id: number;
  bytes: Uint8Array;
}
interface AnswerMessage {
  id: number;
  bytes: Uint8Array;
  refused: boolean;
}

// This module is also a worker's script: started with `nashraDates` in its workerData, it answers parts of blocks.
const workerJob = isMainThread ? undefined : (workerData as { nashraDates?: DatesJob } | null)?.nashraDates;
if (workerJob && parentPort) {
  const port = parentPort;
  const options = optionsOf(workerJob);
  const out = new OutputBuffer();
  port.on('message', ({ id, bytes }: PartMessage) => {
    const refused = answerLines(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'), options, out);
    const answer = out.take();
    port.postMessage({ id, bytes: answer, refused } satisfies AnswerMessage, [answer.buffer as ArrayBuffer]);
  });
}

/**
 * Worker threads that answer parts of blocks; each answers its parts in the order they were sent, and the caller
 * writes the answers in input order.
 */
class LinePool {
  #workers: Worker[];
  #pending = new Map<number, { resolve: (answer: AnswerMessage) => void; reject: (error: Error) => void }>();
  #nextId = 0;
  #failure: Error | undefined;

  constructor(count: number, job: DatesJob) {
    this.#workers = Array.from({ length: count }, () => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { nashraDates: job } });
      worker.on('message', (answer: AnswerMessage) => {
        this.#pending.get(answer.id)?.resolve(answer);
        this.#pending.delete(answer.id);
      });
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => this.#fail(new Error(`a worker thread stopped (exit code ${code})`)));
      return worker;
    });
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const { reject } of this.#pending.values()) reject(this.#failure);
    this.#pending.clear();
  }

  get size(): number {
    return this.#workers.length;
  }

  /** The answer to `bytes` (whole lines) from worker `index`; the bytes are moved to that thread. */
  answer(index: number, bytes: Uint8Array): Promise<AnswerMessage> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      (this.#workers[index] as Worker).postMessage({ id, bytes } satisfies PartMessage, [bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.#failure ??= new Error('closed');
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

/** Blocks this large or larger are shared with worker threads: below it, a thread's start costs more than it saves. */
const PARALLEL_BYTES = 256 * 1024;

/** Where to cut `bytes[0, end)` into up to `parts` runs of whole lines of about equal size: the offsets of the newlines cut at. */
function cutsAt(bytes: Buffer, end: number, parts: number): number[] {
  const cuts: number[] = [];
  let from = 0;
  for (let k = 1; k < parts; k++) {
    const cut = bytes.indexOf(NEWLINE, Math.max(from, Math.floor((end * k) / parts)));
    if (cut === -1 || cut >= end) break;
    cuts.push(cut);
    from = cut + 1;
  }
  return cuts;
}

/** Runs `nashra dates`; returns the exit status (1 when any line was refused). */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { tz: { type: 'string' }, now: { type: 'string' }, order: { type: 'string' }, threads: { type: 'string' } },
    usage,
  );
  if (values.help) {
    process.stdout.write(usage);
    return EXIT.OK;
  }
  const timeZone = values.tz ?? 'Asia/Riyadh';
  if (!isKnownTimeZone(timeZone)) throw new CliError(`--tz "${timeZone}" is not an IANA time zone name (e.g. Asia/Riyadh)`);
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new CliError(`--now "${values.now}" is not an ISO date-time (e.g. 2024-04-30T12:00:00Z)`);
  const order = values.order;
  if (order !== undefined && !isNumericDateOrder(order)) throw new CliError(`--order must be dmy, mdy or ymd, not "${order}"`);
  const threads = values.threads === undefined ? 1 : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64)
    throw new CliError(`--threads must be a whole number from 1 to 64, not "${values.threads}"`);
  const job: DatesJob = { timeZone, nowMs: now.getTime(), ...(order && { order }) };
  const options = optionsOf(job);
  let refused = false;

  // Whole blocks of stdin are read and answered with one write each, where readline raised an event per line and
  // each line was its own write (measured in bench/dates.bench.ts; figures in docs/performance.md). A line never splits
  // a UTF-8 sequence, so the bytes up to the last newline decode alone and the rest waits for the next block. A large
  // block is cut at newlines into one part per thread: the workers answer theirs while this thread answers the last,
  // and the answers are written in input order.
  const out = new OutputBuffer();
  let pool: LinePool | undefined;
  try {
    let pending: Buffer = Buffer.alloc(0);
    for await (const block of readBlocks()) {
      const bytes: Buffer = pending.length === 0 ? block : Buffer.concat([pending, block]);
      const last = bytes.lastIndexOf(NEWLINE);
      if (last === -1) {
        pending = bytes;
        continue;
      }
      pending = bytes.subarray(last + 1);
      let from = 0;
      if (threads > 1 && last >= PARALLEL_BYTES) {
        pool ??= new LinePool(threads - 1, job);
        const answers: Array<Promise<AnswerMessage>> = [];
        for (const cut of cutsAt(bytes, last, threads)) {
          answers.push(pool.answer(answers.length, new Uint8Array(bytes.subarray(from, cut)))); // a copy: its memory moves
          from = cut + 1;
        }
        if (answerLines(bytes.toString('utf8', from, last), options, out)) refused = true;
        for (const answer of answers) {
          const { bytes: answered, refused: some } = await answer;
          if (some) refused = true;
          await writeOut(answered);
        }
      } else if (answerLines(bytes.toString('utf8', 0, last), options, out)) refused = true;
      await out.flush();
    }
    if (pending.length > 0 && answerLines(pending.toString('utf8'), options, out)) refused = true;
    await out.flush();
  } finally {
    await pool?.close();
  }
  return refused ? EXIT.REJECTED : EXIT.OK;
}
