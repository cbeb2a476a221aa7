// `nashra build`, spawned for real into a temp folder: feeds from valid articles, every rejected one listed, exit 1, summary line, TTY progress.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../../support/compiled-cli.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'nashra-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function build(args: string[]) {
  return spawnSync(process.execPath, [CLI, 'build', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

function articlesDir(): string {
  const dir = mkdtempSync(path.join(work, 'articles-'));
  mkdirSync(path.join(dir, 'nested/deeper'), { recursive: true });
  writeFileSync(
    path.join(dir, 'good.json'),
    JSON.stringify([
      {
        url: 'https://news.example/a/1',
        title: 'خبر أول',
        published: '2024-04-29T10:00:00+03:00',
        content: '<p>نص</p>',
        categories: ['سياسة'],
        authors: ['سارة أحمد'],
      },
      {
        url: 'https://news.example/a/2',
        title: 'خبر ثان',
        published: 'الإثنين 29 أبريل 2024',
        content: '<p>نص</p>',
        categories: ['اقتصاد'],
      },
      { title: 'بلا رابط', published: '2024-04-29' },
    ]),
  );
  writeFileSync(
    path.join(dir, 'nested/deeper/wire.ndjson'),
    `${JSON.stringify({ url: 'https://news.example/a/3', title: 'خبر ثالث', published: '2024-04-28T08:00:00Z', content: '<p>نص</p>', source: 'وكالات' })}\n{broken\n`,
  );
  writeFileSync(path.join(dir, '.hidden.json'), '{"not": "read"}');
  writeFileSync(path.join(dir, 'notes.md'), 'ignored');
  return dir;
}

describe('nashra build', () => {
  it('writes every feed × 3 formats, index.html and feed.css from the valid articles, lists each rejected one and exits 1', () => {
    const out = path.join(work, 'out-1');
    const r = build(['--articles', articlesDir(), '--out', out, '--now', '2026-11-26T12:00:00Z']);
    expect(r.status).toBe(1);
    const rejected = r.stderr.split('\n').filter((l) => l.startsWith('rejected: '));
    expect(rejected).toHaveLength(2);
    expect(rejected[0]).toMatch(/^rejected: good\.json: \$\[2\]\.url: \w+: .*url/);
    expect(rejected[1]).toMatch(/^rejected: nested\/deeper\/wire\.ndjson: \$\[1\]: \w+: /);
    const summary = r.stderr.trim().split('\n').at(-1)!;
    expect(summary).toMatch(
      /^nashra build: 3 articles read from 2 files, 2 rejected, \d+ feeds written \(\d+ documents, \d+ changed\) to .* in \d+\.\d\d s$/,
    );
    for (const p of [
      'index.html',
      'feed.css',
      'feeds/all.rss',
      'feeds/all.atom',
      'feeds/all.json',
      'feeds/category-سياسة.atom',
      'feeds/source-وكالات.json',
      'feeds/author-سارة-أحمد.rss',
    ]) {
      expect(existsSync(path.join(out, p)), p).toBe(true);
    }
    const all = JSON.parse(readFileSync(path.join(out, 'feeds/all.json'), 'utf8'));
    // a/2 is printed without a time, so it stands at 12:00 Riyadh (09:00Z), after a/1's 10:00+03:00 (07:00Z).
    expect(all.items.map((i: { url: string }) => i.url)).toEqual([
      'https://news.example/a/2',
      'https://news.example/a/1',
      'https://news.example/a/3',
    ]);
    // Not a TTY here: no progress escapes on stderr.
    expect(r.stderr).not.toContain('\x1b[');
  });

  it('rewrites nothing when run again on the same input, and exits 0 when nothing is rejected', () => {
    const dir = articlesDir();
    rmSync(path.join(dir, 'good.json'));
    writeFileSync(
      path.join(dir, 'nested/deeper/wire.ndjson'),
      `${JSON.stringify({ url: 'https://news.example/a/3', title: 'خبر', published: '2024-04-28T08:00:00Z', content: '<p>نص</p>' })}\n`,
    );
    const out = path.join(work, 'out-2');
    const first = build(['--articles', dir, '--out', out, '--now', '2026-11-26T12:00:00Z']);
    expect(first.status).toBe(0);
    const before = statSync(path.join(out, 'feeds/all.rss')).mtimeMs;
    const second = build(['--articles', dir, '--out', out, '--now', '2026-11-26T12:00:00Z']);
    expect(second.status).toBe(0);
    expect(second.stderr).toMatch(/, 0 changed\)/);
    expect(statSync(path.join(out, 'feeds/all.rss')).mtimeMs).toBe(before);
  });

  it('shows progress on a terminal (via script(1) for a pty)', () => {
    const out = path.join(work, 'out-3');
    const cmd = [process.execPath, CLI, 'build', '--articles', path.join(ROOT, 'samples/articles'), '--out', out]
      .map((a) => `'${a}'`)
      .join(' ');
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toMatch(/\r\x1b\[2Kreading files \d+\/\d+/);
    expect(r.stdout).toMatch(/\r\x1b\[2Kwriting documents \d+\/\d+/);
    expect(r.stdout).toMatch(/nashra build: \d+ articles read/);
  });

  it('fails with exit 2 and every config problem on a bad config, writing nothing', () => {
    const cfg = path.join(work, 'bad.config.json');
    writeFileSync(cfg, JSON.stringify({ title: '', baseUrl: 'ftp://x', timeZone: 'Nowhere/Land' }));
    const out = path.join(work, 'out-4');
    const r = build(['--articles', articlesDir(), '--out', out, '--config', cfg]);
    expect(r.status).toBe(2);
    for (const p of ['$.title', '$.description', '$.baseUrl', '$.timeZone']) expect(r.stderr).toContain(p);
    expect(existsSync(out)).toBe(false);
  });
});
