// Decodes the bytes of a saved HTML page in the charset it declares (BOM, <meta charset>, http-equiv). Pure: TextDecoder only.

export type DecodeHtmlResult = { ok: true; text: string; charset: string } | { ok: false; code: 'INVALID_ENCODING'; message: string };

/** `<meta charset="…">` or `<meta http-equiv="Content-Type" content="text/html; charset=…">`, as the HTML prescan finds them. */
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i;

/**
 * Decodes HTML bytes: a BOM wins, then a `charset` given by the transport (an HTTP Content-Type), then the page's own
 * `<meta charset>` in its first 1024 bytes. Undeclared bytes must be UTF-8: anything else is `INVALID_ENCODING`,
 * never mojibake. A declared charset the bytes do not fit is `INVALID_ENCODING` as well.
 * (Hand-written because the WHATWG prescan is one regular expression here; TextDecoder knows every label, windows-1256 included.)
 *
 * @example
 * decodeHtmlBytes(new Uint8Array([0x3c,0x6d,0x65,0x74,0x61,0x20,0x63,0x68,0x61,0x72,0x73,0x65,0x74,0x3d,0x77,0x69,0x6e,0x64,0x6f,0x77,0x73,0x2d,0x31,0x32,0x35,0x36,0x3e,0xc7])).text
 * //=> '<meta charset=windows-1256>ا'
 */
export function decodeHtmlBytes(bytes: Uint8Array, transportCharset?: string): DecodeHtmlResult {
  let label: string | undefined;
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    label = 'utf-8';
    start = 3;
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    label = 'utf-16le';
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    label = 'utf-16be';
    start = 2;
  }
  label ??= transportCharset?.trim() || undefined;
  if (label === undefined) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
    label = META_CHARSET.exec(head)?.[1];
  }
  const declared = label !== undefined;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label ?? 'utf-8', { fatal: true });
  } catch {
    return { ok: false, code: 'INVALID_ENCODING', message: `the page declares the charset "${label}", which is not a known encoding` };
  }
  // The prescan's rule: a page that says UTF-16 in a <meta> but has no BOM is read as UTF-8.
  if (start === 0 && decoder.encoding.startsWith('utf-16')) decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return { ok: true, text: decoder.decode(bytes.subarray(start)), charset: decoder.encoding };
  } catch {
    return {
      ok: false,
      code: 'INVALID_ENCODING',
      message: declared
        ? `the page is declared as ${decoder.encoding} but its bytes are not valid ${decoder.encoding}`
        : 'the page declares no charset and its bytes are not UTF-8 (add <meta charset="…"> naming its encoding, e.g. windows-1256)',
    };
  }
}
