// `nashra build` on files over the body limit: a 7 MB JSON export of 5,000 articles is read whole (the limit is per article), and an NDJSON file cut short loses only its unfinished last line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/compiled-cli.ts';
import { articleInputsOf } from '../support/article-inputs.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'nashra-build-large-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('nashra build: any size of input', () => {
  it('stores every article of a 7 MB JSON export of 5,000, and all but the cut-short tail of a large NDJSON file', () => {
    const dir = path.join(work, 'articles');
    mkdirSync(dir);
    const exported = path.join(dir, 'export.json');
    writeFileSync(exported, JSON.stringify(articleInputsOf(5000, 0, 1100), null, 1));
    expect(statSync(exported).size).toBeGreaterThan(7_000_000);
    const lines = articleInputsOf(1000, 5000).map((a) => JSON.stringify(a));
    const nd = lines.join('\n');
    writeFileSync(path.join(dir, 'cut.ndjson'), nd.slice(0, nd.length - 30));
    expect(statSync(path.join(dir, 'cut.ndjson')).size).toBeGreaterThan(1_048_576);

    const out = path.join(work, 'out');
    const r = spawnSync(process.execPath, [CLI, 'build', '--articles', dir, '--out', out, '--now', '2026-12-05T12:00:00Z'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(r.stderr).not.toContain('TOO_LARGE');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('rejected: '))).toEqual([
      expect.stringMatching(/^rejected: cut\.ndjson: \$\[999\]: TRUNCATED: line 1000, the last, has no newline and is not complete JSON/),
    ]);
    expect(r.stderr).toMatch(/nashra build: 5999 articles read from 2 files, 1 rejected, \d+ feeds written/);
    expect(r.status).toBe(1);
    // One page per article stored, and the feed of everything counts them all.
    expect(readdirSync(path.join(out, 'articles'))).toHaveLength(5999);
    const all = JSON.parse(readFileSync(path.join(out, 'feeds/all.json'), 'utf8'));
    expect(all.items[0].url).toBe('https://news.example.sa/export/5998');
    const opml = readFileSync(path.join(out, 'feeds.opml'), 'utf8');
    expect(opml).toContain('feeds/all.rss');
  }, 300_000);
});
