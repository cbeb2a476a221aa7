// Runs every real page fixture through parseArticlesAsync and scores title, published date/time and lede against expected.json.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticlesAsync, type ParseReport } from '../../../../lambda/core/articles/index.ts';

export const REAL_PAGES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/real-pages');

interface ExpectedDate {
  date: string;
  time?: string | null;
  tz: string;
}
export interface ExpectedPage {
  site: string;
  region: string;
  title: string;
  published: ExpectedDate | null;
  lede: string;
  author: string | null;
  modified?: ExpectedDate | null;
  notes?: string;
}

/** A zone for pages whose expected entry names none (no published or modified date): the region's usual zone. */
const REGION_ZONES: Record<string, string> = {
  gulf: 'Asia/Riyadh',
  egypt: 'Africa/Cairo',
  levant: 'Asia/Beirut',
  iraq: 'Asia/Baghdad',
  maghreb: 'Africa/Algiers',
  morocco: 'Africa/Casablanca',
  sudan: 'Africa/Khartoum',
  yemen: 'Asia/Aden',
  other: 'UTC',
};

export interface PageScore {
  file: string;
  title: boolean;
  /**
   * true: right date (and time); false: a wrong date or clock (or a date where the page has none); 'refused': no date
   * given; 'no-time': the right day but no clock where the page prints one.
   */
  date: true | false | 'refused' | 'no-time';
  lede: boolean;
  got: { title?: string; date?: string; time?: string; lede?: string; errors: string[]; from?: Record<string, string | undefined> };
}

/** Collapses white space the way a reader compares text. */
export const squash = (s: string | undefined) => (s ?? '').replace(/[\s\u00A0\u200B-\u200F]+/gu, ' ').trim();

/** Wall date and time of an instant in a zone. */
function wallClock(instant: string, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

export function loadExpected(): Record<string, ExpectedPage> {
  return JSON.parse(readFileSync(path.join(REAL_PAGES_DIR, 'expected.json'), 'utf8')) as Record<string, ExpectedPage>;
}

export function realPageFiles(): string[] {
  return readdirSync(REAL_PAGES_DIR)
    .filter((f) => /\.(html?|txt)$/.test(f))
    .sort();
}

/** Reads one fixture as a user would (`nashra ingest FILE --tz ZONE`) and scores it. */
export async function scoreRealPage(file: string, expected: ExpectedPage): Promise<PageScore> {
  const timeZone = expected.published?.tz ?? expected.modified?.tz ?? REGION_ZONES[expected.region] ?? 'UTC';
  const report: ParseReport = await parseArticlesAsync(
    { body: new Uint8Array(readFileSync(path.join(REAL_PAGES_DIR, file))), name: file },
    { timeZone, now: new Date('2026-12-05T12:00:00Z'), baseUrl: 'https://example.com/articles/' },
  );
  const a = report.articles[0];
  const errors = report.errors.map((e) => `${e.path} ${e.code}: ${e.message}`);
  if (!a) {
    // A refused page: right when the page has no date to give (its title and lede are then not in question).
    const right = expected.published === null;
    return { file, title: right, date: right ? true : 'refused', lede: right, got: { errors } };
  }
  const art = a.article;
  const wall = wallClock(art.published.instant, timeZone);
  const hasTime = art.published.normalized.instant !== null;
  let date: PageScore['date'];
  if (expected.published === null) date = false;
  else {
    date = wall.date === expected.published.date;
    if (date && expected.published.time) date = !hasTime ? 'no-time' : wall.time === expected.published.time;
  }
  return {
    file,
    title: squash(art.title) === squash(expected.title),
    date,
    lede: squash(art.summary).startsWith(squash(expected.lede)),
    got: {
      title: art.title,
      date: wall.date,
      ...(hasTime && { time: wall.time }),
      lede: art.summary?.slice(0, 80),
      errors,
      ...(a.from && { from: a.from }),
    },
  };
}
