// Capped error reports outside HTTP: the incoming/ folder's rejected/<name>.errors.json and `nashra ingest` on stderr.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../bin/commands/serve.ts';
import { CLI } from '../support/compiled-cli.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** 2,000 NDJSON lines of `{}`: 6,000 errors (url, title, published missing in each). */
const EMPTY_LINES = `${Array(2000).fill('{}').join('\n')}\n`;

let dir: string;
let server: LocalServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nashra-reports-'));
  const configPath = path.join(dir, 'nashra.config.json');
  await writeFile(
    configPath,
    JSON.stringify({ title: 'نشرة', description: 'أخبار', baseUrl: 'https://news.example/', timeZone: 'Asia/Riyadh' }),
  );
  server = await startLocalServer({
    configPath,
    dataDir: path.join(dir, 'data'),
    port: 0,
    loadSamples: false,
    token: 'reports-test-token-0123456789',
    log: () => undefined,
  });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Polls for a file for at most 20 s. */
async function waitForFile(file: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${file} did not appear within 20 s`);
}

describe('capped error reports outside HTTP', () => {
  it('incoming/: rejected/<name>.errors.json lists the first 100 errors and counts the rest', async () => {
    const incoming = path.join(dir, 'data', 'incoming');
    await mkdir(incoming, { recursive: true });
    await writeFile(path.join(incoming, 'empty.ndjson.partial'), EMPTY_LINES);
    await rename(path.join(incoming, 'empty.ndjson.partial'), path.join(incoming, 'empty.ndjson'));
    const text = await waitForFile(path.join(dir, 'data', 'rejected', 'empty.ndjson.errors.json'));
    expect(text.length).toBeLessThan(64 * 1024);
    const report = JSON.parse(text);
    expect(report.errors).toHaveLength(100);
    expect(report.omittedErrors).toBe(6000 - 100);
  });

  it('nashra ingest prints 100 errors and one line counting the rest', async () => {
    const file = path.join(dir, 'empty.ndjson');
    await writeFile(file, EMPTY_LINES);
    const run = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'ingest', '--now', '2026-12-05T12:00:00Z', file], {
        cwd: repoRoot,
        timeout: 60_000,
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.stdout.resume();
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stderr }));
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(101);
    expect(lines[0]).toBe(`${file}: $[0].url: MISSING_FIELD: url is missing`);
    expect(lines[100]).toBe(`${file}: 5900 more errors were found and not listed`);
  });
});
