// Site chrome printed into saved pages (buttons, share bars, ads), as data. Pure: imports nothing.

/** Whole lines that are site chrome, Arabic and English. Compared after `foldLine` (case, hamza, harakat, final colon). */
export const BOILERPLATE_LINES: readonly string[] = [
  // Arabic
  'شارك القصة',
  'شارك',
  'شارك المقال',
  'شارك الخبر',
  'مشاركة',
  'انسخ الرابط',
  'نسخ الرابط',
  'تم النسخ',
  'تابع القراءة',
  'اقرأ المزيد',
  'المزيد',
  'اقرأ أيضاً',
  'اقرأ أيضا',
  'إقرأ أيضاً',
  'اقرأ ايضا',
  'أخبار ذات صلة',
  'مواضيع ذات صلة',
  'إعلان',
  'اعلان',
  'محتوى إعلاني',
  'إغلاق',
  'اغلاق',
  'الأكثر قراءة',
  'الأكثر مشاهدة',
  'تابعونا',
  'تابعنا على',
  'اشترك',
  'اشترك الآن',
  'اشترك في النشرة البريدية',
  'طباعة',
  'تعليقات',
  'أضف تعليقاً',
  'فيسبوك',
  'تويتر',
  'إكس',
  'واتساب',
  'تيليغرام',
  'تلغرام',
  'البريد الإلكتروني',
  'تكبير الخط',
  'تصغير الخط',
  'استمع',
  'استمع إلى المقال',
  'الصفحة الرئيسية',
  'الرئيسية',
  'بحث',
  'القائمة',
  // English
  'Changed',
  'Close',
  'Share',
  'Share this story',
  'Share this article',
  'Share on Facebook',
  'Share on X',
  'Tweet',
  'Read more',
  'Continue reading',
  'Read next',
  'Related',
  'Related articles',
  'Most read',
  'Advertisement',
  'Sponsored',
  'Copy link',
  'Link copied',
  'Copied',
  'Subscribe',
  'Sign in',
  'Log in',
  'Follow us',
  'Skip to content',
  'Skip to main content',
  'Menu',
  'Search',
  'Print',
  'Comments',
  'Facebook',
  'Twitter',
  'WhatsApp',
  'Telegram',
  'Email',
  'Listen',
  'Listen to this article',
  'Loading',
  'Back to top',
  'Home',
];

/** Line openings that mark a whole line as chrome (a "read also" link with its target's title). */
const BOILERPLATE_PREFIXES: readonly string[] = [
  'اقرأ أيضاً:',
  'اقرأ أيضا:',
  'اقرأ المزيد:',
  'شاهد أيضاً:',
  'Read more:',
  'Read also:',
  'Related:',
  'See also:',
];

/** Folds text for comparison: NFKC, no harakat, tatweel or bidi marks, one alef, one space, lower case. */
function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u064B-\u065F\u0670\u0640\u200C-\u200F\u061C]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/\s+/g, ' ')
    .replace(/ ([:：])/g, '$1')
    .trim()
    .toLowerCase();
}

/**
 * Folds a whole line for comparison with the table: `foldText` without a final colon or ellipsis.
 *
 * @example
 * foldLine('  إقرأ أيضاً: ') //=> 'اقرا ايضا'
 */
function foldLine(line: string): string {
  return foldText(line)
    .replace(/[:：…]+$/u, '')
    .trim();
}

const LINES = new Set(BOILERPLATE_LINES.map(foldLine));
const PREFIXES = BOILERPLATE_PREFIXES.map(foldText);

/**
 * True when a whole line is site chrome rather than article text.
 *
 * @example
 * isBoilerplateLine('شارك القصة') //=> true
 * isBoilerplateLine('Read more: Markets rally') //=> true
 * isBoilerplateLine('عززت الصين وروسيا تعاونهما') //=> false
 */
export function isBoilerplateLine(line: string): boolean {
  if (LINES.has(foldLine(line))) return true;
  const folded = foldText(line);
  return PREFIXES.some((p) => folded.startsWith(p));
}
