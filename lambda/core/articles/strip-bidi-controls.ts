// stripBidiControls: removes the Unicode embedding, override and isolate controls that can reorder what a reader shows. Pure.

/**
 * U+202A–U+202E (LRE, RLE, PDF, LRO, RLO) and U+2066–U+2069 (LRI, RLI, FSI, PDI). The marks U+200E/U+200F
 * (LRM/RLM) are kept: they only nudge neutral characters and are common in Arabic text.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const HAS_BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * The text without bidi embedding, override and isolate controls, and how many were removed.
 *
 * @example
 * stripBidiControls('عاجل\u202Etxt.exe') //=> { text: 'عاجلtxt.exe', removed: 1 }
 */
export function stripBidiControls(text: string): { text: string; removed: number } {
  if (!HAS_BIDI_CONTROL.test(text)) return { text, removed: 0 };
  let removed = 0;
  const out = text.replace(BIDI_CONTROLS, () => {
    removed++;
    return '';
  });
  return { text: out, removed };
}
