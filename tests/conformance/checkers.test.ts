// The checkers are not vacuous: each one rejects a document with the defect it is there to catch.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Feed } from 'feed';
import { afterAll, describe, expect, it } from 'vitest';
import {
  atomSchemaErrors,
  feedExtractorParse,
  feedparserParse,
  jsonFeedErrors,
  rssParserParse,
  xmllintErrors,
} from '../support/feed-tools.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'nashra-checkers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};

const ATOM_HEAD =
  '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>t</title><updated>2024-01-01T00:00:00Z</updated><author><name>a</name></author>';

describe('conformance checkers catch what they are for', () => {
  it('xmllint rejects an undeclared prefix, a broken CDATA and an unescaped attribute', async () => {
    const bad = [
      file('undeclared.rss', '<rss version="2.0"><channel><item><dc:creator>x</dc:creator></item></channel></rss>'),
      file('cdata.rss', '<rss version="2.0"><channel><item><description><![CDATA[a ]]> b ]]></description></item></channel></rss>'),
      file('attr.atom', `${ATOM_HEAD}<category term="a<b"/></feed>`),
    ];
    const good = file('good.atom', `${ATOM_HEAD}</feed>`);
    const errors = await xmllintErrors([...bad, good]);
    expect([...errors.keys()].sort()).toEqual([...bad].sort());
  });

  it('xmllint --relaxng (RFC 4287 RELAX NG) rejects a category without term, a bad date, a missing id and an unknown attribute', async () => {
    const errors = await atomSchemaErrors([
      file(
        'noterm.atom',
        `${ATOM_HEAD}<entry><id>e</id><title>t</title><updated>2024-01-01T00:00:00Z</updated><category label="x"/></entry></feed>`,
      ),
      file('baddate.atom', `${ATOM_HEAD}<entry><id>e</id><title>t</title><updated>Mon, 01 Jan 2024</updated></entry></feed>`),
      file('noid.atom', `${ATOM_HEAD}<entry><title>t</title><updated>2024-01-01T00:00:00Z</updated></entry></feed>`),
      file(
        'attr2.atom',
        `${ATOM_HEAD}<entry><id>e</id><title>t</title><updated>2024-01-01T00:00:00Z</updated><link href="x" kind="y"/></entry></feed>`,
      ),
    ]);
    for (const name of ['noterm', 'baddate', 'noid', 'attr2'])
      expect(
        errors.some((e) => e.includes(`${name}.atom`)),
        name,
      ).toBe(true);
    expect(
      await atomSchemaErrors([
        file('ok.atom', `${ATOM_HEAD}<entry><id>e</id><title>t</title><updated>2024-01-01T00:00:00Z</updated></entry></feed>`),
      ]),
    ).toEqual([]);
  });

  it('feedparser sets bozo on malformed XML', () => {
    const [bad, good] = feedparserParse([
      file('bozo.rss', '<rss version="2.0"><channel><title>a & b</title></channel></rss>'),
      file(
        'fine.rss',
        '<rss version="2.0"><channel><title>a</title><item><title>x</title><pubDate>Mon, 29 Apr 2024 21:00:00 GMT</pubDate></item></channel></rss>',
      ),
    ]);
    expect(bad!.bozo).toBe(true);
    expect(good!.bozo).toBe(false);
    expect(good!.entries[0]!.published).toBe(Date.UTC(2024, 3, 29, 21) / 1000);
  });

  it("rss-parser and feed-extractor report malformed XML as an error and read a fine feed's item and instant", async () => {
    const files = [
      file('bozo2.rss', '<rss version="2.0"><channel><title>a & b</title></channel></rss>'),
      file(
        'fine2.rss',
        '<rss version="2.0"><channel><title>a</title><item><title>x</title><guid>g</guid><pubDate>Mon, 29 Apr 2024 21:00:00 GMT</pubDate></item></channel></rss>',
      ),
    ];
    for (const [bad, good] of [await rssParserParse(files), feedExtractorParse(files)]) {
      expect(bad?.error).toBeTypeOf('string');
      expect(good?.error).toBeNull();
      expect(good?.entries).toEqual([{ id: 'g', title: 'x', published: Date.UTC(2024, 3, 29, 21) / 1000 }]);
    }
  });

  it('the JSON Feed 1.1 schema rejects what feed 6.0.0 emits (version 1), bad dates, missing content and attachment types', () => {
    // If a `feed` upgrade emits valid 1.1, this fails: then the JSON head post-processing can be simplified.
    const f = new Feed({ title: 't', id: 'x', link: 'https://e.example/', author: { name: 'a' } });
    f.addItem({
      title: 'i',
      id: '1',
      link: 'https://e.example/1',
      date: new Date(Date.UTC(2024, 0, 1)),
      content: '<p>x</p>',
      author: [{ name: 'a' }],
    });
    const errors = jsonFeedErrors(JSON.parse(f.json1()));
    expect(errors).toContain('/version must be equal to constant');
    expect(jsonFeedErrors({ version: 'https://jsonfeed.org/version/1.1', title: 't', items: [], unknown_key: 1 })).not.toEqual([]);
    expect(
      jsonFeedErrors({
        version: 'https://jsonfeed.org/version/1.1',
        title: 't',
        items: [{ id: '1', content_html: 'x', date_published: '2024-01-01 00:00' }],
      }),
    ).not.toEqual([]);
    expect(jsonFeedErrors({ version: 'https://jsonfeed.org/version/1.1', title: 't', items: [{ id: '1' }] })).not.toEqual([]);
    expect(
      jsonFeedErrors({
        version: 'https://jsonfeed.org/version/1.1',
        title: 't',
        items: [{ id: '1', content_text: 'x', attachments: [{ url: 'https://e.example/a.mp3' }] }],
      }),
    ).not.toEqual([]);
    expect(
      jsonFeedErrors({
        version: 'https://jsonfeed.org/version/1.1',
        title: 't',
        _ext: { a: 1 },
        items: [{ id: '1', content_text: 'x', _x: 1 }],
      }),
    ).toEqual([]);
  });
});
