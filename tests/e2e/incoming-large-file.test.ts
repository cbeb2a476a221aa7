// A 7 MB JSON export of 5,000 articles dropped into incoming/: streamed, stored in batches through the real site service, every article stored, the file moved to processed/.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileArticleStore } from '../../lambda/adapters/file-article-store.ts';
import { watchIncomingFolder, type IncomingFolderWatcher } from '../../lambda/adapters/incoming-folder-watcher.ts';
import { createSiteService } from '../../lambda/core/site/site-service.ts';
import { articleInputsOf } from '../support/article-inputs.ts';
import { createSampleConfig } from '../core/feeds/sample-articles.ts';
import { waitFor } from '../support/wait-for.ts';

let dir: string;
let w: IncomingFolderWatcher | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('incoming/: files over the body limit', () => {
  it('stores every article of a 7 MB JSON export of 5,000 in batches of at most 1 MiB, and moves it to processed/', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nashra-incoming-large-'));
    const clock = () => new Date('2026-12-05T12:00:00Z');
    const store = new FileArticleStore({ directory: path.join(dir, 'data'), clock, durable: false });
    const site = createSiteService({ store, config: createSampleConfig({ itemLimit: 50, archivePageSize: 50 }), clock });
    const batches: number[] = [];
    const events: Array<{ kind: string; detail: unknown }> = [];
    w = watchIncomingFolder({
      dir: path.join(dir, 'incoming'),
      rejectedDir: path.join(dir, 'rejected'),
      processedDir: path.join(dir, 'processed'),
      settleMs: 100,
      pollMs: 100,
      // The local server's callback (bin/commands/serve.ts): the whole site service, rendering included.
      async ingest({ name, body }) {
        batches.push(body.byteLength);
        const r = await site.ingest({ body, name });
        return r.errors.length > 0 ? { ok: false, errors: r.errors, omittedErrors: r.omittedErrors } : { ok: true, detail: r };
      },
      onEvent: (e) => events.push(e),
    });
    await w.ready;
    const staged = path.join(dir, 'incoming', 'export.json.partial');
    await writeFile(staged, JSON.stringify(articleInputsOf(5000, 0, 1100), null, 1));
    expect((await stat(staged)).size).toBeGreaterThan(7_000_000);
    await rename(staged, path.join(dir, 'incoming', 'export.json'));
    await waitFor(
      () => existsSync(path.join(dir, 'processed', 'export.json')) || existsSync(path.join(dir, 'rejected', 'export.json')),
      'export.json in processed/ or rejected/',
      240_000,
      100,
    );

    expect(existsSync(path.join(dir, 'rejected', 'export.json.errors.json'))).toBe(false);
    expect(await store.size()).toBe(5000);
    expect(await store.countFeed('all')).toBe(5000);
    expect(batches.length).toBeGreaterThan(7);
    expect(Math.max(...batches)).toBeLessThanOrEqual(1024 * 1024);
    const done = events.find((e) => e.kind === 'ingested')?.detail as {
      batches: number;
      results: Array<{ index: number; status: string }>;
    };
    expect(done.batches).toBe(batches.length);
    expect(done.results.map((r) => r.index)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(new Set(done.results.map((r) => r.status))).toEqual(new Set(['created']));
    expect(site.getDocument('feeds/all.json')).toBeDefined();
    expect(await readdir(path.join(dir, 'incoming'))).toEqual([]);
  }, 300_000);

  it('rejects a large NDJSON file with each bad line at its place in the file, after storing the good ones', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nashra-incoming-large-'));
    const clock = () => new Date('2026-12-05T12:00:00Z');
    const store = new FileArticleStore({ directory: path.join(dir, 'data'), clock, durable: false });
    const site = createSiteService({ store, config: createSampleConfig(), clock });
    w = watchIncomingFolder({
      dir: path.join(dir, 'incoming'),
      rejectedDir: path.join(dir, 'rejected'),
      processedDir: path.join(dir, 'processed'),
      settleMs: 100,
      pollMs: 100,
      maxBatchBytes: 64 * 1024,
      async ingest({ name, body }) {
        const r = await site.ingest({ body, name }, { render: false });
        return r.errors.length > 0 ? { ok: false, errors: r.errors, omittedErrors: r.omittedErrors } : { ok: true, detail: r };
      },
    });
    await w.ready;
    const lines = articleInputsOf(300).map((a) => JSON.stringify(a));
    lines[123] = JSON.stringify({ ...articleInputsOf(1, 123)[0], published: 'قريبا' });
    lines[250] = '{"url": "https://e.com/x", "title": ';
    await writeFile(path.join(dir, 'incoming', 'wire.ndjson'), `${lines.join('\n')}\n`);
    await waitFor(
      () => existsSync(path.join(dir, 'rejected', 'wire.ndjson.errors.json')),
      'rejected/wire.ndjson.errors.json',
      120_000,
      100,
    );
    const report = JSON.parse(await readFile(path.join(dir, 'rejected', 'wire.ndjson.errors.json'), 'utf8'));
    expect(report.errors.map((e: { path: string; code: string }) => e.path.slice(0, 7))).toEqual(['$[123].', '$[250]']);
    expect(report.errors[1]).toMatchObject({
      code: 'INVALID_JSON',
      name: 'wire.ndjson',
      message: expect.stringMatching(/^line 251 is not valid JSON/),
    });
    expect(await store.size()).toBe(298);
  }, 180_000);
});
