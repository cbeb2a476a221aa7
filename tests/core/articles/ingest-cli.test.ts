// The real `nashra ingest` CLI, spawned: JSON on stdout, errors on stderr with file + path + code, exit status.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const seedFile = path.resolve(repoRoot, '../shared/seed/article-ar-001.txt');
const seedExists = existsSync(seedFile);

function ingest(args: string[], stdin?: string) {
  const r = spawnSync(process.execPath, ['bin/nashra.mjs', 'ingest', '--now', '2026-11-26T12:00:00Z', ...args], {
    cwd: repoRoot,
    input: stdin,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('nashra ingest', () => {
  it.skipIf(!seedExists)(`prints the seed's fields${seedExists ? '' : ` (skipped: ${seedFile} is absent)`}`, () => {
    const r = ingest([seedFile, '--tz', 'Asia/Riyadh']);
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.title).toBe('لافروف في الصين.. مباحثات حول التعاون الإستراتيجي وأمن أوراسيا');
    expect(a.published.normalized.date).toBe('2024-04-29');
    expect(a.source).toBe('وكالات');
    expect(a.captions.map((c: { credit: string }) => c.credit)).toEqual(['رويترز', 'رويترز']);
  });

  it('prints an array for several files and reads NDJSON and page text', () => {
    const r = ingest(['samples/articles/culture-desk.ndjson', 'samples/articles/cairo-metro-line.txt', '--base-url', 'https://nashra.example/articles/']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.map((a: { url: string }) => a.url)).toEqual([
      'https://nashra.example/articles/damascus-short-film-festival',
      'https://nashra.example/articles/sharjah-children-reading',
      'https://nashra.example/articles/cairo-metro-line',
    ]);
  });

  it('exits 1 and names file, path and code on stderr when an input is rejected, still printing the valid ones', () => {
    const r = ingest(['tests/fixtures/json/batch-mixed.json', '--tz', 'UTC']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
    expect(r.stderr).toContain('tests/fixtures/json/batch-mixed.json: $[3].url: URL_NOT_HTTP:');
    expect(r.stderr).toContain('tests/fixtures/json/batch-mixed.json: $[4].published: WEEKDAY_MISMATCH:');
    expect(r.stderr.trim().split('\n')).toHaveLength(5);
  });

  it('reads - from stdin and reports invalid JSON at $', () => {
    const ok = ingest(['-'], '{"url":"https://e.com/a","title":"عنوان","published":"الخميس 18 ديسمبر 2025"}');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).published.normalized.date).toBe('2025-12-18');
    const bad = ingest(['-'], '{"url": ');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^<stdin>: \$: INVALID_JSON: /);
  });

  it('reports an unreadable file and a usage error', () => {
    const r = ingest(['no/such/file.json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no/such/file.json: cannot read: ENOENT');
    expect(ingest([]).status).toBe(2);
    const zone = ingest(['samples/articles/wire-briefs.json', '--tz', 'Mars/Olympus']);
    expect(zone.status).toBe(2);
    expect(zone.stderr).toContain('"Mars/Olympus" is not an IANA time zone');
  });
});
