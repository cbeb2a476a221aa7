// The compiled `nashra` command line, spawned for real: --version, help, "did you mean", exit codes, init in an empty folder, clear file errors, the serve banner's curl line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../../lambda/core/config/index.ts';
import { startServeProcess } from '../e2e/serve-process.ts';
import { CLI } from '../support/compiled-cli.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = realpathSync(mkdtempSync(path.join(tmpdir(), 'nashra-cli-')));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function nashra(args: string[], options: { cwd?: string; input?: string } = {}) {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NASHRA_TOKEN: '' },
  });
}

const COMMANDS = ['serve', 'build', 'ingest', 'dates', 'init', 'help'];

describe('nashra --version and help', () => {
  it('prints the package version', () => {
    const r = nashra(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`nashra ${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  it('lists every command with "help" and --help (exit 0), and on stderr with exit 2 when no command is given', () => {
    for (const args of [['help'], ['--help']]) {
      const r = nashra(args);
      expect(r.status).toBe(0);
      for (const name of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
      expect(r.stdout).toContain('exit status:');
    }
    const bare = nashra([]);
    expect(bare.status).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('usage: nashra <command>');
  });

  it.each(COMMANDS.filter((c) => c !== 'help'))('"help %s" and "<command> --help" print the same usage, with the exit codes', (name) => {
    const viaHelp = nashra(['help', name]);
    const viaFlag = nashra([name, '--help']);
    expect(viaHelp.status).toBe(0);
    expect(viaFlag.status).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaHelp.stdout.startsWith(`usage: nashra ${name}`)).toBe(true);
    expect(viaHelp.stdout).toMatch(/exit status:\n {2}0 {2}ok\n {2}1 {2}some input was rejected.*\n {2}2 {2}usage or config error/);
  });
});

describe('did you mean', () => {
  it.each([
    ['biuld', 'build'],
    ['serv', 'serve'],
    ['dtaes', 'dates'],
    ['ingset', 'ingest'],
  ])('suggests "%s" → "%s" and exits 2', (typed, meant) => {
    const r = nashra([typed]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`nashra: unknown command "${typed}" (did you mean "${meant}"?)`);
  });

  it('suggests nothing for a name far from every command', () => {
    const r = nashra(['deploy']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('nashra: unknown command "deploy"');
  });

  it.each([
    [['build', '--otu', 'x'], 'nashra build: unknown option --otu (did you mean --out?)'],
    [['dates', '--tzz', 'UTC'], 'nashra dates: unknown option --tzz (did you mean --tz?)'],
    [['serve', '--prot', '0'], 'nashra serve: unknown option --prot (did you mean --port?)'],
    [['ingest', '--base-ulr', 'x', 'a.json'], 'nashra ingest: unknown option --base-ulr (did you mean --base-url?)'],
    [['init', '--forse'], 'nashra init: unknown option --forse (did you mean --force?)'],
    [['--verison'], 'nashra: unknown option --verison (did you mean --version?); options come after the command'],
  ])('a mistyped option %j exits 2 with a suggestion', (args, line) => {
    const r = nashra(args);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(line);
    expect(r.stdout).toBe('');
  });

  it('names an option given without its value', () => {
    const r = nashra(['dates', '--tz']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('nashra dates: --tz needs a value');
  });
});

describe('file errors are their own error, never an empty result or a stack trace', () => {
  it('a missing --config: "cannot read nope.json: no such file", exit 2, for build and serve alike', () => {
    const articles = mkdtempSync(path.join(work, 'articles-'));
    const build = nashra(['build', '--articles', articles, '--out', path.join(work, 'never'), '--config', 'nope.json']);
    expect(build.status).toBe(2);
    expect(build.stderr).toMatch(/^nashra build: cannot read nope\.json: no such file/);
    expect(existsSync(path.join(work, 'never'))).toBe(false);
    const serve = nashra(['serve', '--config', 'nope.json', '--data', path.join(work, 'never-data'), '--port', '0']);
    expect(serve.status).toBe(2);
    expect(serve.stderr).toMatch(/^nashra serve: cannot read nope\.json: no such file/);
    expect(serve.stderr).not.toMatch(/\n\s+at /);
  });

  it('a config that is not JSON names the file and the parse error, exit 2', () => {
    const bad = path.join(work, 'broken.json');
    writeFileSync(bad, '{"title": ');
    const r = nashra(['build', '--articles', work, '--out', path.join(work, 'never'), '--config', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`nashra build: ${bad} is not valid JSON:`);
  });

  it('a missing --articles folder is named, exit 2', () => {
    const r = nashra(['build', '--articles', 'no-such-folder', '--out', path.join(work, 'never')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('nashra build: cannot read no-such-folder: no such folder\n');
  });

  it('build --out pointing at a file (or under one) is a clear error before anything is read', () => {
    const file = path.join(work, 'out.txt');
    writeFileSync(file, 'not a folder');
    const r = nashra(['build', '--articles', path.join(ROOT, 'samples/articles'), '--out', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`nashra build: --out ${file} is a file, not a folder\n`);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
    const under = nashra(['build', '--articles', path.join(ROOT, 'samples/articles'), '--out', path.join(file, 'site')]);
    expect(under.status).toBe(2);
    expect(under.stderr).toBe(`nashra build: --out ${path.join(file, 'site')}: ${file} is a file, not a folder\n`);
  });

  it('ingest of a folder says so, exit 2', () => {
    const r = nashra(['ingest', 'samples']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('nashra ingest: cannot read samples: is a folder, not a file\n');
    expect(r.stdout).toBe('');
  });
});

describe('nashra init, then build and serve from an empty folder outside the clone', () => {
  const here = path.join(work, 'my-site');
  mkdirSync(here);

  it('writes a commented nashra.config.json that the config reader accepts, and refuses to overwrite it', () => {
    const r = nashra(['init', '--title', 'أخبار الحي', '--tz', 'Africa/Cairo'], { cwd: here });
    expect(r.status, r.stderr).toBe(0);
    const file = path.join(here, 'nashra.config.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(Array.isArray(json['//'])).toBe(true);
    expect(json['//'].join('\n')).toContain('timeZone');
    // The $schema path is relative to this folder and leads to the schema that ships with nashra.
    const schema = JSON.parse(readFileSync(path.resolve(here, json.$schema), 'utf8'));
    expect(Object.keys(schema.properties)).toContain('//');
    const config = parseSiteConfig(json);
    expect(config).toMatchObject({ title: 'أخبار الحي', timeZone: 'Africa/Cairo', baseUrl: 'http://localhost:3000/' });
    expect(config).not.toHaveProperty('//');

    const again = nashra(['init'], { cwd: here });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('nashra.config.json already exists here');
    expect(JSON.parse(readFileSync(file, 'utf8')).title).toBe('أخبار الحي');
  });

  it('build runs there with the written config and no --config', () => {
    const articles = path.join(here, 'articles');
    mkdirSync(articles);
    writeFileSync(
      path.join(articles, 'one.json'),
      JSON.stringify({ url: 'https://news.example/a/1', title: 'خبر', published: '2024-04-29T10:00:00+03:00', content: '<p>نص</p>' }),
    );
    const r = nashra(['build', '--articles', 'articles', '--out', 'site'], { cwd: here });
    expect(r.status, r.stderr).toBe(0);
    const rss = readFileSync(path.join(here, 'site/feeds/all.rss'), 'utf8');
    expect(rss).toContain('<title>أخبار الحي</title>');
    expect(rss).toContain('https://news.example/a/1');
  });

  it("serve runs there with its defaults, and the banner's curl line works as printed", async () => {
    const server = await startServeProcess({ cwd: here });
    try {
      expect(existsSync(path.join(here, '.nashra/token'))).toBe(true);
      const line = /ingest:\s+(curl .*)/.exec(server.output())?.[1] ?? '';
      expect(line).toMatch(/^curl /);
      // Replay the printed command word by word (quoted words kept whole), as a shell would.
      const words = [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
      const [curl, dashX, method, url = '', ...options] = words;
      expect([curl, dashX, method]).toEqual(['curl', '-X', 'POST']);
      const headers: Record<string, string> = {};
      let body: Uint8Array<ArrayBuffer> | undefined;
      for (let i = 0; i < options.length; i += 2) {
        const [flag, value = ''] = [options[i], options[i + 1]];
        if (flag === '-H') {
          const colon = value.indexOf(':');
          headers[value.slice(0, colon).trim()] = value.slice(colon + 1).trim();
        } else if (flag === '--data-binary' && value.startsWith('@')) {
          body = new Uint8Array(readFileSync(path.resolve(here, value.slice(1))));
        } else throw new Error(`unexpected word in the curl line: ${flag}`);
      }
      expect(body?.byteLength).toBeGreaterThan(0);
      expect(headers['Content-Type']).toBe('application/json');
      const response = await fetch(url, { method: 'POST', headers, ...(body && { body }) });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      const report = (await response.json()) as { results: Array<{ status: string }> };
      expect(report.results.length).toBeGreaterThan(0);
    } finally {
      expect(await server.stop('SIGINT')).toBe(0);
    }
  });
});
