// The real-world corpus: date lines copied from real Arabic sites (real-world.jsonl, sources in real-world.SOURCES.md), each with the date a reader gets from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeArabicDate, type NormalizeResult } from '../../../lambda/core/dates/index.ts';

interface CorpusLine {
  text: string;
  source: string;
  site: string;
  region: string;
  now: string;
  tz: string;
  expect: { date: string; time?: string; precision?: string } | { refuse: string };
  calendar?: string;
  note?: string;
}

const CORPUS = new URL('./real-world.jsonl', import.meta.url);
const lines: CorpusLine[] = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l, i) => {
    try {
      return JSON.parse(l) as CorpusLine;
    } catch (error) {
      throw new Error(`real-world.jsonl line ${i + 1} is not JSON: ${(error as Error).message}`);
    }
  });

/** The local wall-clock "HH:MM" of an instant in a zone. */
function localTime(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    new Date(instant),
  );
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('hour')}:${get('minute')}`;
}

type Verdict = 'right' | 'wrong' | 'refused' | 'refused-right';

/** right: the expected date (and time); refused: a refusal where a date was expected; wrong: any other answer. */
function judge(line: CorpusLine, r: NormalizeResult): { verdict: Verdict; detail: string } {
  const got = r.ok
    ? `${r.date}${r.instant ? ` ${localTime(r.instant, line.tz)} (${r.instant})` : ''} ${r.precision}`
    : `${r.error.code}: ${r.error.message}`;
  if ('refuse' in line.expect) return r.ok ? { verdict: 'wrong', detail: got } : { verdict: 'refused-right', detail: got };
  if (!r.ok) return { verdict: 'refused', detail: got };
  const e = line.expect;
  if (r.date !== e.date) return { verdict: 'wrong', detail: got };
  if (e.time !== undefined) {
    // A clock on the line: the answer must carry it, as the same local wall time in the site's zone.
    if (r.instant === null || localTime(r.instant, line.tz) !== e.time) return { verdict: 'wrong', detail: got };
  }
  return { verdict: 'right', detail: got };
}

describe('real-world corpus (real-world.jsonl)', () => {
  const results = lines.map((line) => {
    const r = normalizeArabicDate(line.text, { timeZone: line.tz, now: new Date(line.now) });
    return { line, ...judge(line, r) };
  });
  const count = (v: Verdict): number => results.filter((x) => x.verdict === v).length;
  const right = count('right') + count('refused-right');
  const wrong = results.filter((x) => x.verdict === 'wrong');
  const refused = results.filter((x) => x.verdict === 'refused');

  it('is a corpus worth the name: at least 400 lines from at least 60 sites', () => {
    expect(lines.length).toBeGreaterThanOrEqual(400);
    expect(new Set(lines.map((l) => l.site)).size).toBeGreaterThanOrEqual(60);
  });

  it('gives zero wrong dates or instants (a refusal is the only allowed miss)', () => {
    process.stdout.write(
      `real-world corpus: ${lines.length} lines from ${new Set(lines.map((l) => l.site)).size} sites; ` +
        `right ${right} (${((100 * right) / lines.length).toFixed(2)}%: ${count('right')} dates, ${count('refused-right')} expected refusals), ` +
        `refused where a date was expected ${refused.length}, wrong ${wrong.length}\n`,
    );
    for (const x of refused) process.stdout.write(`  refused: ${x.line.text} [${x.line.site}] → ${x.detail}\n`);
    expect(wrong.map((x) => `${x.line.text} [${x.line.site}] expected ${JSON.stringify(x.line.expect)} got ${x.detail}`)).toEqual([]);
  });

  // The target is 99%: 96.1% on 2026-12-05 at first, 99.39% (487 of 490) once Coptic dates, PDF text damage and visual
  // order, issue numbers, English mastheads and a year printed apart were read the same day (the misses are refusals, listed above by the
  // zero-wrong test). This floor keeps what was reached from slipping; raise it as the refusals are closed.
  const TARGET = 0.99;
  const FLOOR = 0.993;
  it(`reads at least ${FLOOR * 100}% of the lines right (target ${TARGET * 100}%)`, () => {
    process.stdout.write(`real-world corpus: ${((100 * right) / lines.length).toFixed(2)}% right; target ${TARGET * 100}%\n`);
    expect(right / lines.length).toBeGreaterThanOrEqual(FLOOR);
  });
});
