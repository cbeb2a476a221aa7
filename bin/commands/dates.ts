// `nashra dates`: normalizes Arabic date strings, one per stdin line, to one JSON object per stdout line (streamed).
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { isKnownTimeZone, normalizeArabicDate } from '../../lambda/core/dates/index.ts';

const HELP = `usage: nashra dates [--tz Asia/Riyadh] [--now 2024-04-30T12:00:00Z]

Reads one date string per line on stdin and writes one JSON object per line:
the normalizer's result plus "input".
  --tz    IANA zone the wall time is read in when the text names none (default Asia/Riyadh)
  --now   the instant relative forms are read against (default: the current time)
`;

/** Runs the dates command; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  let values: { tz?: string; now?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { tz: { type: 'string' }, now: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`nashra dates: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const timeZone = values.tz ?? 'Asia/Riyadh';
  if (!isKnownTimeZone(timeZone)) {
    process.stderr.write(`nashra dates: --tz "${timeZone}" is not an IANA time zone name\n`);
    return 2;
  }
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) {
    process.stderr.write(`nashra dates: --now "${values.now}" is not an ISO date-time\n`);
    return 2;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const input = line.replace(/\r$/, '');
    const out = `${JSON.stringify({ input, ...normalizeArabicDate(input, { timeZone, now }) })}\n`;
    if (!process.stdout.write(out)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
  return 0;
}
