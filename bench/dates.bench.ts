// Bench: normalizeArabicDate strings/second over ≥1,000 realistic date lines vs Python dateparser on the same strings (same run), accuracy of both, and cold import time.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { civilDateOf, dayNumberOf, formatIsoDate, weekdayOf } from '../lambda/core/dates/civil-days.ts';
import { MAGHREB_MONTHS, MASHRIQ_MONTHS, MOROCCO_MONTHS, SYRIAC_MONTHS } from '../lambda/core/dates/month-tables.ts';
import { WEEKDAY_NAMES } from '../lambda/core/dates/weekdays.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOW = new Date('2024-04-30T12:00:00Z');
const TZ = 'Asia/Riyadh';
const PYTHON = '/usr/bin/python3';

/** Deterministic pseudo-random numbers, so every run measures the same strings. */
let seed = 1445;
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)] as T;
const arab = (s: string): string => s.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)] as string);
const pad = (n: number): string => String(n).padStart(2, '0');

/** A mixed set of date lines in the shapes news sites print, each with the date it denotes. */
function realisticStrings(): Array<{ text: string; expected: string }> {
  const out: Array<{ text: string; expected: string }> = [];
  const tables = [MASHRIQ_MONTHS, SYRIAC_MONTHS, MAGHREB_MONTHS, MOROCCO_MONTHS];
  const prefixes = ['', 'نشر في: ', 'آخر تحديث: ', 'بتاريخ ', 'تاريخ النشر: ', 'القاهرة - ', 'بقلم: أحمد علي | '];
  const hijriFormat = new Intl.DateTimeFormat('ar-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  const start = dayNumberOf(2019, 1, 1);
  for (let i = 0; i < 1200; i++) {
    const n = start + rand(2200);
    const { year, month, day } = civilDateOf(n);
    const expected = formatIsoDate({ year, month, day });
    const weekday = WEEKDAY_NAMES[weekdayOf(n)];
    const time = `${pad(1 + rand(12))}:${pad(rand(60))} ${pick(['ص', 'م', 'صباحاً', 'مساءً'])}`;
    const digits = rand(3) === 0 ? arab : (s: string) => s;
    const kind = i % 10;
    let text: string;
    if (kind <= 4) {
      const name = pick(pick(tables)[month - 1] as readonly string[]);
      text = pick([
        `${weekday} ${day} ${name} ${year}`,
        `${weekday}، ${day} ${name} ${year} - ${time}`,
        `${day} ${name} ${year}`,
        `${day} ${name}، ${year} ${time}`,
      ]);
    } else if (kind === 5) {
      text = pick([`${pad(day)}/${pad(month)}/${year}`, `${day}/${month}/${year} - ${time}`, `${year}-${pad(month)}-${pad(day)}`]);
    } else if (kind === 6) {
      text = `${weekday} ${hijriFormat.format(n * 86_400_000 + 43_200_000)}`;
    } else if (kind === 7) {
      const h = hijriFormat.format(n * 86_400_000 + 43_200_000);
      text = `${weekday} ${h} الموافق ${day} ${pick(MASHRIQ_MONTHS[month - 1] as readonly string[])} ${year} م`;
    } else if (kind === 8) {
      text = `${year}-${pad(month)}-${pad(day)}T${pad(rand(24))}:${pad(rand(60))}:00+03:00`;
    } else {
      const rel = pick([
        ['منذ ساعتين', '2024-04-30'], ['منذ 5 دقائق', '2024-04-30'], ['منذ أربع ساعات', '2024-04-30'], ['أمس', '2024-04-29'],
        ['أول أمس', '2024-04-28'], ['منذ يومين', '2024-04-28'], ['منذ أسبوعين', '2024-04-16'], ['منذ 3 أيام', '2024-04-27'],
      ] as const);
      out.push({ text: rel[0], expected: rel[1] });
      continue;
    }
    out.push({ text: `${pick(prefixes)}${digits(text)}`, expected });
  }
  return out;
}

type Normalize = typeof import('../lambda/core/dates/index.ts').normalizeArabicDate;

function measureNashra(normalizeArabicDate: Normalize, strings: string[]): { perSecond: number; results: Array<string | null> } {
  const results = strings.map((s) => {
    const r = normalizeArabicDate(s, { timeZone: TZ, now: NOW });
    return r.ok ? r.date : null;
  });
  const rounds = 30;
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < rounds; k++) for (const s of strings) normalizeArabicDate(s, { timeZone: TZ, now: NOW });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { perSecond: (rounds * strings.length) / seconds, results };
}

