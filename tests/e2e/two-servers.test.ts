// Two `nashra serve` processes on one data folder: the second is refused with the folder and the first one's PID; once the first stops (or is killed), a new one starts.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, startServeProcess, type ServeProcess } from './serve-process.ts';
import { CLI } from '../support/compiled-cli.ts';

const dirs: string[] = [];
const running: ServeProcess[] = [];
afterAll(async () => {
  for (const s of running) await s.stop('SIGKILL').catch(() => undefined);
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const configPath = path.join(REPO, 'nashra.config.json');

function serveOnce(dataDir: string) {
  return spawnSync(process.execPath, [CLI, 'serve', '--config', configPath, '--data', dataDir, '--no-samples'], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', NASHRA_TOKEN: 'two-servers-token-0123456789' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('two servers on one data folder', () => {
  it('refuses the second with the folder and the PID of the first; a server killed with -9 gives the folder up within seconds', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'nashra-two-servers-'));
    dirs.push(dataDir);
    const first = await startServeProcess({ dataDir, configPath, env: { NASHRA_TOKEN: 'two-servers-token-0123456789' } });
    running.push(first);
    const pid = first.proc.pid;
    const second = serveOnce(dataDir);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`the data folder ${dataDir} is already served by another nashra serve (PID ${pid})`);
    expect(second.stdout).not.toContain('nashra is serving');
    // The first one still serves.
    expect((await fetch(`${first.url}feeds/all.rss`)).status).toBe(200);

    // kill -9 leaves the lock behind; the next server sees its owner is gone and takes it once stale (≤ 10 s).
    first.proc.kill('SIGKILL');
    await new Promise((resolve) => first.proc.once('exit', resolve));
    const started = Date.now();
    const third = await startServeProcess({ dataDir, configPath, env: { NASHRA_TOKEN: 'two-servers-token-0123456789' } });
    running.push(third);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await fetch(`${third.url}feeds/all.rss`)).status).toBe(200);
    expect(await third.stop('SIGINT')).toBe(0);
  });
});
