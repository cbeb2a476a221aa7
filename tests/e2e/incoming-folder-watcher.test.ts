// The incoming/ watcher on a real folder: waits for complete writes, moves files, writes errors, retries after a thrown ingest.
import { appendFile, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchIncomingFolder, type IncomingFolderWatcher } from '../../lambda/adapters/incoming-folder-watcher.ts';
import { waitFor } from '../support/wait-for.ts';

let dir: string;
let w: IncomingFolderWatcher | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('watchIncomingFolder', () => {
  it('ingests a file only once its writes have settled, then moves it to processed/', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nashra-incoming-'));
    const seen: string[] = [];
    w = watchIncomingFolder({
      dir: path.join(dir, 'incoming'),
      rejectedDir: path.join(dir, 'rejected'),
      processedDir: path.join(dir, 'processed'),
      settleMs: 400,
      pollMs: 100,
      ingest: async ({ body }) => {
        seen.push(new TextDecoder().decode(body));
        return { ok: true };
      },
    });
    await w.ready;
    const file = path.join(dir, 'incoming', 'slow.ndjson');
    await writeFile(file, '{"part":1}\n');
    for (let i = 2; i <= 4; i++) {
      await new Promise((r) => setTimeout(r, 150));
      await appendFile(file, `{"part":${i}}\n`);
    }
    await waitFor(() => existsSync(path.join(dir, 'processed', 'slow.ndjson')), 'processed/slow.ndjson');
    expect(seen).toEqual(['{"part":1}\n{"part":2}\n{"part":3}\n{"part":4}\n']);
    expect(await readdir(path.join(dir, 'incoming'))).toEqual([]);
  });

  it('moves a rejected file to rejected/ with <name>.errors.json, and retries a file whose ingest threw', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nashra-incoming-'));
    let calls = 0;
    w = watchIncomingFolder({
      dir: path.join(dir, 'incoming'),
      rejectedDir: path.join(dir, 'rejected'),
      processedDir: path.join(dir, 'processed'),
      settleMs: 100,
      pollMs: 100,
      retryMs: 200,
      ingest: async ({ name }) => {
        if (name === 'flaky.json' && calls++ === 0) throw new Error('store unavailable');
        return name.startsWith('bad') ? { ok: false, errors: [{ path: '$.title', code: 'MISSING_FIELD' }] } : { ok: true };
      },
    });
    await w.ready;
    await writeFile(path.join(dir, 'incoming', 'bad.json'), '{}');
    await writeFile(path.join(dir, 'incoming', 'flaky.json'), '{}');
    await waitFor(
      () => existsSync(path.join(dir, 'rejected', 'bad.json.errors.json')) && existsSync(path.join(dir, 'processed', 'flaky.json')),
      'rejected/bad.json.errors.json and processed/flaky.json',
    );
    const report = JSON.parse(await readFile(path.join(dir, 'rejected', 'bad.json.errors.json'), 'utf8'));
    expect(report).toMatchObject({ file: 'bad.json', errors: [{ path: '$.title', code: 'MISSING_FIELD' }] });
    expect(existsSync(path.join(dir, 'rejected', 'bad.json'))).toBe(true);
    expect(calls).toBe(2);
  });

  it('never moves a file that changed while it was read: a writer pausing longer than the settle time loses no line', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nashra-incoming-'));
    const lines = new Set<string>();
    let reads = 0;
    let release: () => void = () => undefined;
    const firstReadDone = new Promise<void>((r) => (release = r));
    w = watchIncomingFolder({
      dir: path.join(dir, 'incoming'),
      rejectedDir: path.join(dir, 'rejected'),
      processedDir: path.join(dir, 'processed'),
      settleMs: 100,
      pollMs: 50,
      ingest: async ({ body }) => {
        reads++;
        for (const l of new TextDecoder().decode(body).split('\n')) if (l) lines.add(l);
        if (reads === 1) {
          release();
          await new Promise((r) => setTimeout(r, 300)); // the writer appends while this read is being ingested
        }
        return { ok: true };
      },
    });
    await w.ready;
    const file = path.join(dir, 'incoming', 'paused.ndjson');
    await writeFile(file, '{"part":1}\n');
    await firstReadDone;
    for (let i = 2; i <= 4; i++) await appendFile(file, `{"part":${i}}\n`);
    await waitFor(() => existsSync(path.join(dir, 'processed', 'paused.ndjson')), 'processed/paused.ndjson');
    expect([...lines].sort()).toEqual(['{"part":1}', '{"part":2}', '{"part":3}', '{"part":4}']);
    expect(await readFile(path.join(dir, 'processed', 'paused.ndjson'), 'utf8')).toBe('{"part":1}\n{"part":2}\n{"part":3}\n{"part":4}\n');
    expect(reads).toBeGreaterThanOrEqual(2);
  });

  it('leaves name.partial alone however long it is still, and takes the file once renamed', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nashra-incoming-'));
    const names: string[] = [];
    w = watchIncomingFolder({
      dir: path.join(dir, 'incoming'),
      rejectedDir: path.join(dir, 'rejected'),
      processedDir: path.join(dir, 'processed'),
      settleMs: 50,
      pollMs: 50,
      ingest: async ({ name }) => {
        names.push(name);
        return { ok: true };
      },
    });
    await w.ready;
    const partial = path.join(dir, 'incoming', 'wire.ndjson.partial');
    await writeFile(partial, '{"part":1}\n');
    await new Promise((r) => setTimeout(r, 400));
    expect(names).toEqual([]);
    await rename(partial, path.join(dir, 'incoming', 'wire.ndjson'));
    await waitFor(() => existsSync(path.join(dir, 'processed', 'wire.ndjson')), 'processed/wire.ndjson');
    expect(names).toEqual(['wire.ndjson']);
  });

  it('moves a file over the size limit, and one whose ingest keeps throwing, to rejected/ with the reason', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nashra-incoming-'));
    const ingested: string[] = [];
    w = watchIncomingFolder({
      dir: path.join(dir, 'incoming'),
      rejectedDir: path.join(dir, 'rejected'),
      processedDir: path.join(dir, 'processed'),
      settleMs: 50,
      pollMs: 50,
      retryMs: 50,
      maxAttempts: 3,
      maxFileBytes: 1000,
      ingest: async ({ name }) => {
        ingested.push(name);
        if (name === 'broken.json') throw new Error('EACCES: permission denied');
        return { ok: true };
      },
    });
    await w.ready;
    await writeFile(path.join(dir, 'incoming', 'huge.ndjson'), 'x'.repeat(1001));
    await writeFile(path.join(dir, 'incoming', 'broken.json'), '{}');
    await waitFor(
      () =>
        existsSync(path.join(dir, 'rejected', 'huge.ndjson.errors.json')) &&
        existsSync(path.join(dir, 'rejected', 'broken.json.errors.json')),
      'the errors of huge.ndjson and broken.json',
    );
    const huge = JSON.parse(await readFile(path.join(dir, 'rejected', 'huge.ndjson.errors.json'), 'utf8'));
    expect(huge.errors[0]).toMatchObject({ code: 'TOO_LARGE' });
    expect(huge.errors[0].message).toContain('1001 bytes');
    const broken = JSON.parse(await readFile(path.join(dir, 'rejected', 'broken.json.errors.json'), 'utf8'));
    expect(broken.errors[0]).toMatchObject({ code: 'UNREADABLE' });
    expect(broken.errors[0].message).toContain('after 3 tries: EACCES');
    expect(ingested.filter((n) => n === 'huge.ndjson')).toEqual([]);
    expect(ingested.filter((n) => n === 'broken.json')).toHaveLength(3);
    expect(await readdir(path.join(dir, 'incoming'))).toEqual([]);
  });
});
