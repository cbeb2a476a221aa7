// Reads a saved HTML news page into article input: JSON-LD, OpenGraph/meta, <time>, the visible date line, and the body via Readability. Pure: no I/O, no clock.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { articleError, articleWarning, type ArticleWarning } from './article-error.ts';
import { decodeHtmlBytes } from './decode-html-bytes.ts';
import { canonicalLanguageTag } from './direction-of-language.ts';
import { stripDateline } from './extract-page-text.ts';
import { splitCaptionCredit } from './split-caption-credit.ts';
import type { ArticleFieldSources, FieldSource, PageReading } from './page-reading.ts';
import type { DateFunctions } from './read-article-date.ts';
import { sanitizeContent } from './sanitize-content.ts';
import { stripControlCharacters } from './strip-control-characters.ts';

export interface ReadPageHtmlOptions {
  /** The site's IANA zone: an instant printed without an offset is read in it. */
  timeZone: string;
  now: Date;
  dates: DateFunctions;
  /** For a page without a canonical URL: the article URL is `baseUrl` + `name`'s base name. */
  baseUrl?: string;
  /** The file name, for the fallback URL. */
  name?: string;
  /** The charset the transport declared (wins over `<meta charset>`). */
  charset?: string;
}

/** JSON-LD types read as the article. */
const ARTICLE_TYPES = new Set([
  'NewsArticle',
  'Article',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'BackgroundNewsArticle',
  'ReviewNewsArticle',
  'BlogPosting',
  'LiveBlogPosting',
]);
/** `<meta>` names/properties holding the published instant, best first. */
const PUBLISHED_META = [
  'article:published_time',
  'og:article:published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'dc.date.issued',
  'dcterms.created',
  'parsely-pub-date',
  'sailthru.date',
  'date',
];
const MODIFIED_META = [
  'article:modified_time',
  'og:article:modified_time',
  'og:updated_time',
  'datemodified',
  'dcterms.modified',
  'last-modified',
];
/** Elements whose content is never visible text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'select', 'option', 'head', 'object', 'canvas']);
/** Elements that end a visible line (a rough innerText). */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);
/** Site chrome: what is inside is never the article's date (a `<footer>` inside `<article>` is the article's own). */
const CHROME = new Set(['nav', 'footer', 'aside']);
/** Lines after the headline searched for the date line and `<time>`; lines before it (a date above the title). */
const AFTER_HEADLINE = 40;
const BEFORE_HEADLINE = 4;
const MAX_DATE_LINE = 120;
const PUBLISHED_LABEL = /^(?:نشر في|نشر بتاريخ|نُشر في|نشر|تاريخ النشر|بتاريخ|published(?: on)?|posted(?: on)?)\s*[:：]?\s*/iu;
const UPDATED_LABEL = /^(?:آخر تحديث|اخر تحديث|تم التحديث|تحديث|محدث|updated|last updated)\s*[:：]?\s*/iu;
/** A published line that also carries the update: "نشر في: … - آخر تحديث: …". */
const UPDATED_INSIDE = /\s*[-–—|،,]?\s*(?:آخر تحديث|اخر تحديث|تم التحديث|last updated|updated)\s*[:：]?\s*/iu;
const BYLINE = /^(?:بقلم|كتب|كتبت|كتبه|إعداد|اعداد|تحرير|المحرر|حوار|حاوره|حاورته|by)(?:\s*[:：\-–]\s*|\s+)/iu;

interface VisibleLine {
  text: string;
  /** Inside nav, aside, or a footer outside the article. */
  chrome: boolean;
  /** This line is (part of) an `<h1>`. */
  h1: boolean;
  /** `datetime` values of `<time>` elements on this line. */
  times: string[];
}

