// `nashra dates`: normalizes Arabic date strings, one per stdin line, to one JSON object per stdout line (streamed, written a block at a time; with --threads, large blocks are shared with worker threads).
import { readSync, writeSync } from 'node:fs';
import { isMainThread, MessageChannel, type MessagePort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';
import { isKnownTimeZone, normalizeArabicDate } from '../../lambda/core/dates/index.ts';
import type { NormalizedDate, NormalizeOptions, NormalizeResult, NumericDateOrder } from '../../lambda/core/dates/types.ts';

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
  --threads N threads that read a large input (from a file: blocks of 256 KiB or more), output still in
              input order (default 1: each worker thread is one more copy of the reader to start and warm up,
              and on a busy 2-core machine it saved no time)

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
    out.add(jsonLine(input, result));
    if (end === -1) return refused;
    start = end + 1;
  }
}

/**
 * One output line: `{"input":…,` and the result's fields, byte for byte what `JSON.stringify` gives, built by hand for
 * a read date (its fields are true, null and ASCII strings the normalizer formats from numbers and fixed words, so they
 * need no escaping); about half the cost of stringifying the result (bench/dates.bench.ts). A refusal's message is
 * free text and goes through `JSON.stringify`.
 */
function jsonLine(input: string, result: NormalizeResult): string {
  if (!result.ok) return `{"input":${JSON.stringify(input)},${JSON.stringify(result).slice(1)}\n`;
  let line = `{"input":${JSON.stringify(input)}`;
  for (const key in result) {
    const value = result[key as keyof NormalizedDate];
    line +=
      typeof value === 'string'
        ? `,"${key}":"${value}"`
        : value === null
          ? `,"${key}":null`
          : value === true
            ? `,"${key}":true`
            : `,"${key}":${JSON.stringify(value)}`;
  }
  return `${line}}\n`;
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

// This module is also a worker's script: started with `nashraDates` in its workerData, it answers the parts sent
// on its port.
const workerJob = isMainThread ? undefined : (workerData as { nashraDates?: DatesJob; port?: MessagePort } | null);
if (workerJob?.nashraDates && workerJob.port) {
  const port = workerJob.port;
  const options = optionsOf(workerJob.nashraDates);
  const out = new OutputBuffer();
  port.on('message', ({ id, bytes }: PartMessage) => {
    const refused = answerLines(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'), options, out);
    const answer = out.take();
    port.postMessage({ id, bytes: answer, refused } satisfies AnswerMessage, [answer.buffer as ArrayBuffer]);
  });
}

/** Parts a worker may hold at once: one to answer and one waiting, so it never idles while this thread is busy. */
const PARTS_PER_WORKER = 2;

/**
 * Worker threads that answer parts of blocks. This thread offers each part to a worker with room and answers it
 * itself otherwise, so a worker that is slow (still starting, or descheduled) never holds the run up; answers that
 * arrived are collected between parts without waiting (`receiveMessageOnPort`).
 */
class LinePool {
  #slots: Array<{ worker: Worker; port: MessagePort; held: number }>;
  #answers = new Map<number, AnswerMessage>();
  #nextId = 0;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;

  constructor(count: number, job: DatesJob) {
    this.#slots = Array.from({ length: count }, () => {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(new URL(import.meta.url), { workerData: { nashraDates: job, port: port2 }, transferList: [port2] });
      const slot = { worker, port: port1, held: 0 };
      port1.on('message', (answer: AnswerMessage) => this.#receive(slot, answer));
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => this.#fail(new Error(`a worker thread stopped (exit code ${code})`)));
      return slot;
    });
  }

  #receive(slot: { held: number }, answer: AnswerMessage): void {
    slot.held--;
    this.#answers.set(answer.id, answer);
    this.#wake?.();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#wake?.();
  }

  /** Collects the answers that have arrived, without waiting; throws if a worker failed. */
  poll(): void {
    if (this.#failure) throw this.#failure;
    for (const slot of this.#slots) {
      for (let m = receiveMessageOnPort(slot.port); m; m = receiveMessageOnPort(slot.port)) this.#receive(slot, m.message as AnswerMessage);
    }
  }

  /** Sends the part `bytes()` makes to a worker with room and returns its id, or undefined when every worker is full. */
  offer(bytes: () => Uint8Array): number | undefined {
    const slot = this.#slots.find((s) => s.held < PARTS_PER_WORKER);
    if (!slot) return undefined;
    const id = this.#nextId++;
    const part = bytes();
    slot.held++;
    slot.port.postMessage({ id, bytes: part } satisfies PartMessage, [part.buffer as ArrayBuffer]);
    return id;
  }

  /** The answer to part `id` if it has arrived (handed over once). */
  take(id: number): AnswerMessage | undefined {
    const answer = this.#answers.get(id);
    if (answer) this.#answers.delete(id);
    return answer;
  }

  /** Resolves when an answer arrives; rejects if a worker failed. */
  async wait(): Promise<void> {
    if (this.#failure) throw this.#failure;
    await new Promise<void>((resolve) => {
      this.#wake = resolve;
    });
    this.#wake = undefined;
    if (this.#failure) throw this.#failure;
  }

  async close(): Promise<void> {
    this.#failure ??= new Error('closed');
    for (const slot of this.#slots) slot.port.close();
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}

/** Blocks this large or larger start the worker threads: below it, a thread's start costs more than it saves. */
const PARALLEL_BYTES = 256 * 1024;
/** Size of the parts a block is cut into once workers run (≈ 1,000 lines). */
const PART_BYTES = 64 * 1024;
/** Answers kept in memory, waiting for an earlier part, before this thread waits for that part. */
const MAX_WAITING_PARTS = 64;

/** `[from, to)` runs of whole lines of about PART_BYTES in `bytes[0, end)`, cut at newlines (which they leave out). */
function partsOf(bytes: Buffer, end: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let from = 0;
  while (end - from > PART_BYTES) {
    const cut = bytes.indexOf(NEWLINE, from + PART_BYTES);
    if (cut === -1 || cut >= end) break;
    parts.push([from, cut]);
    from = cut + 1;
  }
  parts.push([from, end]);
  return parts;
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
  // a UTF-8 sequence, so the bytes up to the last newline decode alone and the rest waits for the next block. With
  // --threads, from the first large block on, blocks are cut into parts that go to a worker with room or are answered
  // here, and the answers are written in input order.
  const out = new OutputBuffer();
  let pool: LinePool | undefined;
  /** Parts answered or sent, in input order, not yet written: an answer, or the id of a worker's part. */
  const queue: Array<number | { bytes: Uint8Array; refused: boolean }> = [];
  /** Writes the answers at the head of the queue that are ready; with `all`, or when too many wait, waits for them. */
  const drain = async (all: boolean): Promise<void> => {
    for (;;) {
      pool?.poll();
      while (queue.length > 0) {
        const head = queue[0] as (typeof queue)[number];
        const answer = typeof head === 'number' ? pool?.take(head) : head;
        if (!answer) break;
        queue.shift();
        if (answer.refused) refused = true;
        await writeOut(answer.bytes);
      }
      if (queue.length === 0 || (!all && queue.length < MAX_WAITING_PARTS)) return;
      await (pool as LinePool).wait();
    }
  };
  /** Answers `bytes[from, to)` (whole lines, or the last line without its newline) through the pool or here. */
  const answerPart = async (bytes: Buffer, from: number, to: number, pool: LinePool): Promise<void> => {
    pool.poll();
    const id = pool.offer(() => new Uint8Array(bytes.subarray(from, to))); // a copy: its memory moves to the worker
    if (id !== undefined) queue.push(id);
    else if (queue.length === 0) {
      if (answerLines(bytes.toString('utf8', from, to), options, out)) refused = true;
      await out.flush();
    } else {
      const some = answerLines(bytes.toString('utf8', from, to), options, out);
      queue.push({ bytes: out.take(), refused: some });
    }
    await drain(false);
  };
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
      if (threads > 1 && last >= PARALLEL_BYTES) pool ??= new LinePool(threads - 1, job);
      if (pool) for (const [from, to] of partsOf(bytes, last)) await answerPart(bytes, from, to, pool);
      else {
        if (answerLines(bytes.toString('utf8', 0, last), options, out)) refused = true;
        await out.flush();
      }
    }
    if (pending.length > 0) {
      if (pool) await answerPart(pending, 0, pending.length, pool);
      else if (answerLines(pending.toString('utf8'), options, out)) refused = true;
    }
    await drain(true);
    await out.flush();
  } finally {
    await pool?.close();
  }
  return refused ? EXIT.REJECTED : EXIT.OK;
}
