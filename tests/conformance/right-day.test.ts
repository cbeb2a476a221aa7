// A date printed without a time shows on its printed day in readers west and east of the publisher (rss-parser and feedparser, run under TZ=UTC and TZ=America/New_York).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArticles } from '../../lambda/core/articles/index.ts';
import { FragmentCache, renderFeedDocuments } from '../../lambda/core/feeds/index.ts';
import { createSampleConfig } from '../core/feeds/sample-articles.ts';
import { writeDocuments } from '../core/feeds/render-helpers.ts';
import { PYTHON } from '../support/feed-tools.ts';

const READER_ZONES = ['America/New_York', 'America/Sao_Paulo', 'UTC', 'Asia/Riyadh', 'Asia/Tokyo'];
const PROCESS_ZONES = ['UTC', 'America/New_York'];

/** Printed dates, each without a time, with the zone of the site that printed them. */
const PRINTED = [
  { text: 'الجمعة 17 يوليوز 2026', timeZone: 'Africa/Casablanca', day: '2026-07-17' },
  { text: 'الأحد 3 تشرين الثاني 2024', timeZone: 'Asia/Beirut', day: '2024-11-03' },
  { text: '29 أبريل 2024', timeZone: 'Asia/Riyadh', day: '2024-04-29' },
  { text: '١ جانفي ٢٠٢٥', timeZone: 'Africa/Algiers', day: '2025-01-01' },
];

const work = mkdtempSync(path.join(tmpdir(), 'nashra-right-day-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function renderFiles(): { rss: string; atom: string; json: string } {
  const body = JSON.stringify(
    PRINTED.map((p, i) => ({ url: `https://news.example/d/${i}`, title: `خبر ${i}`, published: p.text, timeZone: p.timeZone })),
  );
  const report = parseArticles(
    { body: new TextEncoder().encode(body), name: 'days.json' },
    { timeZone: 'UTC', now: new Date('2026-12-01T00:00:00Z') },
  );
  expect(report.errors).toEqual([]);
  const docs = renderFeedDocuments(
    createSampleConfig(),
    'all',
    report.articles.map((a) => a.article),
    { cache: new FragmentCache() },
  );
  const files = writeDocuments(work, docs);
  const pick = (ext: string) => files.find((f) => f.endsWith(`all.${ext}`))!;
  return { rss: pick('rss'), atom: pick('atom'), json: pick('json') };
}

/** Each item's instant as the reader parsed it, in epoch ms, by item link. */
function rssParserInstants(file: string, tz: string): Map<string, number> {
  const script = `
    const Parser = require('rss-parser');
    const fs = require('node:fs');
    new Parser().parseString(fs.readFileSync(process.argv[1], 'utf8')).then((f) => {
      process.stdout.write(JSON.stringify(f.items.map((i) => [i.link, new Date(i.isoDate ?? i.pubDate).getTime()])));
    });`;
  const r = spawnSync(process.execPath, ['-e', script, file], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return new Map(JSON.parse(r.stdout) as Array<[string, number]>);
}

function feedparserInstants(file: string, tz: string): Map<string, number> {
  const script = `
import calendar, json, sys, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps([[e.link, calendar.timegm(e.published_parsed) * 1000] for e in d.entries]))`;
  const r = spawnSync(PYTHON, ['-c', script, file], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return new Map(JSON.parse(r.stdout) as Array<[string, number]>);
}

const dayIn = (ms: number, timeZone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone }).format(ms);

describe('a date printed without a time shows on its printed day for readers within 11 hours of the publisher', () => {
  const files = renderFiles();

  for (const tz of PROCESS_ZONES) {
    it.each([
      ['rss-parser', 'rss'],
      ['rss-parser', 'atom'],
      ['feedparser', 'rss'],
      ['feedparser', 'atom'],
    ] as const)(`%s reading %s under TZ=${tz}`, (reader, format) => {
      const instants = (reader === 'rss-parser' ? rssParserInstants : feedparserInstants)(files[format], tz);
      expect(instants.size).toBe(PRINTED.length);
      const wrong: string[] = [];
      PRINTED.forEach((p, i) => {
        const ms = instants.get(`https://news.example/d/${i}`)!;
        for (const zone of READER_ZONES)
          if (dayIn(ms, zone) !== p.day) wrong.push(`${p.text} (${p.timeZone}) in ${zone}: ${dayIn(ms, zone)}`);
      });
      expect(wrong).toEqual([]);
    });
  }

  it('JSON Feed dates carry the publisher offset and the printed day', async () => {
    const { readFile } = await import('node:fs/promises');
    const json = JSON.parse(await readFile(files.json, 'utf8')) as { items: Array<{ url: string; date_published: string }> };
    const byUrl = new Map(json.items.map((i) => [i.url, i.date_published]));
    expect(byUrl.get('https://news.example/d/0')).toBe('2026-07-17T12:00:00+01:00');
    PRINTED.forEach((p, i) => {
      const printed = byUrl.get(`https://news.example/d/${i}`)!;
      expect(printed.slice(0, 10)).toBe(p.day);
      for (const zone of READER_ZONES) expect(dayIn(Date.parse(printed), zone), `${p.text} in ${zone}`).toBe(p.day);
    });
  });
});
