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
const AUTHOR_LINE = /^(?:بقلم|كتب|كتبت|إعداد|اعداد|محرر|المحرر|by)\s*[:：]?\s+(.{2,80})$/iu;
const UPDATED_LINE = /^(?:آخر تحديث|اخر تحديث|تم التحديث|تحديث|updated|last updated)\s*[:：]?\s*(.+)$/iu;
const PUBLISHED_LABEL = /^(?:نشر في|نُشر في|نشر بتاريخ|تم النشر في|تم النشر|تم نشره|تاريخ النشر|published|posted)\s*[:：]?\s*(.+)$/iu;
/** An update label anywhere in a line: "… 13/3/2008 م (آخر تحديث) الساعة 16:25". */
const UPDATED_ANYWHERE = /\(?(?:آخر تحديث|اخر تحديث|تم التحديث|last updated)\)?\s*[:：]?/iu;
/** How many lines after the title (and its repeat) the article's date may sit; how many above it. */
const AFTER_TITLE = 6;
const BEFORE_TITLE = 2;
/** How far down the page a title is looked for (saved pages open with menus). */
const TITLE_SCAN = 200;
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

  // The title first: it anchors the article's own date, which is printed next to it (a masthead clock is not).
  const titleAt = findTitle(lines, options.readDate);
  const dates = readDateLines(lines, options.readDate, titleAt);
  for (const w of dates.warnings) fields.warnings.push(w);
  let dateIndex = -1;
  if (titleAt) {
    // Nearest after the title (a publish label wins), else right above it (the date-then-title layout).
    const after = dates.found.filter((d) => d.index > titleAt.index && d.index <= titleAt.last + AFTER_TITLE && !d.updated);
    const before = dates.found.filter((d) => d.index < titleAt.index && d.index >= titleAt.index - BEFORE_TITLE && !d.updated);
    const chosen = after.find((d) => d.labelled) ?? after[0] ?? before.find((d) => d.labelled) ?? before[before.length - 1];
    if (chosen) {
      fields.dateLine = chosen.text;
      if (chosen.innerUpdate) fields.updatedLine = chosen.innerUpdate;
      if (chosen.head) dateIndex = chosen.index; // prose that mentions the date stays in the body
    }
  } else {
    // No title to anchor on: one date line near the top is the date; several different ones are ambiguous.
    const top = dates.found.filter((d) => d.index < topLines && !d.updated);
    const distinct = new Set(top.map((d) => d.date));
    if (distinct.size === 1) {
      fields.dateLine = top[0]!.text;
      if (top[0]!.head) dateIndex = top[0]!.index;
    } else if (distinct.size > 1) fields.dateCandidates = top.map((d) => d.text);
  }
  if (fields.dateLine === undefined) {
    const others = dates.found.filter((d) => !d.updated);
    if (titleAt && others.length > 0) {
      // Dates were printed, but none next to the headline: a masthead clock or another story's date. Never guess.
      fields.dateCandidates = others.map((d) => d.text);
    }
    fields.dateLineError = dates.error;
  }
  const update = dates.found.find((d) => d.updated && (!titleAt || d.index <= titleAt.last + AFTER_TITLE + topLines));
  if (update && fields.updatedLine === undefined) fields.updatedLine = update.text;

  // Lines above the title are site chrome or a kicker; the title, its repeat, and the date lines of the head are not body.
  const drop = new Set<number>([
    dateIndex,
    ...dates.found.filter((d) => d.head && (d.updated || !titleAt || d.index <= titleAt.last + AFTER_TITLE)).map((d) => d.index),
  ]);
  if (titleAt) {
    fields.title = titleAt.text;
    const above = lines.slice(0, titleAt.index).filter((_, i) => !dates.found.some((d) => d.index === i));
    const kicker = above.slice(-2).map((l) => l.text);
    if (kicker.length > 0 && kicker.every((t) => t.length <= 60 && !FINAL_PUNCTUATION.test(t))) fields.kicker = kicker.join(' · ');
    for (const i of titleAt.repeats) drop.add(i);
    lines = lines.filter((_, i) => i > titleAt.index && !drop.has(i));
  } else {
    lines = lines.filter((_, i) => !drop.has(i));
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
      // Quotes around the name are the page's typography, not the name: المصدر: «الأهرام» → الأهرام.
      const clean = (n: string) =>
        n
          .replace(/[.،,]+$/u, '')
          .replace(/^[«"“'‹]\s*(.*?)\s*[»"”'›]$/u, '$1')
          .trim();
      if (names.length > 0) fields.source = names.map(clean).join('، ');
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
    if (
      fields.lede !== undefined &&
      isSubheading(line) &&
      next &&
      !isSubheading(next.text) &&
      next.text !== lines[i + 2]?.text &&
      !SOURCE_FOOTER.test(next.text)
    ) {
      fields.subheadings.push(line);
      fields.blocks.push({ kind: 'subheading', text: line });
      continue;
    }
    if (fields.lede === undefined && isHeadLine(line)) continue; // a byline, site name or label between title and body
    fields.blocks.push({ kind: 'paragraph', text: line });
    fields.lede ??= stripDateline(line);
  }
  return fields;
}

/**
 * A line before the first paragraph that is not prose: a byline, site name, label or highlight without sentence
 * punctuation ("المحرر - متابعات", "الرئيس نيوز", "A+ A-", "ديون البلدية بين 7 و8 ملايين دينار"), or a caption
 * ending in its credit in parentheses ("… 6 سبتمبر 2018. (بوابة الوسط)").
 */
function isHeadLine(line: string): boolean {
  if (/[.]\s*[(（][^()（）]{1,40}[)）]\.?$/u.test(line)) return true;
  const words = line.split(' ').length;
  if (words < 6) return !/[.!?؟…]$/u.test(line);
  return words < 12 && !line.includes('،') && !/[.!?؟…:»"”)]$/u.test(line);
}

/** English month names, to their Mashriq Arabic names (the normalizer reads Arabic). */
const ENGLISH_MONTHS: Record<string, string> = {
  jan: 'يناير',
  feb: 'فبراير',
  mar: 'مارس',
  apr: 'أبريل',
  may: 'مايو',
  jun: 'يونيو',
  jul: 'يوليو',
  aug: 'أغسطس',
  sep: 'سبتمبر',
  oct: 'أكتوبر',
  nov: 'نوفمبر',
  dec: 'ديسمبر',
};
const ENGLISH_MONTH =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?/giu;

interface TitleAt {
  index: number;
  /** Index of its last repeat (the title itself when printed once). */
  last: number;
  text: string;
  repeats: number[];
}

interface DateLine {
  index: number;
  /** The date as printed, without its label. */
  text: string;
  date: string;
  labelled: boolean;
  updated: boolean;
  innerUpdate?: string;
  /** A line that is only a date (not prose that mentions one): dropped from the body. */
  head: boolean;
}

/**
 * The title: a line printed twice near each other (adjacent, or a few lines apart), else the first headline-like
 * line (three words or more, no sentence-final full stop, not a date, byline, menu item or breadcrumb).
 */
function findTitle(lines: Line[], readDate: ExtractPageTextOptions['readDate']): TitleAt | undefined {
  const n = Math.min(lines.length, TITLE_SCAN);
  for (let i = 0; i + 1 < n; i++) {
    const a = lines[i]!;
    const b = lines[i + 1]!;
    if (a.text !== b.text || letterWords(a.text) < 1 || /[.،,]$/u.test(a.text)) continue;
    if (!b.afterBlank && splitCredit(a.text)) continue; // a caption pair
    if (i >= 8 && !isTitleLike(a.text)) continue;
    // A short label printed twice ("رياضة" / "رياضة") right above a headline is a kicker, not the title.
    const after = lines[i + 2];
    if (letterWords(a.text) < 3 && after && isTitleLike(after.text)) continue;
    return { index: i, last: i + 1, text: a.text, repeats: [i + 1] };
  }
  for (let i = 0; i < n; i++) {
    const a = lines[i]!.text;
    if (!isTitleLike(a)) continue;
    for (let j = i + 2; j < Math.min(n, i + 9); j++) {
      if (lines[j]!.text === a) return { index: i, last: j, text: a, repeats: [j] };
    }
  }
  for (let i = 0; i < n; i++) {
    const a = lines[i]!.text;
    if (!isTitleLike(a) || a.split(' ').length < 4) continue;
    if (readDate(a).ok) continue;
    return { index: i, last: i, text: a, repeats: [] };
  }
  return undefined;
}

function letterWords(text: string): number {
  return text.split(' ').filter((w) => /\p{L}{2}/u.test(w)).length;
}

function isTitleLike(text: string): boolean {
  if (text.length > 300 || letterWords(text) < 3) return false;
  if (/[.،,:;؛]$/u.test(text) || /^[•·*\-–—|>]/u.test(text)) return false;
  if ((text.match(/ [/>»] /gu) ?? []).length >= 2) return false; // a breadcrumb
  return !AUTHOR_LINE.test(text) && !SOURCE_FOOTER.test(text) && !splitCredit(text) && !isBoilerplateLine(text);
}

/** Every line near the top that reads as a date fixed to the day (relative stamps such as "منذ دقيقة" are not). */
function readDateLines(
  lines: Line[],
  readDate: ExtractPageTextOptions['readDate'],
  titleAt: TitleAt | undefined,
): { found: DateLine[]; error?: { line: string; code: string; message: string }; warnings: PageTextFields['warnings'] } {
  const found: DateLine[] = [];
  const warnings: PageTextFields['warnings'] = [];
  let error: { line: string; code: string; message: string } | undefined;
  const end = Math.min(lines.length, (titleAt ? titleAt.last : 8) + 40);
  for (let i = 0; i < end; i++) {
    if (titleAt && (i === titleAt.index || titleAt.repeats.includes(i))) continue;
    const raw = lines[i]!.text.replace(/^[•·*\-–—]\s*/u, '');
    if (raw.length > MAX_DATE_LINE * 1.5 || /[.]$/u.test(raw)) continue;
    const updatedAtStart = UPDATED_LINE.exec(raw);
    const labelled = PUBLISHED_LABEL.exec(raw);
    let text = updatedAtStart?.[1] ?? labelled?.[1] ?? raw;
    let updated = !!updatedAtStart;
    let innerUpdate: string | undefined;
    const inner = updated ? null : UPDATED_INSIDE.exec(text);
    if (inner && inner.index > 0) {
      const rest = text.slice(inner.index + inner[0].length);
      const restDate = readDate(rest);
      if (restDate.ok && restDate.calendar !== 'relative' && restDate.precision !== 'month') {
        innerUpdate = rest;
        text = text.slice(0, inner.index);
      } else {
        // "الأربعاء 28 آب 2013، آخر تحديث 14:00": the label carries only a clock, so the date is the update's.
        text = text.replace(UPDATED_ANYWHERE, ' ').replace(/\s+/g, ' ').trim();
        updated = true;
      }
    } else if (!updated && UPDATED_ANYWHERE.test(text)) {
      text = text.replace(UPDATED_ANYWHERE, ' ').replace(/\s+/g, ' ').trim();
      updated = true;
    }
    if (text.length > MAX_DATE_LINE) continue;
    // "2015 05 14": year, month and day in ISO order with spaces for dashes (the order is the ISO one, so not ambiguous).
    text = text.replace(
      /^(\d{4}) (\d{1,2}) (\d{1,2})$/u,
      (_, y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`,
    );
    let r = readDate(text);
    if (!r.ok && r.error.code === 'NO_DATE' && text.search(ENGLISH_MONTH) >= 0) {
      // An Arabic page printing its date in English ("8th, May 2024 GMT"): the month named in Arabic, the ordinal dropped.
      const arabic = text
        .replace(/\b(\d{1,2})(?:st|nd|rd|th)\b,?/giu, '$1')
        .replace(ENGLISH_MONTH, (m) => ENGLISH_MONTHS[m.slice(0, 3).toLowerCase()] ?? m)
        .replace(/,/g, ' ');
      const a = readDate(arabic);
      if (a.ok) {
        text = arabic;
        r = a;
      }
    }
    if (!r.ok && r.error.code === 'HIJRI_MISMATCH' && /الموافق/u.test(text)) {
      // "… هـ - الموافق … م" with the Hijri half off the Umm al-Qura table: the printed Gregorian date wins.
      const gregorian = text.slice(text.search(/الموافق/u) + 'الموافق'.length).trim();
      const g = readDate(gregorian);
      if (g.ok) {
        warnings.push({
          code: 'HIJRI_MISMATCH',
          message: `the Hijri half of "${text}" does not match its Gregorian half under Umm al-Qura (${r.error.message}); the printed Gregorian date ${g.date} was kept`,
        });
        text = gregorian;
        r = g;
      }
    }
    if (r.ok && r.precision !== 'month' && r.calendar !== 'relative') {
      found.push({
        index: i,
        text,
        date: r.date,
        labelled: !!labelled,
        updated,
        ...(innerUpdate && { innerUpdate }),
        head: raw.split(' ').length < 7,
      });
    } else if (!r.ok && i < 8 && r.error.code !== 'NO_DATE' && r.error.code !== 'EMPTY' && r.error.code !== 'TOO_LONG') {
      error ??= { line: text, code: r.error.code, message: r.error.message };
    }
  }
  return { found, warnings, ...(error && { error }) };
}

/**
 * The lede without a site dateline glued to its start: "المدينة نيوز :- بلغت…", "مرآة البحرين (رويترز): قالت…".
 *
 * @example
 * stripDateline('مرآة البحرين (رويترز): قالت الوكالة') //=> 'قالت الوكالة'
 */
export function stripDateline(text: string): string {
  // A leftover image file name glued to the paragraph: "417_361145663975839_1392923746_nالحديث عن…".
  text = text.replace(/^[\w-]*\d[\w-]*_[\w-]+(?=\p{Script=Arabic})/u, '');
  const m = /^[^:.،؟!]{2,40}?(?:\s*[(（][^()]{1,25}[)）]\s*:|\s*:-)\s*/u.exec(text);
  return m && m[0].length < text.length - 10 ? text.slice(m[0].length) : text;
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
