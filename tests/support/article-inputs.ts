// Article inputs as a newsroom export holds them (JSON fields, Arabic text, dates as printed): for tests and benches of large files.

const CATEGORIES = ['سياسة', 'اقتصاد', 'رياضة', 'ثقافة', 'العالم', 'تقنية', 'صحة'];
const SOURCES = ['واس', 'وكالات', 'أ ف ب', 'رويترز', 'قنا'];
const AUTHORS = ['محمد العلي', 'سارة الحسن', 'خالد يوسف', 'ليلى أحمد'];
const MONTHS = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const SENTENCE = 'وقال المتحدث إن الاجتماع ناقش خطط العام المقبل، وأكد أن "الأرقام [الأولية] مشجعة" \\ وفق البيان.';

/** One article input, the nth of an export: a unique URL, a date printed in Arabic (minute precision), ~`bodyBytes` of content. */
export interface ArticleInput {
  url: string;
  title: string;
  summary: string;
  content: string;
  published: string;
  source: string;
  authors: string[];
  categories: string[];
}

/**
 * The nth article of a synthetic export (deterministic: the same n gives the same input).
 *
 * @example
 * articleInputOf(7).url //=> 'https://news.example.sa/export/7'
 * articleInputOf(7, 4000).content.length > 2000 //=> true
 */
export function articleInputOf(n: number, bodyBytes = 900): ArticleInput {
  const minutes = n % (60 * 24 * 300);
  const day = new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);
  const hh = String(day.getUTCHours()).padStart(2, '0');
  const mm = String(day.getUTCMinutes()).padStart(2, '0');
  const paragraphs = Math.max(1, Math.round(bodyBytes / (SENTENCE.length * 2 + 8)));
  return {
    url: `https://news.example.sa/export/${n}`,
    title: `خبر رقم ${n} من الأرشيف`,
    summary: `ملخص الخبر ${n}.`,
    content: Array.from({ length: paragraphs }, (_, k) => `<p>${k === 0 ? `الخبر ${n}: ` : ''}${SENTENCE}</p>`).join(''),
    published: `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()} ${hh}:${mm}`,
    source: SOURCES[n % SOURCES.length] as string,
    authors: [AUTHORS[n % AUTHORS.length] as string],
    categories: [CATEGORIES[n % CATEGORIES.length] as string, ...(n % 3 === 0 ? [CATEGORIES[(n + 2) % CATEGORIES.length] as string] : [])],
  };
}

/**
 * Inputs `from` … `from + count - 1`.
 *
 * @example
 * articleInputsOf(3).map((a) => a.url.split('/').pop()) //=> ['0', '1', '2']
 */
export function articleInputsOf(count: number, from = 0, bodyBytes?: number): ArticleInput[] {
  return Array.from({ length: count }, (_, i) => articleInputOf(from + i, bodyBytes));
}
