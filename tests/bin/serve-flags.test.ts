// `nashra serve --host / --base-url`: the flag checks (exit 2 with the reason), placeholder config base URLs, and the help that lists them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPlaceholderBaseUrl, parseBaseUrlOption } from '../../bin/support/public-base-url.ts';
import { CLI } from '../support/compiled-cli.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'nashra-serve-flags-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const serve = (args: string[]) =>
  spawnSync(process.execPath, [CLI, 'serve', '--data', path.join(work, 'data'), '--port', '0', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NASHRA_TOKEN: '' },
  });

describe('parseBaseUrlOption', () => {
  it('keeps an absolute http(s) URL and its path prefix, ending in "/"', () => {
    expect(parseBaseUrlOption('https://example.org/news')).toBe('https://example.org/news/');
    expect(parseBaseUrlOption('https://example.org/news/')).toBe('https://example.org/news/');
    expect(parseBaseUrlOption('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/');
    expect(parseBaseUrlOption('https://example.org/أخبار/')).toBe('https://example.org/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/');
  });

  it.each([
    ['example.org/news', /absolute http:\/\/ or https:\/\/ URL/],
    ['/news/', /absolute http:\/\/ or https:\/\/ URL/],
    ['ftp://example.org/', /scheme ftp:/],
    ['https://user:secret@example.org/', /user name or password/],
    ['https://example.org/news/?lang=ar', /query or fragment/],
    ['https://example.org/news/#top', /query or fragment/],
  ])('rejects %s', (text, reason) => {
    expect(() => parseBaseUrlOption(text)).toThrow(reason);
  });
});

describe('isPlaceholderBaseUrl', () => {
  it.each([
    ['https://nashra.example/', true],
    ['https://news.example.com/', true],
    ['http://localhost:3000/', true],
    ['http://127.0.0.1:3000/', true],
    ['http://[::1]:3000/', true],
    ['https://site.test/', true],
    ['https://akhbar.sa/news/', false],
    ['https://example.org.sa/', false],
    ['https://feeds.examples.net/', false],
  ])('%s → %s', (url, placeholder) => {
    expect(isPlaceholderBaseUrl(url)).toBe(placeholder);
  });
});

describe('nashra serve flags, spawned', () => {
  it('a bad --base-url is a usage error: exit 2, the reason, nothing created', () => {
    const r = serve(['--base-url', 'example.org/news']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^nashra serve: the --base-url must be an absolute http:\/\/ or https:\/\/ URL, got "example\.org\/news"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(work, 'data'))).toBe(false);
  });

  it('a --host that is not an address here is a usage error: exit 2', () => {
    const r = serve(['--host', '203.0.113.7']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot listen on --host 203\.0\.113\.7/);
  });

  it('--help lists --host and --base-url with their defaults', () => {
    const r = spawnSync(process.execPath, [CLI, 'help', 'serve'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}--host +address to listen on \(default 127\.0\.0\.1/m);
    expect(r.stdout).toMatch(/^ {2}--base-url URL public URL/m);
    expect(r.stdout.split('\n')[0]).toContain('[--host 127.0.0.1]');
  });
});
