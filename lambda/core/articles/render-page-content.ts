// Renders page-text blocks as article HTML, escaping every piece of text. Pure.
import type { PageBlock } from './extract-page-text.ts';
import { escapeHtml } from './sanitize-content.ts';

/**
 * `<p>` for paragraphs, `<h2>` for subheadings, `<figure><figcaption>` for captions (credit in `<small>`).
 *
 * @example
 * renderPageContent([{ kind: 'subheading', text: 'A & B' }, { kind: 'paragraph', text: 'نص.' }])
 * //=> '<h2>A &amp; B</h2>\n<p>نص.</p>'
 */
export function renderPageContent(blocks: readonly PageBlock[]): string {
  return blocks.map(renderBlock).join('\n');
}

function renderBlock(b: PageBlock): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'subheading':
      return `<h2>${escapeHtml(b.text)}</h2>`;
    case 'caption':
      return `<figure><figcaption>${escapeHtml(b.caption)}${b.credit ? ` <small>${escapeHtml(b.credit)}</small>` : ''}</figcaption></figure>`;
  }
}
