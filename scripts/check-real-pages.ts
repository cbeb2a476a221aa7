// Checks the real-page fixtures: every page has an expected.json entry and a SOURCES.md row, the entries are well formed, and each expected title and lede really occurs in its page (run: npx tsx scripts/check-real-pages.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REAL_PAGES_DIR = fileURLToPath(new URL('../tests/fixtures/real-pages/', import.meta.url));

const REGIONS = new Set(['gulf', 'egypt', 'levant', 'iraq', 'maghreb', 'morocco', 'sudan', 'yemen', 'other']);
const PAGE_FILE = /\.(html?|txt)$/;

interface DateField {
  date: string;
  time: string | null;
  tz: string;
}

interface ExpectedPage {
  site: string;
  region: string;
  title: string;
  published: DateField | null;
  lede: string;
  author: string | null;
  modified: DateField | null;
  notes: string;
}

/** What the check found: one line per problem, and counts for the summary. */
export interface RealPagesReport {
  problems: string[];
  pages: number;
  html: number;
  sites: number;
  byRegion: Record<string, number>;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

function isZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function checkDate(file: string, field: string, value: unknown, problems: string[]): void {
  if (value === null) return;
  if (typeof value !== 'object') {
    problems.push(`${file}: ${field} must be null or {date, time, tz}`);
    return;
  }
  const { date, time, tz } = value as Partial<DateField>;
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !day || day.toISOString().slice(0, 10) !== date)
    problems.push(`${file}: ${field}.date '${String(date)}' is not a calendar date YYYY-MM-DD`);
  if (time !== null && (typeof time !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time))) {
    problems.push(`${file}: ${field}.time '${String(time)}' must be HH:MM (24 h) or null`);
  }
  if (typeof tz !== 'string' || !isZone(tz)) problems.push(`${file}: ${field}.tz '${String(tz)}' is not an IANA zone`);
}

/** Collapses whitespace and applies NFKC, so a phrase can be found whatever line breaks or presentation forms the page uses. */
function fold(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

// A few named entities are enough to read titles and ledes back out of these pages; the check is a guard, not an extractor.
const NAMED: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ', laquo: '«', raquo: '»' };

function pageText(file: string, bytes: Buffer): string {
  if (file.endsWith('.txt')) return bytes.toString('utf8');
  const head = bytes.subarray(0, 4096).toString('latin1');
  const charset = /charset=["']?([\w-]+)/i.exec(head)?.[1] ?? 'utf-8';
  const html = new TextDecoder(charset.toLowerCase()).decode(bytes);
  return html
    .replace(/<(script|style|noscript)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&([a-z]+);/gi, (all, name: string) => NAMED[name.toLowerCase()] ?? all);
}

function sourceRows(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| file ') && !line.startsWith('| ---'))
    .map((line) => (line.split('|')[1] ?? '').trim());
}

/**
 * Checks a real-pages folder and returns its problems and counts.
 *
 * @example
 * checkRealPages(REAL_PAGES_DIR).problems
 * //=> []
 */
export function checkRealPages(dir: string): RealPagesReport {
  const problems: string[] = [];
  const files = readdirSync(dir).filter((f) => PAGE_FILE.test(f));
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, ExpectedPage>;
  const rows = sourceRows(readFileSync(join(dir, 'SOURCES.md'), 'utf8'));

  for (const file of files) {
    if (!(file in expected)) problems.push(`${file}: no entry in expected.json`);
    if (!rows.includes(file)) problems.push(`${file}: no row in SOURCES.md`);
  }
  for (const key of Object.keys(expected)) if (!files.includes(key)) problems.push(`expected.json: '${key}' names no file`);
  for (const row of rows) if (!files.includes(row)) problems.push(`SOURCES.md: row '${row}' names no file`);
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row)) problems.push(`SOURCES.md: '${row}' has more than one row`);
    seen.add(row);
  }

  const byRegion: Record<string, number> = {};
  const sites = new Set<string>();
  for (const [file, page] of Object.entries(expected)) {
    if (!files.includes(file)) continue;
    if (!isString(page.site)) problems.push(`${file}: site is missing`);
    if (!REGIONS.has(page.region)) problems.push(`${file}: region '${page.region}' is not one of ${[...REGIONS].join(', ')}`);
    if (!isString(page.title)) problems.push(`${file}: title is missing`);
    if (!isString(page.lede)) problems.push(`${file}: lede is missing`);
    if (page.author !== null && !isString(page.author)) problems.push(`${file}: author must be a name or null`);
    if (typeof page.notes !== 'string') problems.push(`${file}: notes must be a string`);
    checkDate(file, 'published', page.published, problems);
    checkDate(file, 'modified', page.modified, problems);
    byRegion[page.region] = (byRegion[page.region] ?? 0) + 1;
    sites.add(page.site);

    const text = fold(pageText(file, readFileSync(join(dir, file))));
    if (isString(page.title) && !text.includes(fold(page.title))) problems.push(`${file}: the expected title does not occur in the page`);
    if (isString(page.lede) && !text.includes(fold(page.lede))) problems.push(`${file}: the expected lede does not occur in the page`);
  }

  const html = files.filter((f) => /\.html?$/.test(f)).length;
  if (files.length < 30) problems.push(`only ${files.length} pages (at least 30 wanted)`);
  if (html * 3 < files.length) problems.push(`only ${html} of ${files.length} pages are HTML (at least a third wanted)`);
  if (sites.size < 15) problems.push(`only ${sites.size} sites (at least 15 wanted)`);
  return { problems, pages: files.length, html, sites: sites.size, byRegion };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = checkRealPages(REAL_PAGES_DIR);
  for (const problem of report.problems) console.error(problem);
  console.log(
    `${report.pages} pages (${report.html} HTML, ${report.pages - report.html} text) from ${report.sites} sites; by region: ${JSON.stringify(report.byRegion)}`,
  );
  process.exitCode = report.problems.length > 0 ? 1 : 0;
}
