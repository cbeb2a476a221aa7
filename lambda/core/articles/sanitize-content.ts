// Sanitizes article HTML with sanitize-html and reports what it removed. Pure: no I/O, no clock.
import sanitizeHtml from 'sanitize-html';

/** Tags kept in article content. Everything else is unwrapped (text kept) or dropped with its content. */
const ALLOWED_TAGS = [
  'p',
  'br',
  'h2',
  'h3',
  'h4',
  'blockquote',
  'ul',
  'ol',
  'li',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'a',
  'figure',
  'figcaption',
  'img',
  'small',
  'span',
  'q',
  'cite',
  'code',
  'pre',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'caption',
];

/** Tags dropped together with their content (never unwrapped into text). */
const DROPPED_WITH_CONTENT = ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'textarea', 'svg', 'math'];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'hreflang'],
    img: ['src', 'alt', 'width', 'height'],
    '*': ['dir', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  nonTextTags: DROPPED_WITH_CONTENT,
  disallowedTagsMode: 'discard',
};

/** What the sanitizer took out, in words a publisher understands. */
export interface SanitizeResult {
  html: string;
  /** One entry per kind of removal, e.g. "removed 2 <script> elements". */
  removed: string[];
}

const DANGEROUS_TAGS = new Set(['script', 'style', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta', 'link', 'form']);

/**
 * Sanitizes article HTML: scripts, event-handler attributes and javascript: URLs are removed
 * by sanitize-html; the removals are counted so the caller can record a warning.
 *
 * @example
 * sanitizeContent('<p onclick="x()">hi</p><script>alert(1)</script>')
 * //=> { html: '<p>hi</p>', removed: ['removed 1 <script> element', 'removed 1 event-handler attribute (onclick)'] }
 */
export function sanitizeContent(html: string): SanitizeResult {
  const tags = new Map<string, number>();
  const handlers = new Set<string>();
  let handlerCount = 0;
  let scriptUrls = 0;
  const html2 = sanitizeHtml(html, {
    ...OPTIONS,
    onOpenTag(name, attribs) {
      if (DANGEROUS_TAGS.has(name)) tags.set(name, (tags.get(name) ?? 0) + 1);
      for (const [attr, value] of Object.entries(attribs)) {
        if (/^on/i.test(attr)) {
          handlerCount++;
          handlers.add(attr.toLowerCase());
        } else if (isScriptUrl(value)) {
          scriptUrls++;
        }
      }
    },
  });
  const removed: string[] = [];
  for (const [name, n] of tags) removed.push(`removed ${n} <${name}> element${n === 1 ? '' : 's'}`);
  if (handlerCount) {
    removed.push(`removed ${handlerCount} event-handler attribute${handlerCount === 1 ? '' : 's'} (${[...handlers].join(', ')})`);
  }
  if (scriptUrls) removed.push(`removed ${scriptUrls} script URL${scriptUrls === 1 ? '' : 's'} (javascript:, vbscript: or data:)`);
  return { html: html2.trim(), removed };
}

/** Detection only (sanitize-html does the removal): does an attribute value use a script scheme? */
function isScriptUrl(value: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme, so fold them before looking.
  const folded = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  return folded.startsWith('javascript:') || folded.startsWith('vbscript:') || folded.startsWith('data:');
}

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example
 * escapeHtml('<b>"A & B"</b>') //=> '&lt;b&gt;&quot;A &amp; B&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
