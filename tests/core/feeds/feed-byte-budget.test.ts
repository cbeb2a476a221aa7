// A feed document stays within the site's byte budget: an item over its share carries its summary and a link instead of its content.
import { describe, expect, it } from 'vitest';
import { FragmentCache, renderFeedDocuments } from '../../../lambda/core/feeds/index.ts';
import { createSampleArticle, createSampleConfig, sampleDate } from './sample-articles.ts';

const big = (i: number) =>
  createSampleArticle({
    id: `big-${i}`,
    url: `https://news.example/big/${i}`,
    summary: `ملخص المقال ${i} a < b`,
    content: `<p>${'ن'.repeat(440_000)}</p>`, // 880 KB of UTF-8
    published: sampleDate(`2024-04-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:00:00.000Z`),
  });

describe('feed byte budget', () => {
  it('36 articles of 880 KB make current feeds under the budget, each over-budget item a summary and a link', () => {
    const config = createSampleConfig({ itemLimit: 50, archivePageSize: 25, feedByteBudget: 5_000_000 });
    const articles = Array.from({ length: 36 }, (_, i) => big(i));
    const docs = renderFeedDocuments(config, 'all', articles, { cache: new FragmentCache() });
    for (const d of docs) expect(d.body.length, d.path).toBeLessThan(5_000_000);
    const atom = new TextDecoder().decode(docs.find((d) => d.path === 'feeds/all.atom')!.body);
    expect(atom).toContain('https://news.example/big/7');
    expect(atom).toContain('اقرأ النص كاملاً');
    expect(atom).toContain('&lt;p&gt;ملخص المقال 7 a &amp;lt; b&lt;/p&gt;'); // the summary as HTML text, inside escaped Atom content
    expect(atom).not.toContain('ننننننننننننننننننننننننننننننننننننننننننننننن');
  });

  it('keeps content within the share whole, and follows a configured budget', () => {
    const small = createSampleArticle({ id: 's', content: '<p>نص قصير</p>' });
    const config = createSampleConfig();
    const rss = new TextDecoder().decode(renderFeedDocuments(config, 'all', [small], { cache: new FragmentCache() })[0]!.body);
    expect(rss).toContain('<p>نص قصير</p>');
    expect(rss).not.toContain('اقرأ النص كاملاً');
    // 200,000 bytes over 20 items: 10,000 bytes each; 6,000 Arabic letters are 12,000 bytes.
    const tight = createSampleConfig({ feedByteBudget: 200_000 });
    const mid = createSampleArticle({ id: 'm', content: `<p>${'ن'.repeat(6_000)}</p>` });
    const body = new TextDecoder().decode(renderFeedDocuments(tight, 'all', [mid], { cache: new FragmentCache() })[0]!.body);
    expect(body).toContain('اقرأ النص كاملاً');
    expect(() => createSampleConfig({ feedByteBudget: 10 })).toThrow(/feedByteBudget/);
  });
});
