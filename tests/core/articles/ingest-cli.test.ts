// The real `nashra ingest` CLI, spawned: JSON on stdout, errors on stderr with file + path + code, exit status.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../../support/compiled-cli.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const seedFile = path.resolve(repoRoot, '../shared/seed/article-ar-001.txt');
const seedExists = existsSync(seedFile);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the compiled `nashra ingest …` (killed after 60 s), feeding `stdin` when given. */
function ingest(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'ingest', '--now', '2026-11-26T12:00:00Z', ...args], {
      cwd: repoRoot,
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

// The CLI runs are started together (each pays a Node start-up) and the tests read their results.
const runs: Record<string, Run> = {};
beforeAll(async () => {
  const jobs: Record<string, Promise<Run>> = {
    several: ingest([
      'samples/articles/culture-desk.ndjson',
      'samples/articles/cairo-metro-line.txt',
      '--base-url',
      'https://nashra.example/articles/',
    ]),
    missing: ingest(['samples/articles/culture-desk.ndjson', 'no/such/file.json']),
    rejected: ingest(['tests/fixtures/json/batch-mixed.json', 'tests/fixtures/json/truncated.json', '--tz', 'UTC']),
    stdin: ingest(['-'], '{"url":"https://e.com/a","title":"عنوان","published":"الخميس 18 ديسمبر 2025"}'),
    badZone: ingest(['samples/articles/wire-briefs.json', '--tz', 'Mars/Olympus']),
    ...(seedExists && { seed: ingest([seedFile, '--tz', 'Asia/Riyadh']) }),
  };
  for (const [name, job] of Object.entries(jobs)) runs[name] = await job;
}, 120_000);

describe('nashra ingest', () => {
  it.skipIf(!seedExists)(`prints the seed's fields${seedExists ? '' : ` (skipped: ${seedFile} is absent)`}`, () => {
    const r = runs.seed!;
    // stderr names where each field was read from, and nothing else.
    expect(r.stderr.split('\n').filter((l) => l && !l.includes(': read from: '))).toEqual([]);
    expect(r.stderr).toContain('read from: published=text-line title=text-line');
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.title).toBe('لافروف في الصين.. مباحثات حول التعاون الإستراتيجي وأمن أوراسيا');
    expect(a.published.raw).toBe('الإثنين 29 أبريل / أبريل 2024');
    expect(a.published.normalized.date).toBe('2024-04-29');
    expect(a.summary.startsWith('عززت الصين وروسيا تعاونهما')).toBe(true);
    expect(a.source).toBe('وكالات');
    expect(a.captions.map((c: { credit: string }) => c.credit)).toEqual(['رويترز', 'رويترز']);
    expect(a.content).toContain('<h2>تعزيز الشراكة الأمنية في أوراسيا</h2>');
    expect(a.content).toContain('<h2>العلاقات الصينية الروسية</h2>');
  });

  it('stops with exit 2 and prints nothing (not an empty result) when a FILE is missing', () => {
    const r = runs.missing!;
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('nashra ingest: cannot read no/such/file.json: no such file');
    expect(r.stdout).toBe('');
  });

  it('prints an array for several files (NDJSON and page text)', () => {
    const r = runs.several!;
    expect(r.status).toBe(0);
    const lines = r.stderr.trim().split('\n');
    // A page says where each field came from; JSON input does not; nothing else is printed.
    expect(lines).toEqual([expect.stringMatching(/^samples\/articles\/cairo-metro-line\.txt: read from: .*published=(text-line|header)/)]);
    expect(JSON.parse(r.stdout).map((a: { url: string }) => a.url)).toEqual([
      'https://nashra.example/articles/damascus-short-film-festival',
      'https://nashra.example/articles/sharjah-children-reading',
      'https://nashra.example/articles/cairo-metro-line',
    ]);
  });

  it('exits 1 and names file, path and code on stderr when an input is rejected, still printing the valid ones', () => {
    const r = runs.rejected!;
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.map((l) => l.split(': ').slice(0, 3).join(': '))).toEqual([
      'tests/fixtures/json/batch-mixed.json: $[1].title: MISSING_FIELD',
      'tests/fixtures/json/batch-mixed.json: $[2].url: MISSING_FIELD',
      'tests/fixtures/json/batch-mixed.json: $[3].url: URL_NOT_HTTP',
      'tests/fixtures/json/batch-mixed.json: $[4].published: WEEKDAY_MISMATCH',
      'tests/fixtures/json/batch-mixed.json: $[5].published: NO_DATE',
      'tests/fixtures/json/truncated.json: $: INVALID_JSON',
    ]);
  });

  it('reads - from stdin and prints one object for one article', () => {
    const r = runs.stdin!;
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).published.normalized.date).toBe('2025-12-18');
  });

  it('rejects an unknown --tz as a usage error', () => {
    expect(runs.badZone!.status).toBe(2);
    expect(runs.badZone!.stderr).toContain('"Mars/Olympus" is not an IANA time zone');
    expect(runs.badZone!.stdout).toBe('');
  });
});