/**
 * Reads one saved HTML page. Metadata first (JSON-LD, then OpenGraph/meta), then `<time datetime>` and the visible date
 * line near the headline, cross-checked; the body is the Readability extract, sanitized. Every field says where it came
 * from. Never guesses a date: a page with none near its headline (or only a last-updated one) is refused.
 *
 * @example
 * readPageHtml('<html lang="ar"><head><link rel="canonical" href="https://e.com/a"><meta property="article:published_time" content="2024-05-12T10:35:00+03:00"></head><body><h1>عنوان</h1><p>نص الخبر…</p></body></html>', { timeZone: 'Asia/Riyadh', now, dates })
 * //=> { ok: true, candidate: { url: 'https://e.com/a', title: 'عنوان', published: '2024-05-12T10:35:00+03:00', … }, from: { url: 'meta', title: 'text-line', published: 'meta', … }, warnings: [] }
 */
export function readPageHtml(page: string | Uint8Array, options: ReadPageHtmlOptions): PageReading {
  let html: string;
  if (typeof page === 'string') html = page.replace(/^\uFEFF/, '');
  else {
    const decoded = decodeHtmlBytes(page, options.charset);
    if (!decoded.ok) return { ok: false, errors: [articleError('$', decoded.code, decoded.message, '')] };
    html = decoded.text;
  }
  if (html.trim() === '') return { ok: false, errors: [articleError('$', 'EMPTY_INPUT', 'the page is empty', '')] };
  const warnings: ArticleWarning[] = [];
  const stripped = stripControlCharacters(html);
  const { document } = parseHTML(stripped.text);
  const root = document.documentElement;
  if (!root) return { ok: false, errors: [articleError('$', 'NO_TITLE', 'the page has no HTML document element')] };
  const from: ArticleFieldSources = {};
  const candidate: Record<string, unknown> = {};
  const set = (field: string, value: unknown, source: FieldSource) => {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return;
    candidate[field] = value;
    from[field] = source;
  };

  const ld = readJsonLdArticle(document);
  const meta = readMetaTags(document);

  // URL: canonical link, og:url, JSON-LD url, else base URL + file name.
  const canonical = absoluteHttpUrl(document.querySelector('link[rel~="canonical" i]')?.getAttribute('href'));
  const url =
    canonical ??
    absoluteHttpUrl(meta.get('og:url')) ??
    absoluteHttpUrl(ldString(ld?.url) ?? ldString(ldNode(ld?.mainEntityOfPage)?.['@id']));
  if (url) set('url', url, canonical ? 'meta' : absoluteHttpUrl(meta.get('og:url')) ? 'meta' : 'json-ld');
  else if (options.baseUrl !== undefined && options.name !== undefined) {
    const key = (options.name.split(/[\\/]/).pop() ?? options.name).replace(/\.[^.]*$/, '');
    set('url', `${options.baseUrl.replace(/\/*$/, '/')}${encodeURIComponent(key)}`, 'header');
    candidate.key = key;
  }
  const base = (candidate.url as string | undefined) ?? undefined;

  // Visible lines (before Readability changes the document), and the headline among them.
  const lines = visibleLines(root);
  const ldTitle = cleanText(ldString(ld?.headline) ?? ldString(ld?.name));
  const ogTitle = cleanText(meta.get('og:title') ?? meta.get('twitter:title'));
  const docTitle = cleanText(document.querySelector('title')?.textContent);
  const metaTitles = [ldTitle, ogTitle, docTitle].filter((t): t is string => !!t).map(foldTitle);
  const h1s = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.h1 && !l.chrome && l.text.length > 0);
  const matching = h1s.find(({ l }) => metaTitles.some((m) => m.includes(foldTitle(l.text))) && l.text.length >= 8);
  const headline = matching ?? (metaTitles.length === 0 ? h1s.find(({ l }) => l.text.split(' ').length >= 3) : undefined);
  if (headline) set('title', headline.l.text, 'text-line');
  else if (ldTitle) set('title', ldTitle, 'json-ld');
  else if (ogTitle) set('title', stripSiteName(ogTitle, meta.get('og:site_name')), 'meta');
  else if (docTitle) set('title', stripSiteName(docTitle, meta.get('og:site_name')), 'meta');
  let headlineIndex = headline?.i ?? -1;
  if (headlineIndex < 0 && typeof candidate.title === 'string') {
    const t = foldTitle(candidate.title);
    headlineIndex = lines.findIndex((l) => !l.chrome && l.text.length >= 8 && foldTitle(l.text) === t);
  }

  // Dates: JSON-LD, then meta, then <time> near the headline, then the visible date line near it.
  const readDate = (text: string) => options.dates.normalizeArabicDate(text, { timeZone: options.timeZone, now: options.now });
  const usable = (text: string | undefined): text is string => {
    if (!text) return false;
    const r = readDate(text);
    return r.ok && r.precision !== 'month' && r.calendar !== 'relative';
  };
  const ldPublished = ldString(ld?.datePublished) ?? ldString(ld?.dateCreated);
  const metaPublished = PUBLISHED_META.map((k) => meta.get(k)).find(usable);
  const ldModified = ldString(ld?.dateModified);
  const metaModified = MODIFIED_META.map((k) => meta.get(k)).find(usable);
  const near = nearHeadline(lines, headlineIndex);
  const timeValue = near.flatMap((l) => l.times).find(usable);
  const visible = visibleDateLine(near, readDate);

  let published: { raw: string; from: FieldSource } | undefined;
  if (usable(ldPublished)) published = { raw: ldPublished, from: 'json-ld' };
  else if (metaPublished) published = { raw: metaPublished, from: 'meta' };
  else if (timeValue) published = { raw: timeValue, from: 'time' };
  else if (visible.published) published = { raw: visible.published, from: 'text-line' };
  if (
    published &&
    published.from !== 'text-line' &&
    visible.published &&
    offsetLooksMislabelled(published.raw, visible.published, readDate, options.timeZone)
  ) {
    warnings.push(
      articleWarning(
        '$.published',
        'DATE_DISAGREES',
        `the ${published.from} instant "${published.raw}" prints the same wall clock as the page's date line "${visible.published}" but with a different offset; the date line, read in ${options.timeZone}, was kept`,
      ),
    );
    published = { raw: visible.published, from: 'text-line' };
  }
  if (published) {
    set('published', published.raw, published.from);
    const shown = visible.published ?? timeValue;
    if (shown && published.from !== 'text-line') {
      const a = readDate(published.raw);
      const b = readDate(shown);
      if (a.ok && b.ok && Math.abs(dayNumber(a.date) - dayNumber(b.date)) > 1) {
        warnings.push(
          articleWarning(
            '$.published',
            'DATE_DISAGREES',
            `the ${published.from === 'json-ld' ? 'JSON-LD' : published.from === 'meta' ? 'meta' : '<time>'} date "${published.raw}" (${a.date}) and the date shown on the page "${shown}" (${b.date}) are more than a day apart; the ${published.from} date was kept`,
          ),
        );
      }
    }
  }
  const modified = usable(ldModified)
    ? { raw: ldModified, from: 'json-ld' as const }
    : metaModified
      ? { raw: metaModified, from: 'meta' as const }
      : visible.updated
        ? { raw: visible.updated, from: 'text-line' as const }
        : undefined;
  if (modified) set('updated', modified.raw, modified.from);

  // Language: <html lang>, else JSON-LD inLanguage, else og:locale (ar_AR → ar-AR); unknown tags are left out.
  const langs: Array<[string | undefined, FieldSource]> = [
    [root.getAttribute('lang') ?? undefined, 'meta'],
    [ldString(ld?.inLanguage), 'json-ld'],
    [meta.get('og:locale')?.replace('_', '-'), 'meta'],
  ];
  for (const [tag, source] of langs) {
    if (tag && canonicalLanguageTag(tag)) {
      set('language', tag, source);
      break;
    }
  }

  // Authors and sections.
  const ldAuthors = ldNames(ld?.author);
  if (ldAuthors.length > 0) set('authors', ldAuthors, 'json-ld');
  else {
    const metaAuthor = cleanText(meta.get('author') ?? meta.get('article:author'));
    if (metaAuthor && !/^https?:/i.test(metaAuthor)) set('authors', [metaAuthor], 'meta');
  }
  const sections = ldStrings(ld?.articleSection);
  if (sections.length > 0) set('categories', sections.slice(0, 50), 'json-ld');
  else if (meta.get('article:section')) set('categories', [cleanText(meta.get('article:section'))], 'meta');

  // The body: Readability, then URLs resolved (in the extract only: a page has hundreds of menu links), then sanitize-html.
  const lead = imageOf(ld?.image) ?? meta.get('og:image');
  const parsed = new Readability(document as unknown as Document, { serializer: (n: Node) => n, charThreshold: 200 }).parse();
  const body = parsed?.content as unknown as Element | null | undefined;
  const images: Array<{ url: string; caption?: string; credit?: string }> = [];
  if (body) {
    resolveUrls(body, base);
    const blocks = readBodyBlocks(body, base);
    // A byline among the first paragraphs ends the standfirst: the lede is the first paragraph after it.
    const bylineAt = blocks.paragraphs.slice(0, 4).findIndex((p) => BYLINE.test(p) && p.length < 80);
    const lede = blocks.paragraphs.slice(bylineAt + 1).find((p) => isLede(p, candidate.title as string | undefined, readDate));
    if (lede) set('summary', stripDateline(lede).slice(0, 10_000), 'body');
    images.push(...blocks.images);
    if (!candidate.authors && parsed?.byline) {
      const name = cleanText(parsed.byline.replace(BYLINE, ''));
      if (name && name.length <= 80) set('authors', [name], 'body');
    }
    const s = sanitizeContent(body.innerHTML);
    if (s.html !== '') set('content', s.html, 'body');
    if (s.removed.length > 0)
      warnings.push(articleWarning('$.content', 'HTML_SANITIZED', `unsafe HTML was removed: ${s.removed.join('; ')}`));
  }
  if (!candidate.summary) {
    const description = cleanText(meta.get('og:description') ?? meta.get('description') ?? ldString(ld?.description));
    if (description) set('summary', description, 'meta');
  }
  const leadUrl = absoluteHttpUrl(lead, base);
  if (leadUrl && !images.some((i) => i.url === leadUrl)) {
    const caption = cleanText(ldString(ldNode(Array.isArray(ld?.image) ? ld?.image[0] : ld?.image)?.caption));
    images.unshift({ url: leadUrl, ...(caption && splitCaptionCredit(caption)) });
  }
  if (images.length > 0) set('images', images.slice(0, 50), ld?.image ? 'json-ld' : 'meta');
  if (stripped.removed > 0) {
    warnings.push(
      articleWarning('$', 'CONTROL_CHARACTERS_STRIPPED', `removed ${stripped.removed} control characters that XML cannot carry`),
    );
  }

  const errors = [];
  if (candidate.url === undefined) {
    errors.push(
      articleError(
        '$.url',
        'NO_URL',
        'the page has no <link rel="canonical">, og:url or JSON-LD url, and no base URL and file name were given',
      ),
    );
  }
  if (candidate.title === undefined)
    errors.push(articleError('$.title', 'NO_TITLE', 'the page has no <h1>, JSON-LD headline, og:title or <title>'));
  if (candidate.published === undefined) {
    if (modified) {
      errors.push(
        articleError(
          '$.published',
          'NO_PUBLISHED_DATE',
          `the page shows only a last-updated date ("${modified.raw}", from ${modified.from}); it is not taken as the published date`,
        ),
      );
    } else {
      errors.push(
        articleError(
          '$.published',
          'NO_DATE_LINE',
          'the page has no published date: no JSON-LD datePublished, article:published_time meta, <time datetime> or date line near the headline',
        ),
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, candidate, from, warnings };
}

/** The first JSON-LD node of an article type, looking into arrays, `@graph` and `mainEntity`. */
function readJsonLdArticle(document: Document): Record<string, unknown> | undefined {
  const nodes: Record<string, unknown>[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 6 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    nodes.push(o);
    if (o['@graph']) visit(o['@graph'], depth + 1);
    if (o.mainEntity) visit(o.mainEntity, depth + 1);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json" i]')) {
    const text = (script.textContent ?? '').trim();
    if (!text) continue;
    try {
      // Raw control characters (a pasted newline inside a string) make otherwise good JSON-LD invalid.
      visit(JSON.parse(text.replace(/\p{Cc}+/gu, ' ')), 0);
    } catch {
      // Invalid JSON-LD is ignored: the meta tags and the visible page still speak.
    }
  }
  return nodes.find((n) => ldStrings(n['@type']).some((t) => ARTICLE_TYPES.has(t)));
}

/** `<meta>` values by lower-cased property, name or itemprop (the first wins). */
function readMetaTags(document: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of document.querySelectorAll('meta')) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop'))?.trim().toLowerCase();
    const value = m.getAttribute('content') ?? m.getAttribute('datetime');
    if (key && value?.trim() && !out.has(key)) out.set(key, value.trim());
  }
  for (const t of document.querySelectorAll('[itemprop="datePublished"], [itemprop="dateModified"]')) {
    const key = t.getAttribute('itemprop')!.toLowerCase();
    const value = t.getAttribute('datetime') ?? t.getAttribute('content');
    if (value && !out.has(key)) out.set(key, value.trim());
  }
  return out;
}