const PY = `
import json, sys, time, datetime, dateparser
strings = json.load(open(sys.argv[1], encoding='utf-8'))
settings = {'RELATIVE_BASE': datetime.datetime(2024, 4, 30, 15, 0)}
dateparser.parse('29 أبريل 2024', languages=['ar'], settings=settings)  # warm-up: loads language data
out = []
t0 = time.perf_counter()
for s in strings:
    out.append(dateparser.parse(s, languages=['ar'], settings=settings))
elapsed = time.perf_counter() - t0
print(json.dumps({'seconds': elapsed, 'dates': [d.strftime('%Y-%m-%d') if d else None for d in out]}))
`;

function measureDateparser(strings: string[], dir: string): { perSecond: number; results: Array<string | null> } | null {
  const file = path.join(dir, 'strings.json');
  writeFileSync(file, JSON.stringify(strings));
  const r = spawnSync(PYTHON, ['-c', PY, file], { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    process.stdout.write(`dateparser unavailable: ${r.stderr.split('\n').filter(Boolean).pop() ?? r.error?.message}\n`);
    return null;
  }
  const { seconds, dates } = JSON.parse(r.stdout) as { seconds: number; dates: Array<string | null> };
  return { perSecond: strings.length / seconds, results: dates };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function timeNode(args: string[], runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    execFileSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

/** The date module bundled by esbuild, as a Lambda ships it. */
async function bundleDates(dir: string): Promise<string> {
  const bundle = path.join(dir, 'dates.mjs');
  await build({ entryPoints: [path.join(root, 'lambda/core/dates/index.ts')], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: bundle, logLevel: 'silent' });
  return bundle;
}

async function measureColdStart(bundle: string): Promise<void> {
  const bare = timeNode(['-e', '0']);
  const load = timeNode(['--input-type=module', '-e', `await import(${JSON.stringify(bundle)})`]);
  const first = timeNode(['--input-type=module', '-e', `const m = await import(${JSON.stringify(bundle)}); m.normalizeArabicDate('الجمعة 1 ذو الحجة 1445 هـ الموافق 7 يونيو 2024 م', { timeZone: 'Asia/Riyadh', now: new Date(0) });`]);
  process.stdout.write(
    `cold start (median of 7, esbuild bundle as deployed): node -e 0 ${bare.toFixed(1)} ms; import lambda/core/dates ${load.toFixed(1)} ms ` +
      `(+${(load - bare).toFixed(1)} ms); import + first Hijri/Gregorian call ${first.toFixed(1)} ms (+${(first - bare).toFixed(1)} ms)\n`,
  );
}

const cases = realisticStrings();
const strings = cases.map((c) => c.text);
const dir = mkdtempSync(path.join(tmpdir(), 'nashra-dates-bench-'));
try {
  const bundle = await bundleDates(dir);
  const { normalizeArabicDate } = (await import(bundle)) as { normalizeArabicDate: Normalize };
  const nashra = measureNashra(normalizeArabicDate, strings);
  const right = (results: Array<string | null>): number => results.filter((r, i) => r === cases[i]!.expected).length;
  process.stdout.write(`strings: ${strings.length} (named months in 4 naming systems, numeric, Hijri, Hijri+Gregorian, ISO, relative; ASCII and Arabic-Indic digits)\n`);
  process.stdout.write(`nashra (esbuild bundle, as deployed): ${Math.round(nashra.perSecond).toLocaleString('en')} strings/s; correct ${right(nashra.results)}/${strings.length}\n`);
  const py = measureDateparser(strings, dir);
  if (py) {
    process.stdout.write(`dateparser: ${Math.round(py.perSecond).toLocaleString('en')} strings/s; correct ${right(py.results)}/${strings.length} (dateparser.parse(s, languages=['ar']), parse loop only)\n`);
    process.stdout.write(`ratio: nashra is ${(nashra.perSecond / py.perSecond).toFixed(0)}x dateparser (bar: >= 100x)\n`);
  }
  await measureColdStart(bundle);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
