// Splits an image caption from its credit: "… (تصوير: أحمد علي)." or "… - رويترز". Pure: imports nothing.

/** A credit in parentheses at the end: "(تصوير: أحمد علي)", "(رويترز)", "(Getty Images)", then an optional full stop. */
const CREDIT_IN_PARENS = /^(.+?)\s*[(（]([^()（）]{1,60})[)）]\s*[.。]?$/u;
/** A credit after a dash or bar: " - رويترز", " – AFP", " | Getty". */
const CREDIT_AFTER_DASH = /^(.+?) [-–—|] ([^-–—|]{1,40})$/u;
/** Words that mark a parenthesized tail as a credit (not an aside such as a date or a place). */
const CREDIT_WORDS =
  /تصوير|الصورة|صورة|المصدر|أرشيفية|ارشيفية|أرشيف|رويترز|فرانس برس|أ ف ب|أ\.ف\.ب|أسوشيتد|الأناضول|وكالة|وكالات|واس|وام|قنا|بنا|كونا|سانا|وفا|إرنا|getty|reuters|afp|ap|epa|photo|credit|shutterstock|anadolu|xinhua/iu;

/**
 * `{ caption, credit }` when the text ends in a credit (in parentheses, or after " - " / " | "), else `{ caption }`.
 *
 * @example
 * splitCaptionCredit('الوزير خلال المؤتمر (تصوير: أحمد علي).') //=> { caption: 'الوزير خلال المؤتمر', credit: 'تصوير: أحمد علي' }
 * splitCaptionCredit('جانب من الاجتماع - رويترز') //=> { caption: 'جانب من الاجتماع', credit: 'رويترز' }
 * splitCaptionCredit('جانب من الاجتماع') //=> { caption: 'جانب من الاجتماع' }
 */
export function splitCaptionCredit(text: string): { caption: string; credit?: string } {
  const t = text.replace(/\s+/gu, ' ').trim().slice(0, 1000);
  const paren = CREDIT_IN_PARENS.exec(t);
  if (paren && CREDIT_WORDS.test(paren[2]!)) return { caption: paren[1]!.trim(), credit: paren[2]!.trim() };
  const dash = CREDIT_AFTER_DASH.exec(t);
  if (dash) return { caption: dash[1]!.trim(), credit: dash[2]!.trim() };
  return { caption: t };
}
