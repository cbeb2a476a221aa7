// Property: mutated real pages (lines shuffled, deleted, duplicated; tags unclosed; megabytes of navigation) never make a page reader throw.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleDateFunctions } from '../../../lambda/core/articles/index.ts';
import { readPageHtml } from '../../../lambda/core/articles/read-page-html.ts';
import { readPageText } from '../../../lambda/core/articles/read-page-text.ts';
import { REAL_PAGES_DIR, realPageFiles } from './support/read-real-pages.ts';

const now = new Date('2026-12-05T12:00:00Z');
const options = { timeZone: 'Asia/Riyadh', now, dates: articleDateFunctions, baseUrl: 'https://e.example/a/', name: 'page' };
const pages = realPageFiles().map((f) => ({ file: f, text: readFileSync(path.join(REAL_PAGES_DIR, f), 'utf8') }));
const htmlPages = pages.filter((p) => p.file.endsWith('.html'));
const textPages = pages.filter((p) => p.file.endsWith('.txt'));

/** One edit of a page's lines. */
const editArb = fc.oneof(
  fc.record({ kind: fc.constant('shuffle' as const), at: fc.nat(), span: fc.integer({ min: 2, max: 40 }), seed: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), span: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), span: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('unclose' as const), at: fc.nat() }),
);
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: Edit[]): string {
  let lines = text.split('\n');
  for (const e of edits) {
    const at = e.at % Math.max(1, lines.length);
    if (e.kind === 'shuffle') {
      const part = lines.slice(at, at + e.span);
      let s = e.seed;
      for (let i = part.length - 1; i > 0; i--) {
        s = (s * 1103515245 + 12345) % 2147483648;
        const j = s % (i + 1);
        [part[i], part[j]] = [part[j]!, part[i]!];
      }
      lines.splice(at, part.length, ...part);
    } else if (e.kind === 'delete') lines.splice(at, e.span);
    else if (e.kind === 'duplicate') lines.splice(at, 0, ...lines.slice(at, at + e.span));
    else lines = lines.map((l, i) => (i % (at + 2) === 0 ? l.replace(/<\/[a-z0-9]+>/gi, '') : l));
  }
  return lines.join('\n');
}

describe('page readers on mutated real pages', () => {
  it('never throw on saved HTML', () => {
    fc.assert(
      fc.property(fc.constantFrom(...htmlPages), fc.array(editArb, { minLength: 1, maxLength: 6 }), (page, edits) => {
        const r = readPageHtml(mutate(page.text, edits), options);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('never throw on page text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...textPages), fc.array(editArb, { minLength: 1, maxLength: 6 }), (page, edits) => {
        const r = readPageText(mutate(page.text, edits), options);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('reads a page behind 5 MB of navigation without throwing, and still finds its article', () => {
    const page = htmlPages.find((p) => p.file === 'albayan-afghan-embassy.html')!;
    const nav = `<nav><ul>${'<li><a href="/section/x">قسم من أقسام الموقع</a> <span>منذ دقيقة</span></li>'.repeat(60_000)}</ul></nav>`;
    const big = page.text.replace(/<body([^>]*)>/i, `<body$1>${nav}`);
    expect(Buffer.byteLength(big)).toBeGreaterThan(5_000_000);
    const r = readPageHtml(big, options);
    expect(r.ok && r.candidate.title).toBe('القائم بأعمال السفارة الأفغانية يثمّن جهود الإمارات');
    const text = readPageText(`${'منذ دقيقة\n• قسم\n'.repeat(250_000)}${textPages[0]!.text}`, options);
    expect(typeof text.ok).toBe('boolean');
  }, 120_000);
});
