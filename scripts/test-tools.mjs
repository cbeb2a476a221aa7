// Finds the outside programs the tests use (Python with feedparser, a Chromium, an Arabic font) and, as root with apt-get, installs the missing ones.
// `npm test` runs it before vitest (scripts/test.mjs) and passes the paths found as NASHRA_PYTHON and NASHRA_CHROMIUM;
// tests/support/global-setup.ts runs it without installing when vitest is started by hand.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** A tool the tests need is absent and could not be installed here: `message` is one line naming the command to run. */
export class MissingTestToolError extends Error {
  name = 'MissingTestToolError';
}

const isExecutable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Every executable on PATH whose file name `accept`s, in PATH order, one per real file.
 * @example executablesOnPath((n) => n === 'python3') //=> ['/root/.pyenv/shims/python3', '/usr/bin/python3']
 */
function executablesOnPath(accept, env = process.env) {
  const seen = new Set();
  const found = [];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    let names;
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.filter(accept).sort()) {
      const file = path.join(dir, name);
      if (!isExecutable(file)) continue;
      let real;
      try {
        real = realpathSync(file);
      } catch {
        continue;
      }
      if (seen.has(real)) continue;
      seen.add(real);
      found.push(file);
    }
  }
  return found;
}

const runs = (file, args) => spawnSync(file, args, { stdio: 'ignore', timeout: 20_000 }).status === 0;

/**
 * The first python3 on PATH that can import `module` (a pyenv python may lack the modules Debian's python3 has), or undefined.
 * @example findPython('feedparser') //=> '/usr/bin/python3'
 */
export function findPython(module, env = process.env) {
  // A module folder without its files imports as an empty namespace package, whose __file__ is None.
  const probe = ['-c', `import sys, ${module}; sys.exit(0 if getattr(${module}, '__file__', None) else 1)`];
  if (env.NASHRA_PYTHON && runs(env.NASHRA_PYTHON, probe)) return env.NASHRA_PYTHON;
  const candidates = executablesOnPath((n) => n === 'python3' || /^python3\.\d+$/.test(n), env);
  return candidates.find((p) => runs(p, probe));
}

/**
 * A Chromium that starts: NASHRA_CHROMIUM if set, else the binary inside the `@sparticuz/chromium` package
 * (unpacked once into the temp folder), else a chromium on PATH; undefined if none starts.
 */
async function findChromium(env = process.env) {
  if (env.NASHRA_CHROMIUM) return runs(env.NASHRA_CHROMIUM, ['--version']) ? env.NASHRA_CHROMIUM : undefined;
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    const file = await packaged.executablePath();
    if (runs(file, ['--version'])) return file;
  } catch {
    // not installed, or its binary does not start here (a library missing): try the system's below
  }
  return executablesOnPath((n) => n === 'chromium' || n === 'chromium-browser', env).find((c) => runs(c, ['--version']));
}

/** True when fontconfig lists a font that covers Arabic (the screenshots the browser tests save are read by people). */
function hasArabicFont(env = process.env) {
  const fcList = executablesOnPath((n) => n === 'fc-list', env)[0];
  if (!fcList) return false;
  const r = spawnSync(fcList, [':lang=ar', 'family'], { encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 && r.stdout.trim().length > 0;
}

async function findAll(env) {
  const python = findPython('feedparser', env);
  const chromium = await findChromium(env);
  const arabicFont = hasArabicFont(env);
  const missing = [
    ...(python ? [] : [{ what: 'Python feedparser', apt: ['python3-feedparser'], otherwise: 'python3 -m pip install feedparser' }]),
    ...(chromium
      ? []
      : [{ what: 'a Chromium that starts', apt: ['chromium'], otherwise: 'set NASHRA_CHROMIUM to a Chromium or Chrome binary' }]),
    ...(arabicFont
      ? []
      : [{ what: 'a font with Arabic glyphs', apt: ['fontconfig', 'fonts-dejavu-core'], otherwise: 'install fontconfig and DejaVu Sans' }]),
  ];
  return { python, chromium, missing };
}

function aptInstall(packages, log) {
  const started = Date.now();
  log(`test tools: installing ${packages.join(' ')} with apt-get (once; about a minute)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...packages],
  ]) {
    const r = spawnSync('apt-get', args, { env, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20 });
    if (r.status !== 0) {
      log(`${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n'));
      return false;
    }
  }
  log(`test tools: installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return true;
}

/**
 * Resolves the tools; with `install`, as root with apt-get on PATH, installs what is missing first.
 * Throws MissingTestToolError (one line, naming the command) when something is still missing.
 * @example await resolveTestTools({ install: false }) //=> { python: '/usr/bin/python3', chromium: '/tmp/chromium' }
 */
export async function resolveTestTools({ install, env = process.env, log = (line) => process.stderr.write(`${line}\n`) }) {
  let found = await findAll(env);
  if (found.missing.length === 0) return { python: found.python, chromium: found.chromium };
  const packages = [...new Set(found.missing.flatMap((m) => m.apt))];
  const hasApt = executablesOnPath((n) => n === 'apt-get', env).length > 0;
  const root = process.getuid?.() === 0;
  if (install && hasApt && root && aptInstall(packages, log)) {
    found = await findAll(env);
    if (found.missing.length === 0) return { python: found.python, chromium: found.chromium };
  }
  const what = found.missing.map((m) => m.what).join(', ');
  const sudo = root ? '' : 'sudo ';
  const command = hasApt
    ? `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages.join(' ')}`
    : found.missing.map((m) => m.otherwise).join('; ');
  throw new MissingTestToolError(`npm test: missing ${what}. Run: ${command} -- then npm test again.`);
}
