// The incoming/ watcher on a real folder: waits for complete writes, moves files, writes errors, retries after a thrown ingest.
import { appendFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchIncomingFolder, type IncomingFolderWatcher } from '../../lambda/adapters/incoming-folder-watcher.ts';

let dir: string;
let w: IncomingFolderWatcher | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

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
    await until(() => existsSync(path.join(dir, 'processed', 'slow.ndjson')));
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
    await until(
      () => existsSync(path.join(dir, 'rejected', 'bad.json.errors.json')) && existsSync(path.join(dir, 'processed', 'flaky.json')),
    );
    const report = JSON.parse(await readFile(path.join(dir, 'rejected', 'bad.json.errors.json'), 'utf8'));
    expect(report).toMatchObject({ file: 'bad.json', errors: [{ path: '$.title', code: 'MISSING_FIELD' }] });
    expect(existsSync(path.join(dir, 'rejected', 'bad.json'))).toBe(true);
    expect(calls).toBe(2);
  });
});