/** The page's visible text as lines (a rough innerText), with chrome and `<h1>` marked and `<time datetime>` attached. */
function visibleLines(root: Element): VisibleLine[] {
  const lines: VisibleLine[] = [];
  let buffer = '';
  let times: string[] = [];
  let h1 = false;
  const flush = (chrome: boolean) => {
    const text = buffer.replace(/[\s\u200B-\u200F\u202A-\u202E]+/gu, ' ').trim();
    if (text || times.length > 0) lines.push({ text, chrome, h1, times });
    buffer = '';
    times = [];
    h1 = false;
  };
  const walk = (node: Node, chrome: boolean, inH1: boolean, inArticle = false) => {
    if (node.nodeType === 3) {
      buffer += node.nodeValue ?? '';
      if (inH1) h1 = true;
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.localName;
    if (SKIPPED.has(tag) || el.hasAttribute('hidden')) return;
    const block = BLOCKS.has(tag);
    const inChrome = chrome || (CHROME.has(tag) && !(inArticle && tag === 'footer'));
    if (block) flush(chrome);
    if (tag === 'time') {
      const dt = el.getAttribute('datetime');
      if (dt) times.push(dt.trim());
    }
    for (let c = el.firstChild; c; c = c.nextSibling) walk(c, inChrome, inH1 || tag === 'h1', inArticle || tag === 'article');
    if (block) flush(inChrome);
  };
  walk(root, false, false);
  flush(false);
  return lines;
}

/** The lines around the headline where its date is printed (none when the headline was not found). */
function nearHeadline(lines: VisibleLine[], index: number): VisibleLine[] {
  if (index < 0) return [];
  const after = lines.slice(index + 1, index + 1 + AFTER_HEADLINE).filter((l) => !l.chrome);
  const before = lines
    .slice(Math.max(0, index - BEFORE_HEADLINE), index)
    .filter((l) => !l.chrome)
    .reverse();
  return [...after, ...before];
}

/** The first visible date line near the headline (published, and the update printed with it or on its own line). */
function visibleDateLine(
  near: VisibleLine[],
  readDate: (text: string) => ReturnType<DateFunctions['normalizeArabicDate']>,
): { published?: string; updated?: string } {
  const out: { published?: string; updated?: string } = {};
  for (const line of near) {
    if (line.text.length === 0 || line.text.length > MAX_DATE_LINE) continue;
    let text = line.text;
    const isUpdate = UPDATED_LABEL.exec(text);
    text = text.replace(isUpdate ? UPDATED_LABEL : PUBLISHED_LABEL, '');
    let inner: string | undefined;
    const m = isUpdate ? null : UPDATED_INSIDE.exec(text);
    let updateStamp = !!isUpdate;
    if (m && m.index > 0) {
      inner = text.slice(m.index + m[0].length);
      text = text.slice(0, m.index);
      // "الأربعاء، 28 آب 2013، آخر تحديث 14:00": the label is followed by a clock only, so the date is the update's.
      const after = readDate(inner);
      if (!after.ok || after.calendar === 'relative') {
        text = `${text} ${inner}`;
        updateStamp = true;
      }
    }
    const r = readDate(text);
    if (!r.ok || r.precision === 'month' || r.calendar === 'relative') continue;
    if (updateStamp) {
      out.updated ??= text;
      continue;
    }
    out.published = text;
    if (inner && readDate(inner).ok) out.updated ??= inner;
    break;
  }
  return out;
}

/** Resolves `<img src>` (taking lazy-load attributes) and `<a href>` against the page URL, in place. */
function resolveUrls(root: Element, base: string | undefined): void {
  for (const img of root.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    const lazy = img.getAttribute('data-src') ?? img.getAttribute('data-lazy-src') ?? img.getAttribute('data-original');
    const real = lazy && (!src || src.startsWith('data:')) ? lazy : src;
    const abs = absoluteHttpUrl(real, base);
    if (abs) img.setAttribute('src', abs);
    else img.removeAttribute('src');
  }
  for (const a of root.querySelectorAll('a[href]')) {
    const abs = absoluteHttpUrl(a.getAttribute('href'), base);
    if (abs) a.setAttribute('href', abs);
  }
}

/** Paragraph texts and figures (image URL with caption and credit) of the Readability extract, in order. */
function readBodyBlocks(
  body: Element,
  base: string | undefined,
): { paragraphs: string[]; images: Array<{ url: string; caption?: string; credit?: string }> } {
  const paragraphs: string[] = [];
  const captionsAfterImages = new Map<string, string>();
  for (const p of body.querySelectorAll('p')) {
    if (p.closest('figcaption, figure, blockquote')) continue;
    const text = cleanText(p.textContent);
    if (!text) continue;
    // A short unpunctuated line right after an image-only paragraph is that image's caption, not the lede.
    const prev = p.previousElementSibling;
    const img = prev && !cleanText(prev.textContent) ? prev.querySelector('img') : null;
    if (img && text.length <= 120 && !/[.!?؟…:]$/u.test(text)) {
      captionsAfterImages.set(img.getAttribute('src') ?? '', text);
      continue;
    }
    paragraphs.push(text);
  }
  if (paragraphs.length === 0) {
    // Sites that set paragraphs as <br>-separated text in one <div>.
    for (const line of (body.textContent ?? '').split(/\n+/)) {
      const text = cleanText(line);
      if (text) paragraphs.push(text);
    }
  }
  const images: Array<{ url: string; caption?: string; credit?: string }> = [];
  for (const img of body.querySelectorAll('img')) {
    const url = absoluteHttpUrl(img.getAttribute('src'), base);
    if (!url || images.some((i) => i.url === url)) continue;
    const figcaption =
      cleanText(img.closest('figure')?.querySelector('figcaption')?.textContent) ?? captionsAfterImages.get(img.getAttribute('src') ?? '');
    images.push({ url, ...(figcaption ? splitCaptionCredit(figcaption) : {}) });
  }
  return { paragraphs, images };
}

/** A paragraph that is the lede: not the title again, not a byline, not a date line, not a one-word label. */
function isLede(
  text: string,
  title: string | undefined,
  readDate: (t: string) => ReturnType<DateFunctions['normalizeArabicDate']>,
): boolean {
  if (text.length < 25) return false;
  if (title && foldTitle(text) === foldTitle(title)) return false;
  if (BYLINE.test(text) && text.length < 80) return false;
  if (text.length <= MAX_DATE_LINE && readDate(text.replace(PUBLISHED_LABEL, '').replace(UPDATED_LABEL, '')).ok) return false;
  return true;
}

function absoluteHttpUrl(value: string | null | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  try {
    const u = new URL(value.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A JSON-LD value as one string (the first of an array, or an object's `@value`/`name`). */
function ldString(v: unknown): string | undefined {
  if (typeof v === 'string') return decodeEntities(v).trim() || undefined;
  if (Array.isArray(v)) return ldString(v[0]);
  if (v && typeof v === 'object') return ldString((v as Record<string, unknown>)['@value']);
  return undefined;
}

function ldStrings(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() ? [decodeEntities(v).trim()] : [];
  if (Array.isArray(v)) return v.flatMap(ldStrings);
  return [];
}

function ldNode(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Author names from a JSON-LD `author`: strings, Person/Organization objects, or an array of them. */
function ldNames(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const names = list
    .map((a) => (typeof a === 'string' ? a : ldString(ldNode(a)?.name)))
    .map((n) => cleanText(n))
    .filter((n): n is string => !!n && n.length <= 200 && !/^https?:/i.test(n));
  return [...new Set(names)].slice(0, 50);
}

/** The URL of a JSON-LD `image`: a string, an ImageObject, or the first of an array. */
function imageOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return imageOf(v[0]);
  const node = ldNode(v);
  return node ? (ldString(node.url) ?? ldString(node.contentUrl)) : undefined;
}

/** Character references some CMSs leave inside JSON-LD strings ("&quot;", "&#8211;"). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|(quot|amp|apos|lt|gt|nbsp));/gi, (m, dec, hex, name) => {
    if (dec) return String.fromCodePoint(Math.min(Number(dec), 0x10ffff));
    if (hex) return String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff));
    return NAMED_ENTITIES[(name as string).toLowerCase()] ?? m;
  });
}

const NAMED_ENTITIES: Record<string, string> = { quot: '"', amp: '&', apos: "'", lt: '<', gt: '>', nbsp: ' ' };

function cleanText(text: string | null | undefined): string | undefined {
  const t = text?.replace(/[\s\u200B\u200E\u200F]+/gu, ' ').trim();
  return t || undefined;
}

/** Folds a title for comparison: no tatweel, harakat or punctuation spacing; one kind of quote. */
function foldTitle(text: string): string {
  return text
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[«»“”"']/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Title - Site" / "Title | Site" without the site's name. */
function stripSiteName(title: string, siteName: string | undefined): string {
  const parts = title.split(/\s+[|\-–—]\s+/);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1]!;
  if ((siteName && last.includes(siteName.trim())) || last.length <= 30) return parts.slice(0, -1).join(' - ');
  return title;
}

/**
 * True when a metadata instant ("2020-08-24T09:23:13Z") prints the same date and wall clock as the visible date line
 * ("الإثنين، 24 أغسطس 2020 09:23 ص") yet denotes another instant: the CMS wrote local time with a wrong offset.
 */
function offsetLooksMislabelled(
  raw: string,
  shown: string,
  readDate: (text: string) => ReturnType<DateFunctions['normalizeArabicDate']>,
  timeZone: string,
): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(raw.trim());
  if (!m) return false;
  const a = readDate(raw);
  const b = readDate(shown);
  if (!a.ok || !b.ok || a.instant === null || b.instant === null || a.instant === b.instant) return false;
  const wall = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(b.instant))
    .replace(',', '');
  return wall === `${m[1]} ${m[2]}:${m[3]}`;
}

/** Days since 1970-01-01 of "YYYY-MM-DD". */
function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}
