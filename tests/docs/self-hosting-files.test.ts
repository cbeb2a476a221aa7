// The self-hosting examples in docs/self-hosting/ cannot drift: the systemd unit's ExecStart uses only flags `nashra serve --help` lists, its data folder is its StateDirectory, and the hardening the docs promise is there.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/compiled-cli.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (name: string) => readFileSync(path.join(ROOT, 'docs/self-hosting', name), 'utf8');

/** The unit's `[Section]` → key → values (a key may repeat); comments and blank lines dropped. */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(\w+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      continue;
    }
    const kv = /^(\w+)=(.*)$/.exec(line);
    if (!kv || !current) throw new Error(`not a unit line: ${line}`);
    current.set(kv[1]!, [...(current.get(kv[1]!) ?? []), kv[2]!]);
  }
  return sections;
}

/** Long options of `nashra serve --help`. */
function serveFlags(): Set<string> {
  const r = spawnSync(process.execPath, [CLI, 'serve', '--help'], { encoding: 'utf8', timeout: 30_000 });
  expect(r.status).toBe(0);
  return new Set([...r.stdout.matchAll(/^ {2}(--[\w-]+)/gm)].map((m) => m[1]!));
}

describe('docs/self-hosting/nashra.service', () => {
  const unit = parseUnit(read('nashra.service'));
  const service = unit.get('Service')!;
  const one = (key: string) => {
    expect(service.get(key), key).toHaveLength(1);
    return service.get(key)![0]!;
  };

  it('ExecStart runs `nashra serve` with flags its --help lists, each given a value where it takes one', () => {
    const argv = one('ExecStart').split(/\s+/);
    const serveAt = argv.indexOf('serve');
    expect(argv[0]).toBe('/usr/bin/node');
    expect(argv[1]).toMatch(/\/dist\/nashra\.mjs$/);
    expect(serveAt).toBe(2);
    const known = serveFlags();
    const flags = argv.slice(serveAt + 1).filter((a) => a.startsWith('--'));
    expect(flags.length).toBeGreaterThan(3);
    for (const flag of flags) expect(known, `${flag} is not in nashra serve --help`).toContain(flag);
    const value = (flag: string) => argv[argv.indexOf(flag) + 1];
    expect(value('--host')).toBe('127.0.0.1');
    expect(value('--port')).toMatch(/^\d+$/);
    expect(new URL(value('--base-url')!).pathname).toBe('/news/');
    // The data folder is the StateDirectory systemd creates and hands to the service's user.
    expect(value('--data')).toBe(`/var/lib/${one('StateDirectory')}`);
  });

  it('runs unprivileged, restarts on failure, reads the token from an EnvironmentFile (never the command line)', () => {
    expect(service.get('DynamicUser')?.[0] === 'yes' || service.has('User')).toBe(true);
    expect(one('Restart')).toBe('on-failure');
    expect(one('EnvironmentFile')).toMatch(/^-?\/etc\/nashra\//);
    expect(one('ExecStart')).not.toMatch(/NASHRA_TOKEN|token/i);
    expect(one('KillSignal')).toBe('SIGTERM');
    for (const key of ['NoNewPrivileges', 'ProtectHome', 'PrivateTmp', 'PrivateDevices', 'RestrictSUIDSGID'])
      expect(one(key), key).toBe('yes');
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('CapabilityBoundingSet')).toBe('');
    // V8's JIT writes executable memory: this one must stay off.
    expect(service.has('MemoryDenyWriteExecute')).toBe(false);
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['multi-user.target']);
  });

  it('passes `systemd-analyze verify` where systemd is installed', () => {
    const probe = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (probe.error) return; // No systemd on this machine: the parse above is the check.
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', path.join(ROOT, 'docs/self-hosting/nashra.service')], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.stderr.trim()).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('docs/self-hosting/nginx.conf and Caddyfile', () => {
  it('nginx: the /news/ location strips the prefix, forwards the X-Forwarded headers and leaves compression to nashra', () => {
    const conf = read('nginx.conf');
    const location = /location \/news\/ \{([\s\S]*?)\n {4}\}/.exec(conf)?.[1] ?? '';
    expect(location).toMatch(/^\s*proxy_pass http:\/\/nashra\/;/m);
    expect(conf).toMatch(/upstream nashra \{\s*server 127\.0\.0\.1:3000;/);
    for (const h of ['Host', 'X-Forwarded-For', 'X-Forwarded-Proto', 'X-Forwarded-Host'])
      expect(location).toContain(`proxy_set_header ${h} `);
    expect(location).toMatch(/^\s*gzip off;/m);
    // The port nashra listens on is the one the unit starts it with.
    expect(read('nashra.service')).toMatch(/--port 3000\b/);
  });

  it('Caddy: handle_path strips /news like the nginx location, to the same port', () => {
    expect(read('Caddyfile')).toMatch(/handle_path \/news\/\* \{\s*reverse_proxy 127\.0\.0\.1:3000\s*\}/);
  });
});
