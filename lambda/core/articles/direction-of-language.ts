// Text direction of a BCP 47 language tag. Pure.

/** Languages written right-to-left by default (ISO 639 codes). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
/** Scripts written right-to-left (ISO 15924). */
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg', 'samr', 'mand']);

/**
 * `rtl` for Arabic, Persian, Urdu, Hebrew…, or any tag naming an RTL script; else `ltr`.
 *
 * @example
 * directionOfLanguage('ar-EG') //=> 'rtl'
 * directionOfLanguage('az-Arab') //=> 'rtl'
 * directionOfLanguage('en') //=> 'ltr'
 */
export function directionOfLanguage(tag: string): 'rtl' | 'ltr' {
  const parts = tag.toLowerCase().split('-');
  const script = parts.find((p, i) => i > 0 && p.length === 4);
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(parts[0] ?? '') ? 'rtl' : 'ltr';
}

/**
 * The canonical form of a BCP 47 tag, or null when it is not one.
 *
 * @example
 * canonicalLanguageTag('AR-eg') //=> 'ar-EG'
 * canonicalLanguageTag('not a tag') //=> null
 */
export function canonicalLanguageTag(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}
