// Reads the raw text of a saved news page into article fields, by structure (not line numbers). Pure: no I/O.
import type { NormalizeResult } from '../dates/types.ts';
import type { ArticleCaption } from './article.ts';
import { isBoilerplateLine } from './boilerplate-lines.ts';

/** One block of the article body, in reading order. */
export type PageBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'caption'; caption: string; credit?: string };

/** What the page text yielded. Fields are absent when the page did not have them. */
export interface PageTextFields {
  /** `name: value` lines of the optional header block (keys lower-cased). */
  header: Record<string, string>;
  /** The date line as printed, e.g. "الإثنين 29 أبريل / أبريل 2024". */
  dateLine?: string;
  /** A line near the top that looked like a date but the normalizer rejected (carried when no date line was found). */
  dateLineError?: { line: string; code: string; message: string };
  /** An "updated" line near the top ("آخر تحديث: …"), as printed without its label. */
  updatedLine?: string;
  title?: string;
  /** Short lines printed above the title (a section name or place line), joined with " · ". */
  kicker?: string;
  /** The lede: the first paragraph after the title and captions. */
  lede?: string;
  blocks: PageBlock[];
  captions: ArticleCaption[];
  subheadings: string[];
  /** From an "المصادر:" / "المصدر:" / "Source:" footer. */
  source?: string;
  /** From a "بقلم:" / "كتب:" / "By" line. */
  authors: string[];
  /** Boilerplate lines removed, as printed. */
  boilerplate: string[];
  /** When no date line could be told to be the article's: the date lines seen, as printed. */
  dateCandidates?: string[];
  /** Things read with a doubt, e.g. a Hijri half that does not match its Gregorian half. */
  warnings: Array<{ code: 'HIJRI_MISMATCH'; message: string }>;
}

export interface ExtractPageTextOptions {
  /** Reads one line as a date (the date normalizer bound to a zone and clock). */
  readDate(line: string): NormalizeResult;
  /** How many content lines from the top may hold the date line and the title. Default 8. */
  topLines?: number;
}

interface Line {
  text: string;
  /** A blank line came right before this one. */
  afterBlank: boolean;
}

const HEADER_KEY = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/;
const SOURCE_FOOTER = /^(?:المصادر|المصدر|مصادر|مصدر|sources?)\s*[:：]\s*(.*)$/iu;
const AUTHOR_LINE = /^(?:بقلم|كتب|كتبت|إعداد|اعداد|by)\s*[:：]?\s+(.{2,80})$/iu;
const UPDATED_LINE = /^(?:آخر تحديث|اخر تحديث|تم التحديث|تحديث|updated|last updated)\s*[:：]?\s*(.+)$/iu;
const PUBLISHED_LABEL = /^(?:نشر في|نُشر في|تاريخ النشر|published|posted)\s*[:：]?\s*(.+)$/iu;
/** An update label inside a published line: "نشر في: 1 مايو 2024 - آخر تحديث: 2 مايو 2024". */
const UPDATED_INSIDE = /\s*[-–—|،,]?\s*(?:آخر تحديث|اخر تحديث|تم التحديث|last updated|updated)\s*[:：]?\s*/iu;
/** A credit after the caption: " - رويترز", " – AFP", " | Getty". Lines have single spaces (see `readPageHeader`). */
const CREDIT_PATTERN = /^(.+?) [-–—|] ([^-–—|]{1,40})$/u;
/** Longest line read as a caption with a credit. */
const MAX_CAPTION = 500;

