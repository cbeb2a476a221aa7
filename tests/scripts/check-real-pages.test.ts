// The real-page fixtures stay consistent: every page has an expected entry and a source row, and its expected title and lede occur in it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRealPages, REAL_PAGES_DIR } from '../../scripts/check-real-pages.ts';

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyOfFixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'real-pages-'));
  scratch.push(dir);
  for (const file of readdirSync(REAL_PAGES_DIR)) copyFileSync(join(REAL_PAGES_DIR, file), join(dir, file));
  return dir;
}

describe('checkRealPages', () => {
  it('finds no problem in the committed fixtures, which hold at least 30 pages, a third of them HTML, from 15 sites', () => {
    const report = checkRealPages(REAL_PAGES_DIR);
    expect(report.problems).toEqual([]);
    expect(report.pages).toBeGreaterThanOrEqual(30);
    expect(report.html * 3).toBeGreaterThanOrEqual(report.pages);
    expect(report.sites).toBeGreaterThanOrEqual(15);
  });

  it('names a page that has no SOURCES.md row and an expected lede that is not in its page', () => {
    const dir = copyOfFixtures();
    const sources = readFileSync(join(dir, 'SOURCES.md'), 'utf8');
    writeFileSync(
      join(dir, 'SOURCES.md'),
      sources
        .split('\n')
        .filter((line) => !line.startsWith('| hespress-ait-hsain-village.txt'))
        .join('\n'),
    );
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, { lede: string }>;
    const entry = expected['alyaum-tehran-zadeh.html'];
    if (!entry) throw new Error('fixture alyaum-tehran-zadeh.html is missing from expected.json');
    entry.lede = 'نص لا يظهر في الصفحة';
    writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected));

    const { problems } = checkRealPages(dir);
    expect(problems).toContain('hespress-ait-hsain-village.txt: no row in SOURCES.md');
    expect(problems).toContain('alyaum-tehran-zadeh.html: the expected lede does not occur in the page');
  });

  it('rejects a published date that is not a calendar day and a zone that does not exist', () => {
    const dir = copyOfFixtures();
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, { published: unknown }>;
    const entry = expected['youm7-irrigation-groundwater.html'];
    if (!entry) throw new Error('fixture youm7-irrigation-groundwater.html is missing from expected.json');
    entry.published = { date: '2020-02-30', time: '25:00', tz: 'Africa/Kairo' };
    writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected));

    const { problems } = checkRealPages(dir);
    expect(problems).toContain("youm7-irrigation-groundwater.html: published.date '2020-02-30' is not a calendar date YYYY-MM-DD");
    expect(problems).toContain("youm7-irrigation-groundwater.html: published.time '25:00' must be HH:MM (24 h) or null");
    expect(problems).toContain("youm7-irrigation-groundwater.html: published.tz 'Africa/Kairo' is not an IANA zone");
  });
});
