// `nashra build` when the temp folder fills up (a real 2 MiB tmpfs as TMPDIR): a clear error naming the folder, exit 2, and nothing left in it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/compiled-cli.ts';
import { articleInputsOf } from '../support/article-inputs.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'nashra-build-full-temp-'));
const smallTemp = path.join(work, 'tmp');
mkdirSync(smallTemp);

/** Why the test cannot run here, or '' when it can: it mounts a 2 MiB tmpfs, which needs root. */
function skipReason(): string {
  if (process.getuid?.() !== 0) return 'not running as root, so no tmpfs can be mounted (CI runs as root)';
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', smallTemp], { encoding: 'utf8' });
  if (r.error) return `mount could not run: ${r.error.message}`;
  if (r.status !== 0) return `mount -t tmpfs failed: ${r.stderr.trim()}`;
  return '';
}
const SKIP_REASON = skipReason();
if (SKIP_REASON) process.stderr.write(`SKIPPED full temp folder build test: ${SKIP_REASON}\n`);

afterAll(() => {
  if (!SKIP_REASON) spawnSync('umount', [smallTemp]);
  rmSync(work, { recursive: true, force: true });
});

describe('nashra build: a full temp folder', () => {
  it.skipIf(SKIP_REASON !== '')(
    'stops with a clear error and exit 2, and leaves no temporary files',
    () => {
      const dir = path.join(work, 'articles');
      mkdirSync(dir);
      // About 4 MB of articles: the build's spool outgrows the 2 MiB temp folder while it reads.
      writeFileSync(
        path.join(dir, 'export.ndjson'),
        `${articleInputsOf(2000, 0, 1000)
          .map((a) => JSON.stringify(a))
          .join('\n')}\n`,
      );
      const r = spawnSync(
        process.execPath,
        [CLI, 'build', '--articles', dir, '--out', path.join(work, 'out'), '--now', '2026-12-05T12:00:00Z'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, TMPDIR: smallTemp },
          timeout: 120_000,
        },
      );
      expect(r.stderr).toContain(`nashra build: cannot write the build's temporary files (${smallTemp}): no space left on the device`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.status).toBe(2);
      expect(readdirSync(smallTemp)).toEqual([]);
    },
    180_000,
  );
});
