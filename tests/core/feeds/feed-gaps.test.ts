// Regression tests: one per known `feed` 6.0.0 gap that nashra closes, checked on the final bytes with real parsers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { feedparserParse, jingErrors, jsonFeedErrors, xmllintErrors } from '../../support/feed-tools.ts';
import { createSampleArticle, createSampleConfig, sampleDate } from './sample-articles.ts';
import { renderTexts, textOf } from './render-helpers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'nashra-gaps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function toFile(text: string, ext: string): string {
  const f = path.join(dir, `doc-${n++}.${ext}`);
  writeFileSync(f, text);
  return f;
}

describe('feed 6.0.0 gaps, closed', () => {
  it('Atom carries xml:lang from the config language (jpmonette/feed#196)', () => {
    const atom = textOf(renderTexts(createSampleConfig(), 'all', [createSampleArticle()]), 'feeds/all.atom');
    expect(atom).toMatch(/<feed [^>]*xml:lang="ar"/);
    const [parsed] = feedparserParse([toFile(atom, 'atom')]);
    expect(parsed!.language).toBe('ar');
    const fr = textOf(renderTexts(createSampleConfig({ language: 'fr' }), 'all', [createSampleArticle()]), 'feeds/all.atom');
    expect(fr).toMatch(/<feed [^>]*xml:lang="fr"/);
  });

  it('JSON Feed is version 1.1 with language, authors and attachments (#246)', () => {
    const json = JSON.parse(textOf(renderTexts(createSampleConfig(), 'all', [createSampleArticle()]), 'feeds/all.json'));
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.language).toBe('ar');
    expect(json.authors).toEqual([{ name: 'نشرة' }]);
    expect(json.author).toBeUndefined();
    const item = json.items[0];
    expect(item.authors).toEqual([{ name: 'سارة أحمد' }]);
    expect(item.author).toBeUndefined();
    expect(item.language).toBe('ar');
    expect(item.attachments).toEqual([
      { url: 'https://news.example/img/lavrov.jpg', mime_type: 'image/jpeg', title: 'لافروف ووانغ يي في بكين', size_in_bytes: 48213 },
    ]);
    expect(jsonFeedErrors(json)).toEqual([]);
  });

  it('strips XML-illegal characters, including lone surrogates, from every field', () => {
    const hostile = 'a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh\uD800i\uDC00j😀k';
    const article = createSampleArticle({
      id: `id-${hostile}`,
      title: hostile,
      summary: hostile,
      content: `<p>${hostile}</p>`,
      authors: [hostile],
      categories: [hostile],
    });
    const texts = renderTexts(createSampleConfig({ title: hostile, description: hostile }), 'all', [article]);
    const files = ['feeds/all.rss', 'feeds/all.atom'].map((p) => toFile(textOf(texts, p), p.split('.').pop()!));
    expect(xmllintErrors(files)).toEqual(new Map());
    for (const p of ['feeds/all.rss', 'feeds/all.atom', 'feeds/all.json']) {
      const t = textOf(texts, p);
      expect(t).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      expect(t).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(t).toContain('abcdefghij😀k');
    }
    const parsed = feedparserParse(files);
    for (const p of parsed) {
      expect(p.bozo).toBe(false);
      expect(p.entries[0]!.title).toBe('abcdefghij😀k');
    }
  });

  it('RSS uses dc:creator with the dc namespace declared, never a name-only <author> (#241)', () => {
    const rss = textOf(
      renderTexts(createSampleConfig(), 'all', [createSampleArticle({ authors: ['سارة أحمد', 'محمد علي'] })]),
      'feeds/all.rss',
    );
    expect(rss).not.toMatch(/<author>/);
    expect(rss).toContain('<dc:creator>سارة أحمد</dc:creator>');
    expect(rss).toContain('<dc:creator>محمد علي</dc:creator>');
    expect(rss).toMatch(/<rss [^>]*xmlns:dc="http:\/\/purl\.org\/dc\/elements\/1\.1\/"/);
    const file = toFile(rss, 'rss');
    expect(xmllintErrors([file])).toEqual(new Map());
  });

  it('Atom categories carry term (and label)', () => {
    const atom = textOf(
      renderTexts(createSampleConfig(), 'all', [createSampleArticle({ categories: ['سياسة', 'العالم'] })]),
      'feeds/all.atom',
    );
    expect(atom).toContain('<category term="سياسة" label="سياسة"/>');
    expect(atom).toContain('<category term="العالم" label="العالم"/>');
    expect(jingErrors([toFile(atom, 'atom')])).toEqual([]);
  });

  it('Atom enclosures keep their MIME type (given, or from the extension)', () => {
    const article = createSampleArticle({
      images: [
        { url: 'https://news.example/img/a.webp', type: 'image/webp', length: 10 },
        { url: 'https://news.example/img/b.PNG' },
        { url: 'https://news.example/img/c' },
      ],
    });
    const atom = textOf(renderTexts(createSampleConfig(), 'all', [article]), 'feeds/all.atom');
    expect(atom).toContain('<link rel="enclosure" type="image/webp" length="10" href="https://news.example/img/a.webp"/>');
    expect(atom).toContain('<link rel="enclosure" type="image/png" href="https://news.example/img/b.PNG"/>');
    expect(atom).toContain('<link rel="enclosure" type="application/octet-stream" href="https://news.example/img/c"/>');
    const rss = textOf(renderTexts(createSampleConfig(), 'all', [article]), 'feeds/all.rss');
    expect(rss).toContain('<enclosure url="https://news.example/img/a.webp" length="10" type="image/webp"/>');
  });

  it('declares every namespace prefix it uses (atom, dc, content, fh)', () => {
    const articles = Array.from({ length: 3 }, (_, i) =>
      createSampleArticle({ id: `p${i}`, published: sampleDate(`2024-04-0${i + 1}T00:00:00.000Z`) }),
    );
    const texts = renderTexts(createSampleConfig({ itemLimit: 2, archivePageSize: 1 }), 'all', articles);
    for (const [p, t] of texts) {
      if (p.endsWith('.json')) continue;
      const used = new Set([...t.matchAll(/<\/?([A-Za-z][\w.-]*):[\w.-]+/g)].map((m) => m[1]!));
      used.delete('xml');
      const declared = new Set([...t.matchAll(/xmlns:([\w.-]+)=/g)].map((m) => m[1]!));
      for (const prefix of used) expect(declared, `${p} uses ${prefix}:`).toContain(prefix);
    }
    const archive = textOf(texts, 'feeds/all/archive/1.rss');
    expect(archive).toContain('<fh:archive/>');
    const files = [...texts].filter(([p]) => !p.endsWith('.json')).map(([p, t]) => toFile(t, p.split('.').pop()!));
    expect(xmllintErrors(files)).toEqual(new Map());
  });

  it('escapes & < > and quotes in attribute values', () => {
    const nasty = 'R&D <b> "q" \'s\'';
    const article = createSampleArticle({
      categories: [nasty],
      images: [{ url: 'https://news.example/img/a.jpg?x=1&y=<2>', caption: nasty, type: 'image/jpeg' }],
    });
    const texts = renderTexts(createSampleConfig({ hub: 'https://hub.example/?a=1&b=2' }), 'all', [article]);
    const atom = textOf(texts, 'feeds/all.atom');
    expect(atom).toContain(`term="R&amp;D &lt;b&gt; &quot;q&quot; 's'"`);
    expect(atom).toContain('href="https://news.example/img/a.jpg?x=1&amp;y=%3C2%3E"');
    expect(atom).toContain('href="https://hub.example/?a=1&amp;b=2"');
    const files = [toFile(atom, 'atom'), toFile(textOf(texts, 'feeds/all.rss'), 'rss')];
    expect(xmllintErrors(files)).toEqual(new Map());
    expect(jingErrors([files[0]!])).toEqual([]);
  });

  it('HTML content containing "]]>" twice stays well-formed and round-trips', () => {
    const content = '<p>a ]]> b ]]> c</p><pre>x]]]]>y</pre>';
    const texts = renderTexts(createSampleConfig(), 'all', [createSampleArticle({ content })]);
    const files = ['feeds/all.rss', 'feeds/all.atom'].map((p) => toFile(textOf(texts, p), p.split('.').pop()!));
    expect(xmllintErrors(files)).toEqual(new Map());
    const check = `
import json, sys, feedparser
for f in json.load(sys.stdin):
    print(feedparser.parse(f).entries[0].content[0].value)
`;
    const r = spawnSync('/usr/bin/python3', ['-c', check], { input: JSON.stringify(files), encoding: 'utf8' });
    expect(r.status).toBe(0);
    const values = r.stdout.trim().split('\n');
    expect(values).toHaveLength(2);
    for (const v of values) expect(v).toContain('a ]]> b ]]> c</p><pre>x]]]]>y</pre>');
  });

  it('non-URL ids do not throw: guid isPermaLink="false", Atom id a urn:uuid (#254)', () => {
    const article = createSampleArticle({ id: 'aljazeera:2024/04/30 لافروف' });
    const texts = renderTexts(createSampleConfig(), 'all', [article]);
    const rss = textOf(texts, 'feeds/all.rss');
    expect(rss).toContain('<guid isPermaLink="false">aljazeera:2024/04/30 لافروف</guid>');
    const atom = textOf(texts, 'feeds/all.atom');
    const id = /<entry>[\s\S]*?<id>([^<]+)<\/id>/.exec(atom)?.[1];
    expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const again = textOf(
      renderTexts(createSampleConfig(), 'all', [createSampleArticle({ id: 'aljazeera:2024/04/30 لافروف' })]),
      'feeds/all.atom',
    );
    expect(again).toContain(`<id>${id}</id>`);
    expect(JSON.parse(textOf(texts, 'feeds/all.json')).items[0].id).toBe('aljazeera:2024/04/30 لافروف');
    const urlId = createSampleArticle({ id: 'https://news.example/a/1', url: 'https://news.example/a/1' });
    expect(textOf(renderTexts(createSampleConfig(), 'all', [urlId]), 'feeds/all.rss')).toContain(
      '<guid isPermaLink="true">https://news.example/a/1</guid>',
    );
  });

  it('feed updated/lastBuildDate is the newest item time, never the clock: same input, same bytes', () => {
    const make = () => [
      createSampleArticle({ id: 'old', published: sampleDate('2024-04-01T10:00:00.000Z') }),
      createSampleArticle({
        id: 'new',
        published: sampleDate('2024-04-02T10:00:00.000Z'),
        updated: sampleDate('2024-04-03T08:30:00.000Z'),
      }),
    ];
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
      const first = renderTexts(createSampleConfig(), 'all', make());
      vi.setSystemTime(new Date('2031-06-15T12:34:56Z'));
      const second = renderTexts(createSampleConfig(), 'all', make());
      expect([...second]).toEqual([...first]);
      expect(textOf(first, 'feeds/all.rss')).toContain('<lastBuildDate>Wed, 03 Apr 2024 08:30:00 GMT</lastBuildDate>');
      expect(textOf(first, 'feeds/all.atom')).toMatch(
        /<feed[^>]*>\s*<id>[^<]*<\/id>\s*<title>[^<]*<\/title>\s*<updated>2024-04-03T08:30:00.000Z<\/updated>/,
      );
      expect(textOf(first, 'feeds/all.atom')).not.toContain('2030');
    } finally {
      vi.useRealTimers();
    }
  });
});
