// `nashra build`, spawned, over a folder of real saved HTML pages with broken ones among them: every good page is in the feed, each broken one is named.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../../support/compiled-cli.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/real-pages');
const work = mkdtempSync(path.join(tmpdir(), 'nashra-html-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('nashra build over .html files', () => {
  it('builds every good page and names each broken one, exiting 1', () => {
    const dir = path.join(work, 'articles');
    const out = path.join(work, 'site');
    mkdirSync(dir, { recursive: true });
    for (const f of ['albayan-afghan-embassy.html', 'sputnik-arabic-egypt-covid.html', 'cnnarabic-syria-missiles.html']) {
      copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
    }
    writeFileSync(
      path.join(dir, 'mojibake.htm'),
      Uint8Array.from([0x3c, 0x68, 0x31, 0x3e, 0xc7, 0xe1, 0xe3, 0x3c, 0x2f, 0x68, 0x31, 0x3e]),
    );
    const r = spawnSync(process.execPath, [CLI, 'build', '--articles', dir, '--out', out, '--now', '2026-12-05T12:00:00Z'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/rejected: mojibake\.htm: \$: INVALID_ENCODING: /);
    expect(r.stderr).toMatch(/rejected: cnnarabic-syria-missiles\.html: \$\.published: NO_PUBLISHED_DATE: /);
    expect(r.stderr).toMatch(/nashra build: 2 articles read from 4 files/);
    const feed = readFileSync(path.join(out, 'feeds/all.rss'), 'utf8');
    expect(feed).toContain('القائم بأعمال السفارة الأفغانية يثمّن جهود الإمارات');
    expect(feed).toContain('مصر تسجل 30 إصابة جديدة وحالتي وفاة بفيروس كورونا');
  });
});
