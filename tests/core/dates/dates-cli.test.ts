// The real `nashra dates` CLI, spawned: one JSON object per stdin line, streamed, with the exact contract.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeArabicDate } from '../../../lambda/core/dates/index.ts';
import { CLI } from '../../support/compiled-cli.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const cli = CLI;

describe('nashra dates', () => {
  it('prints the seed line as 2024-04-29, one JSON object per input line, with "input"; exit 1 as two lines are refused', () => {
    const input = ['الإثنين 29 أبريل / أبريل 2024', 'منذ ساعتين', '', '31 فبراير 2024'].join('\n');
    const r = spawnSync(process.execPath, [cli, 'dates', '--now', '2024-04-30T12:00:00Z'], {
      input,
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({
      input: 'الإثنين 29 أبريل / أبريل 2024',
      ok: true,
      date: '2024-04-29',
      instant: null,
      precision: 'day',
      calendar: 'gregorian',
      system: 'mashriq',
    });
    expect(lines[1]).toMatchObject({ input: 'منذ ساعتين', ok: true, instant: '2024-04-30T10:00:00.000Z' });
    expect(lines[2]).toMatchObject({ input: '', ok: false, error: { code: 'EMPTY' } });
    expect(lines[3]).toMatchObject({ ok: false, error: { code: 'INVALID_DAY' } });
  });

  it('exits 0 when every line is read, and answers a last line without a newline', () => {
    const r = spawnSync(process.execPath, [cli, 'dates', '--now', '2024-04-30T12:00:00Z'], {
      input: 'أمس\n٢٠٢٤/٠٣/٠٧',
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).date),
    ).toEqual(['2024-04-29', '2024-03-07']);
  });

  it('answers 20,000 lines across many read blocks in order, each line once (lines split between blocks)', () => {
    const days = Array.from({ length: 20_000 }, (_, i) => new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
    const input = days.map((d) => `نشر في ${d.split('-').reverse().join('/')} - 10:00 ص\r`).join('\n');
    const r = spawnSync(process.execPath, [cli, 'dates', '--tz', 'UTC', '--order', 'dmy', '--now', '2060-01-01T00:00:00Z'], {
      input,
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.date)).toEqual(days);
    expect(out[0].input).toBe('نشر في 01/01/2000 - 10:00 ص');
  });

  it('answers a large file across read blocks: every line, in order, refused lines included, exit status 1', () => {
    // ≈ 1.3 MB: two read blocks (1 MiB, then the rest), so lines are cut at a block edge; refused lines spread over both.
    const days = Array.from({ length: 30_000 }, (_, i) => new Date(Date.UTC(1990, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
    const lines = days.map((d, i) =>
      i % 997 === 0 ? `${d.slice(0, 4)} فبراير 31` : `الموافق ${d.split('-').reverse().join('/')} - 10:00 ص`,
    );
    // From a file, as `nashra dates < lines.txt` reads it: blocks of 1 MiB (a pipe gives at most what it holds, 64 KiB).
    const dir = mkdtempSync(path.join(tmpdir(), 'nashra-dates-large-'));
    const file = path.join(dir, 'lines.txt');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const run = () => {
      const fd = openSync(file, 'r');
      try {
        return spawnSync(process.execPath, [cli, 'dates', '--tz', 'UTC', '--order', 'dmy', '--now', '2080-01-01T00:00:00Z'], {
          stdio: [fd, 'pipe', 'pipe'],
          cwd: root,
          encoding: 'utf8',
          timeout: 120_000,
          maxBuffer: 64 * 1024 * 1024,
        });
      } finally {
        closeSync(fd);
      }
    };
    const r = run();
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(1);
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(lines.length);
    expect(out.map((o) => o.input)).toEqual(lines);
    expect(out[1].date).toBe(days[1]);
    expect(out[29_999].date).toBe(days[29_999]);
    expect(out.filter((o) => o.ok === false).map((o) => o.error.code)).toEqual(Array(31).fill('INVALID_DAY'));
  });

  it('prints each line byte for byte as JSON.stringify of the input and of the result would, for every kind of result', () => {
    // One line per shape of result (Gregorian, Hijri, both, ISO, relative, a year taken from now, a month, refusals
    // whose messages quote the text), and inputs JSON must escape (quotes, a backslash, a tab, a control character).
    const lines = [
      'الإثنين 29 أبريل 2024 10:30 م',
      'الأربعاء 12 محرم 1444 هـ - 02:38 ص',
      'الإثنين 26 ربيع الأول 1443 هـ الموافق 1 نوفمبر 2021 م',
      'نشر في: 2020-07-30T15:56:00+03:00',
      '2018-05',
      'منذ 3 ساعات و45 دقيقة',
      'أمس',
      '29 أبريل',
      'أبريل 2023',
      '31 فبراير 2024',
      '04/05/2021',
      'بتوقيت طوكيو 10:00 29 أبريل 2024',
      'قال "29 أبريل 2024"',
      '29 أبريل 2024 \\ 10:00',
      '29\tأبريل 2024',
      '29 أبريل 2024\u0001',
      'لا تاريخ هنا',
    ];
    const now = '2024-04-30T12:00:00Z';
    const r = spawnSync(process.execPath, [cli, 'dates', '--tz', 'Asia/Riyadh', '--now', now], {
      input: `${lines.join('\n')}\n`,
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    const expected = lines.map((input) => {
      const result = normalizeArabicDate(input, { timeZone: 'Asia/Riyadh', now: new Date(now) });
      return `{"input":${JSON.stringify(input)},${JSON.stringify(result).slice(1)}`;
    });
    expect(r.stdout.trimEnd().split('\n')).toEqual(expected);
    const kinds = expected.map((line) => JSON.parse(line) as { ok: boolean; calendar?: string; yearInferred?: true; hijri?: string });
    // The lines above do cover both kinds of result and the optional fields.
    expect(kinds.some((k) => !k.ok) && kinds.some((k) => k.yearInferred) && kinds.some((k) => k.hijri)).toBe(true);
    expect(new Set(kinds.map((k) => k.calendar)).size).toBeGreaterThanOrEqual(5);
  });

  it('reads the wall time in --tz', () => {
    const r = spawnSync(process.execPath, [cli, 'dates', '--tz', 'Africa/Cairo'], {
      input: '10 يناير 2024 10:00\r\n',
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(JSON.parse(r.stdout)).toMatchObject({ input: '10 يناير 2024 10:00', instant: '2024-01-10T08:00:00.000Z' });
  });

  it('refuses an unknown --tz or --now with exit code 2', () => {
    const a = spawnSync(process.execPath, [cli, 'dates', '--tz', 'Mars/Olympus'], {
      input: '',
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('Mars/Olympus');
    const b = spawnSync(process.execPath, [cli, 'dates', '--now', 'yesterday'], {
      input: '',
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(b.status).toBe(2);
  });

  it('streams: answers a line before stdin closes', async () => {
    const child = spawn(process.execPath, [cli, 'dates'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdout.setEncoding('utf8');
    const first = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no output within 20 s')), 20_000);
      child.stdout.once('data', (chunk: string) => {
        clearTimeout(timer);
        resolve(chunk);
      });
      child.stdin.write('27/3/2024\n');
    });
    expect(JSON.parse(first.split('\n')[0] as string)).toMatchObject({ input: '27/3/2024', date: '2024-03-27' });
    child.stdin.end();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
  });
});
