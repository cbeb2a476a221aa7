// The local server refuses a short token (NASHRA_TOKEN or the token file) and a token file that is a symlink, before listening.
import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../bin/commands/serve.ts';

let dir: string;
let configPath: string;
const started: LocalServer[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nashra-token-'));
  configPath = path.join(dir, 'nashra.config.json');
  await writeFile(
    configPath,
    JSON.stringify({ title: 'نشرة', description: 'أخبار', baseUrl: 'https://news.example/', timeZone: 'Asia/Riyadh' }),
  );
});
afterEach(async () => {
  for (const s of started.splice(0)) await s.close();
  await rm(dir, { recursive: true, force: true });
});

/** Starts a server (closed after the test if it did start). */
async function start(dataDir: string, token?: string): Promise<LocalServer> {
  const s = await startLocalServer({ configPath, dataDir, port: 0, loadSamples: false, token, log: () => undefined });
  started.push(s);
  return s;
}

describe('local server token', () => {
  it('refuses NASHRA_TOKEN=a with a message naming the 16-character minimum', async () => {
    await expect(start(path.join(dir, 'data'), 'a')).rejects.toThrow(
      'NASHRA_TOKEN holds a token of 1 character; use at least 16 (or remove NASHRA_TOKEN to have a long one generated)',
    );
    await expect(start(path.join(dir, 'data2'), '0123456789abcde')).rejects.toThrow(/15 characters; use at least 16/);
  });

  it('refuses a token file under 16 characters instead of using it', async () => {
    const data = path.join(dir, 'data');
    await mkdir(data, { recursive: true });
    await writeFile(path.join(data, 'token'), 'short\n', { mode: 0o600 });
    await expect(start(data)).rejects.toThrow(/token holds a token of 5 characters; use at least 16/);
    expect(await readFile(path.join(data, 'token'), 'utf8')).toBe('short\n');
  });

  it('refuses a token file that is a symlink, and leaves the target and its mode alone', async () => {
    const data = path.join(dir, 'data');
    await mkdir(data, { recursive: true });
    const target = path.join(dir, 'elsewhere.txt');
    await writeFile(target, 'a-token-that-is-long-enough-1234\n');
    await chmod(target, 0o644);
    await symlink(target, path.join(data, 'token'));
    await expect(start(data)).rejects.toThrow(/is a symbolic link; nashra does not follow it/);
    expect((await stat(target)).mode & 0o777).toBe(0o644);
  });

  it('generates a long token in a new 0600 file, and reads it back on the next start', async () => {
    const data = path.join(dir, 'data');
    const first = await start(data);
    expect(first.token.length).toBeGreaterThanOrEqual(32);
    expect((await stat(path.join(data, 'token'))).mode & 0o777).toBe(0o600);
    await first.close();
    started.pop();
    expect((await start(data)).token).toBe(first.token);
  });
});
