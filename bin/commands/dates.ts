// `nashra dates`: normalizes Arabic date strings, one per stdin line, to one JSON object per stdout line (streamed, written a block at a time).
import { readSync, writeSync } from 'node:fs';
import { isKnownTimeZone, normalizeArabicDate } from '../../lambda/core/dates/index.ts';
import type { NormalizedDate, NormalizeOptions, NormalizeResult, NumericDateOrder } from '../../lambda/core/dates/types.ts';
import { CliError } from '../support/cli-error.ts';
import { EXIT, EXIT_STATUS_HELP } from '../support/exit-codes.ts';
import { parseCommandArgs } from '../support/parse-command-args.ts';

const isNumericDateOrder = (value: string): value is NumericDateOrder => value === 'dmy' || value === 'mdy' || value === 'ymd';

export const usage = `usage: nashra dates [--tz Asia/Riyadh] [--now 2024-04-30T12:00:00Z] [--order dmy|mdy|ymd]

Reads one date string per line on stdin and writes one JSON object per line on stdout: "input" (the line),
then the normalizer's result: {"ok":true,"date","instant","precision","calendar",…} or {"ok":false,"error":{"code","message"}}.
Each block of input is answered as soon as it is read, so it also works line by line in a pipe.

  --tz ZONE   IANA zone the wall time is read in when the text names none (default Asia/Riyadh)
  --now ISO   the instant relative forms ("منذ ساعتين", "أمس") are read against (default: the current time)
  --order dmy|mdy|ymd
              the site's order of numeric dates; without it a date whose day and month can be swapped
              (04/05/2021) is refused as AMBIGUOUS, and one with a single reading (27/03/2021) is read

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

/** Runs `nashra dates`; returns the exit status (1 when any line was refused). */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { tz: { type: 'string' }, now: { type: 'string' }, order: { type: 'string' } }, usage);
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
  const options: NormalizeOptions = { timeZone, now, ...(order && { order }) };
  let refused = false;

  // Whole blocks of stdin are read and answered with one write each, where readline raised an event per line and
  // each line was its own write (measured in bench/dates.bench.ts; figures in docs/performance.md). A line never splits
  // a UTF-8 sequence, so the bytes up to the last newline decode alone and the rest waits for the next block.
  const out = new OutputBuffer();
  let pending: Buffer = Buffer.alloc(0);
  for await (const block of readBlocks()) {
    const bytes: Buffer = pending.length === 0 ? block : Buffer.concat([pending, block]);
    const last = bytes.lastIndexOf(NEWLINE);
    if (last === -1) {
      pending = bytes;
      continue;
    }
    pending = bytes.subarray(last + 1);
    if (answerLines(bytes.toString('utf8', 0, last), options, out)) refused = true;
    await out.flush();
  }
  if (pending.length > 0 && answerLines(pending.toString('utf8'), options, out)) refused = true;
  await out.flush();
  return refused ? EXIT.REJECTED : EXIT.OK;
}