/** Sentence-final punctuation: a line ending in one of these is prose, not a subheading. */
const FINAL_PUNCTUATION = /[.!?؟:؛;…"»”'’)\]،,]$/u;
const MAX_DATE_LINE = 100;
const MAX_SUBHEADING = 90;

/**
 * Extracts title, date line, lede, captions (with credit), subheadings, body blocks, source and authors
 * from saved page text. Boilerplate lines are dropped wherever they appear. Never throws.
 *
 * The optional header block (lines `url: …`, `key: …`, `categories: …` ended by a line `---`) is returned
 * in `header`; the caller decides what it means.
 *
 * @example
 * extractPageText('الإثنين 29 أبريل 2024\n\nعنوان الخبر\n\nعنوان الخبر\n\nChanged\n\nنص الخبر.', { readDate })
 * //=> { dateLine: 'الإثنين 29 أبريل 2024', title: 'عنوان الخبر', lede: 'نص الخبر.', boilerplate: ['Changed'], … }
 */
export function extractPageText(text: string, options: ExtractPageTextOptions): PageTextFields {
  const topLines = options.topLines ?? 8;
  const { header, start, lines: raw } = readPageHeader(text);

  const fields: PageTextFields = { header, blocks: [], captions: [], subheadings: [], authors: [], boilerplate: [], warnings: [] };
  let lines: Line[] = [];
  let afterBlank = false;
  for (const t of raw.slice(start)) {
    if (t === '') {
      afterBlank = true;
      continue;
    }
    if (isBoilerplateLine(t)) {
      fields.boilerplate.push(t);
      continue;
    }
    lines.push({ text: t, afterBlank });
    afterBlank = false;
  }

  // The date line: the first line near the top that reads as a date fixed to at least the day.
  const top = Math.min(topLines, lines.length);
  let dateIndex = -1;
  for (let i = 0; i < top && dateIndex < 0; i++) {
    const line = lines[i]!.text;
    if (line.length > MAX_DATE_LINE) continue;
    const updated = UPDATED_LINE.exec(line);
    const labelled = PUBLISHED_LABEL.exec(line);
    let candidate = updated?.[1] ?? labelled?.[1] ?? line;
    // One line carrying both dates: the part before the update label is the published date, the rest the update.
    const inner = updated ? null : UPDATED_INSIDE.exec(candidate);
    let innerUpdate: string | undefined;
    if (inner && inner.index > 0) {
      innerUpdate = candidate.slice(inner.index + inner[0].length);
      candidate = candidate.slice(0, inner.index);
    }
    const r = options.readDate(candidate);
    if (r.ok && r.precision !== 'month') {
      if (updated) {
        fields.updatedLine ??= candidate;
        lines.splice(i, 1);
        i--;
        continue;
      }
      fields.dateLine = candidate;
      if (innerUpdate && options.readDate(innerUpdate).ok) fields.updatedLine ??= innerUpdate;
      dateIndex = i;
    } else if (!r.ok && r.error.code !== 'NO_DATE' && r.error.code !== 'EMPTY' && r.error.code !== 'TOO_LONG') {
      fields.dateLineError ??= { line: candidate, code: r.error.code, message: r.error.message };
    }
  }
  if (dateIndex >= 0) lines.splice(dateIndex, 1);

  // The title: the first line printed twice near the top that is not a credited caption pair.
  for (let i = 0; i + 1 < Math.min(topLines, lines.length); i++) {
    const a = lines[i]!;
    const b = lines[i + 1]!;
    if (a.text !== b.text) continue;
    if (!b.afterBlank && splitCredit(a.text)) continue; // a caption pair
    fields.title = a.text;
    // Short lines above the title are a kicker (section name, place), not the lede.
    const above = lines.slice(0, i).map((l) => l.text);
    if (above.length > 0 && above.every((t) => t.length <= 60 && !FINAL_PUNCTUATION.test(t))) {
      fields.kicker = above.join(' · ');
      lines.splice(0, i + 2);
    } else {
      lines.splice(i, 2);
    }
    break;
  }
  if (fields.title === undefined) {
    // No duplicated title: the first short line without final punctuation that starts the page.
    const first = lines[0];
    if (first && first.text.length <= 200 && !FINAL_PUNCTUATION.test(first.text) && !splitCredit(first.text)) {
      fields.title = first.text;
      lines = lines.slice(1);
    }
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.text;
    const next = lines[i + 1];
    if (next && next.text === line) {
      const caption: ArticleCaption = splitCredit(line) ?? { caption: line };
      fields.captions.push(caption);
      fields.blocks.push({ kind: 'caption', ...caption });
      i++;
      continue;
    }
    const footer = SOURCE_FOOTER.exec(line);
    if (footer) {
      // "المصادر: وكالات" on one line, or the names on the lines right below (up to a blank line).
      const names: string[] = footer[1] ? [footer[1]] : [];
      while (!footer[1] && i + 1 < lines.length && lines[i + 1]!.text.length <= 60 && names.length < 5) {
        if (names.length > 0 && lines[i + 1]!.afterBlank) break;
        names.push(lines[++i]!.text);
      }
      if (names.length > 0) fields.source = names.map((n) => n.replace(/[.،,]+$/u, '').trim()).join('، ');
      continue;
    }
    const author = AUTHOR_LINE.exec(line);
    if (author && fields.lede === undefined) {
      // Names separated by commas; the attached conjunction "و" is not split on (it also starts names: وليد).
      fields.authors.push(
        ...author[1]!
          .split(/\s*[،,]\s*/u)
          .map((a) => a.trim())
          .filter(Boolean),
      );
      continue;
    }
    if (isSubheading(line) && next && !isSubheading(next.text) && next.text !== lines[i + 2]?.text && !SOURCE_FOOTER.test(next.text)) {
      fields.subheadings.push(line);
      fields.blocks.push({ kind: 'subheading', text: line });
      continue;
    }
    fields.blocks.push({ kind: 'paragraph', text: line });
    fields.lede ??= line;
  }
  return fields;
}

/** "caption - credit" split at the last separator, or null when the line has no short credit. */
function splitCredit(line: string): Required<ArticleCaption> | null {
  if (line.length > MAX_CAPTION) return null;
  const m = CREDIT_PATTERN.exec(line);
  return m ? { caption: m[1]!, credit: m[2]!.trim() } : null;
}

function isSubheading(line: string): boolean {
  return line.length <= MAX_SUBHEADING && line.split(/\s+/).length <= 12 && !FINAL_PUNCTUATION.test(line) && !splitCredit(line);
}

/**
 * Reads the optional header block: `name: value` lines (names lower-cased) up to a `---` line at the top.
 * Also returns the page's lines, trimmed, and where the page proper starts.
 *
 * @example
 * readPageHeader('url: https://example.com/a\nkey: a-1\n---\nالإثنين 29 أبريل 2024').header
 * //=> { url: 'https://example.com/a', key: 'a-1' }
 */
export function readPageHeader(text: string): { header: Record<string, string>; start: number; lines: string[] } {
  // Trim each line and collapse runs of white space (HTML would too; it also keeps the line regexes linear).
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/[\s\u200B]+/gu, ' ').trim());
  const header: Record<string, string> = {};
  let i = 0;
  while (i < lines.length && lines[i] === '') i++;
  const first = i;
  for (; i < lines.length && i - first < 30; i++) {
    const line = lines[i]!;
    if (line === '---') return { header, start: i + 1, lines };
    const m = HEADER_KEY.exec(line);
    if (!m) break;
    header[m[1]!.toLowerCase()] = m[2]!.trim();
  }
  return { header: {}, start: 0, lines };
}
