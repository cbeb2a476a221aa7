// Every real page fixture (saved HTML and page text from Arabic news sites) through the reader: title, published date and time, lede.
import { describe, expect, it } from 'vitest';
import { loadExpected, realPageFiles, scoreRealPage, type PageScore } from './support/read-real-pages.ts';

const expected = loadExpected();
const files = realPageFiles();
const scores: PageScore[] = [];

describe('real Arabic news pages', () => {
  it('has an expected entry for every fixture, from at least 15 sites', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.filter((f) => !expected[f])).toEqual([]);
    expect(new Set(files.map((f) => expected[f]!.site)).size).toBeGreaterThanOrEqual(15);
  });

  it.each(files)('%s: never a wrong published date, and a page without one is refused', async (file) => {
    const score = await scoreRealPage(file, expected[file]!);
    scores.push(score);
    // A wrong date is worse than no date: refusals (and a right day without its clock) are allowed, a wrong day never.
    expect(score.date, JSON.stringify(score.got)).not.toBe(false);
    if (expected[file]!.published === null) expect(score.got.errors.length, 'the page shows no article date').toBeGreaterThan(0);
  });

  it('gets title, published date and lede right on at least 95% of pages', () => {
    expect(scores).toHaveLength(files.length);
    const right = scores.filter((s) => s.title && s.date === true && s.lede);
    const refused = scores.filter((s) => s.date === 'refused').length;
    const noTime = scores.filter((s) => s.date === 'no-time').length;
    const accuracy = right.length / scores.length;
    console.log(
      `real pages: ${right.length}/${scores.length} right on title + date + lede (${(accuracy * 100).toFixed(1)}%); ` +
        `titles ${scores.filter((s) => s.title).length}, dates ${scores.filter((s) => s.date === true).length}, ledes ${scores.filter((s) => s.lede).length}; ` +
        `${refused} refused, ${noTime} right day without its clock, ${scores.filter((s) => s.date === false).length} wrong dates`,
    );
    for (const s of scores.filter((x) => !(x.title && x.date === true && x.lede))) {
      console.log(`  not right: ${s.file} title=${s.title} date=${s.date} lede=${s.lede} ${JSON.stringify(s.got)}`);
    }
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
