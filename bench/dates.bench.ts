// Bench: normalizeArabicDate strings/second over ≥1,000 realistic date lines vs Python dateparser on the same strings (same run), accuracy of both, cold import time,
// and `nashra dates` through the compiled CLI (process start included) on 100,000 lines vs dateparser on the same lines.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildCli, CLI_ENTRY, isCliStale } from '../scripts/build-cli.mjs';
import { realisticStrings } from '../scripts/dates-bench-strings.ts';
import { findPython } from '../scripts/test-tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOW = new Date('2024-04-30T12:00:00Z');
const TZ = 'Asia/Riyadh';
/** The first python3 on PATH with dateparser (Debian: apt-get install python3-dateparser); the bench says so when there is none. */
const PYTHON = findPython('dateparser');
const DATEPARSER_INSTALL = 'apt-get install -y python3-dateparser';
/** Lines of the CLI measurement (DATES_CLI_LINES to change it). */
const CLI_LINES = Number(process.env.DATES_CLI_LINES ?? 100_000);
/** The strings imitate day-first Arabic sites, so the site's numeric order is given (as a site config would). */
const OPTIONS = { timeZone: TZ, now: NOW, order: 'dmy' as const };

type Normalize = typeof import('../lambda/core/dates/index.ts').normalizeArabicDate;

const WARM_UP_PASSES = 30;
const PASSES = 50;

/**
 * Throughput by CPU time (process.cpuUsage, all threads, so GC counts against us) over 50 passes,
 * plus the best wall-clock pass. CPU time is the fair figure on a shared, overloaded machine:
 * time spent descheduled is not the parser's. The 30 untimed warm-up passes let V8 finish
 * optimizing first: with 5, passes 5–12 still ran TurboFan on background threads (CPU above wall
 * time), so the CPU figure measured the JIT rather than the parser. CPython has no JIT, so one
 * warm-up pass is its steady state.
 */
function measureNashra(
  normalizeArabicDate: Normalize,
  strings: string[],
): { cpuPerSecond: number; bestWallPerSecond: number; results: Array<string | null> } {
  const results = strings.map((s) => {
    const r = normalizeArabicDate(s, OPTIONS);
    return r.ok ? r.date : null;
  });
  for (let k = 0; k < WARM_UP_PASSES; k++) for (const s of strings) normalizeArabicDate(s, OPTIONS); // JIT warm-up
  const passes = PASSES;
  let bestWall = Number.POSITIVE_INFINITY;
  const cpu0 = process.cpuUsage();
  for (let k = 0; k < passes; k++) {
    const t0 = process.hrtime.bigint();
    for (const s of strings) normalizeArabicDate(s, OPTIONS);
    bestWall = Math.min(bestWall, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { cpuPerSecond: (passes * strings.length) / cpuSeconds, bestWallPerSecond: strings.length / bestWall, results };
}

const PY = `
import json, sys, time, datetime, dateparser
strings = json.load(open(sys.argv[1], encoding='utf-8'))
settings = {'RELATIVE_BASE': datetime.datetime(2024, 4, 30, 15, 0)}
warm = int(sys.argv[3]) if len(sys.argv) > 3 else len(strings)
for s in strings[:warm]:  # warm-up, untimed (nashra gets 30 passes: V8 must finish its JIT; CPython has none)
    dateparser.parse(s, languages=['ar'], settings=settings)
passes = int(sys.argv[2])
best_wall = None
cpu0 = time.process_time()
for _ in range(passes):
    out = []
    t0 = time.perf_counter()
    for s in strings:
        out.append(dateparser.parse(s, languages=['ar'], settings=settings))
    wall = time.perf_counter() - t0
    best_wall = wall if best_wall is None else min(best_wall, wall)
cpu = time.process_time() - cpu0
print(json.dumps({'cpu': cpu / passes, 'wall': best_wall, 'dates': [d.strftime('%Y-%m-%d') if d else None for d in out]}))
`;
import { childCpuMs } from './support/child-process.ts';

function measureDateparser(
  python: string,
  strings: string[],
  dir: string,
  passes = 3,
  warmUpStrings = strings.length,
): { cpuPerSecond: number; bestWallPerSecond: number; results: Array<string | null> } | null {
  if (!PYTHON) {
    process.stdout.write('dateparser unavailable: no python3 on PATH imports dateparser (apt-get install python3-dateparser)\n');
    return null;
  }
  const file = path.join(dir, 'strings.json');
  writeFileSync(file, JSON.stringify(strings));
  const r = spawnSync(python, ['-c', PY, file, String(passes), String(warmUpStrings)], {
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    process.stdout.write(`dateparser failed: ${r.stderr.split('\n').filter(Boolean).pop() ?? r.error?.message}\n`);
    return null;
  }
  const { cpu, wall, dates } = JSON.parse(r.stdout) as { cpu: number; wall: number; dates: Array<string | null> };
  return { cpuPerSecond: strings.length / cpu, bestWallPerSecond: strings.length / wall, results: dates };
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
  await build({
    entryPoints: [path.join(root, 'lambda/core/dates/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile: bundle,
    logLevel: 'silent',
  });
  return bundle;
}

async function measureColdStart(bundle: string): Promise<void> {
  const bare = timeNode(['-e', '0']);
  const load = timeNode(['--input-type=module', '-e', `await import(${JSON.stringify(bundle)})`]);
  const first = timeNode([
    '--input-type=module',
    '-e',
    `const m = await import(${JSON.stringify(bundle)}); m.normalizeArabicDate('الجمعة 1 ذو الحجة 1445 هـ الموافق 7 يونيو 2024 م', { timeZone: 'Asia/Riyadh', now: new Date(0) });`,
  ]);
  process.stdout.write(
    `cold start (median of 7, esbuild bundle as deployed): node -e 0 ${bare.toFixed(1)} ms; import lambda/core/dates ${load.toFixed(1)} ms ` +
      `(+${(load - bare).toFixed(1)} ms); import + first Hijri/Gregorian call ${first.toFixed(1)} ms (+${(first - bare).toFixed(1)} ms)\n`,
  );
}

/**
 * One run of the compiled CLI, as a user runs it: `nashra dates < lines.txt > out.ndjson`, process start included.
 * Returns its wall and CPU time (all its threads) and the dates it printed.
 */
function runCli(
  linesFile: string,
  outFile: string,
  args = [CLI_ENTRY, 'dates', '--tz', TZ, '--now', NOW.toISOString(), '--order', 'dmy'],
): { wallMs: number; cpuMs: number | undefined; dates: Array<string | null> } {
  const input = openSync(linesFile, 'r');
  const output = openSync(outFile, 'w');
  try {
    const cpu0 = childCpuMs();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: [input, output, 'pipe'], timeout: 600_000 });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu1 = childCpuMs();
    // Exit 1 is expected when some lines are refused (their object says so).
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    const text = readFileSync(outFile, 'utf8').trimEnd();
    const dates = text === '' ? [] : text.split('\n').map((line) => (JSON.parse(line) as { date?: string }).date ?? null);
    return { wallMs, cpuMs: cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined, dates };
  } finally {
    closeSync(input);
    closeSync(output);
  }
}

type CliRun = ReturnType<typeof runCli>;

/**
 * The floor of any `nashra dates` written for node: the same start, the same block reads of stdin and one write per
 * block as bin/commands/dates.ts, and each line echoed as `{"input":…}` (fewer bytes than a real answer), with no
 * date read at all. No CLI on this node can beat its ratio to dateparser, so the bench prints it beside the real one.
 */
const IO_FLOOR = [
  '--input-type=module',
  '-e',
  `import { readSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
const input = Buffer.allocUnsafe(1 << 20);
const decoder = new StringDecoder('utf8');
const echo = (lines) => {
  let out = '';
  for (const line of lines) out += '{"input":' + JSON.stringify(line) + '}\\n';
  const bytes = Buffer.from(out);
  for (let at = 0; at < bytes.length; ) at += writeSync(1, bytes, at);
};
let rest = '';
for (;;) {
  const n = readSync(0, input, 0, input.length, null);
  if (n === 0) break;
  const lines = (rest + decoder.write(input.subarray(0, n))).split('\\n');
  rest = lines.pop();
  echo(lines);
}
if (rest !== '') echo([rest]);`,
];

/** The median of three runs by CPU time (wall when CPU is unknown), and the median wall time. */
function medianRun(runs: CliRun[]): { run: CliRun; wallMs: number } {
  const byCpu = [...runs].sort((a, b) => (a.cpuMs ?? a.wallMs) - (b.cpuMs ?? b.wallMs));
  return { run: byCpu[1] as CliRun, wallMs: [...runs].map((r) => r.wallMs).sort((a, b) => a - b)[1] as number };
}

/** `nashra dates` through the compiled CLI on CLI_LINES lines, interleaved with dateparser (one pass) on the same lines. */
async function measureCliAgainstDateparser(python: string | undefined, dir: string): Promise<void> {
  if (isCliStale()) await buildCli();
  const lineCases = realisticStrings(CLI_LINES, { varied: true });
  const lines = lineCases.map((c) => c.text);
  const distinct = new Set(lines).size;
  const linesFile = path.join(dir, 'lines.txt');
  writeFileSync(linesFile, `${lines.join('\n')}\n`);
  const outFile = path.join(dir, 'out.ndjson');
  const fmt = (n: number): string => Math.round(n).toLocaleString('en');
  const right = (dates: Array<string | null>): number => dates.filter((d, i) => d === lineCases[i]?.expected).length;
  process.stdout.write(
    `\nnashra dates through the CLI (${path.relative(root, CLI_ENTRY)}, process start included) on ${fmt(lines.length)} lines, ` +
      `${fmt(Buffer.byteLength(readFileSync(linesFile)))} bytes, ${fmt(distinct)} distinct (${((100 * distinct) / lines.length).toFixed(1)}%); ` +
      'dateparser on the same lines in the same run\n',
  );
  // Process start alone: the same command on an empty stdin.
  const emptyFile = path.join(dir, 'empty.txt');
  writeFileSync(emptyFile, '');
  const start = medianRun([runCli(emptyFile, outFile), runCli(emptyFile, outFile), runCli(emptyFile, outFile)]);
  process.stdout.write(
    `  process start alone (nashra dates on an empty stdin, median of 3): ${start.run.cpuMs !== undefined ? `${fmt(start.run.cpuMs)} ms CPU, ` : ''}` +
      `${fmt(start.wallMs)} ms wall\n`,
  );
  // Interleaved: the CLI, dateparser, then the CLI twice more; the CLI keeps its median run.
  const one = [runCli(linesFile, outFile)];
  let py: ReturnType<typeof measureDateparser> = null;
  if (python) {
    process.stdout.write(`  dateparser: one pass over ${fmt(lines.length)} lines (a minute or more)…\n`);
    py = measureDateparser(python, lines, dir, 1, 1200);
  }
  one.push(runCli(linesFile, outFile));
  const floor = [runCli(linesFile, outFile, IO_FLOOR)];
  one.push(runCli(linesFile, outFile));
  floor.push(runCli(linesFile, outFile, IO_FLOOR), runCli(linesFile, outFile, IO_FLOOR));
  const figures = [
    { label: 'nashra dates (CLI)', reads: true, ...medianRun(one) },
    { label: 'floor (node start, the same reads and writes, each line echoed as JSON, no date read)', reads: false, ...medianRun(floor) },
  ].map(({ label, reads, run, wallMs }) => {
    if (run.dates.length !== lines.length) throw new Error(`the CLI printed ${run.dates.length} lines for ${lines.length}`);
    const cpuRate = run.cpuMs ? lines.length / (run.cpuMs / 1000) : undefined;
    const wallRate = lines.length / (wallMs / 1000);
    process.stdout.write(
      `  ${label}, median of 3 runs: ${cpuRate ? `${fmt(cpuRate)} lines per CPU-second (${fmt(run.cpuMs ?? 0)} ms CPU); ` : ''}` +
        `${fmt(wallRate)} lines/s wall (${fmt(wallMs)} ms)${reads ? `; correct ${fmt(right(run.dates))}/${fmt(lines.length)}` : ''}\n`,
    );
    return { label, reads, cpuRate, wallRate };
  });
  if (!python) {
    process.stdout.write(`  dateparser is not installed: the CLI ratio to dateparser is skipped. Install it with: ${DATEPARSER_INSTALL}\n`);
    return;
  }
  if (!py) return;
  process.stdout.write(
    `  dateparser (dateparser.parse(s, languages=['ar']), one pass after 1,200 warm-up lines; start-up, import and warm-up not counted): ` +
      `${fmt(py.cpuPerSecond)} lines per CPU-second; ${fmt(py.bestWallPerSecond)} lines/s wall; correct ${fmt(right(py.results))}/${fmt(lines.length)}\n`,
  );
  for (const { label, reads, cpuRate, wallRate } of figures) {
    process.stdout.write(
      `  ratio: ${label} / dateparser = ${cpuRate ? `${(cpuRate / py.cpuPerSecond).toFixed(0)}x by CPU time, ` : ''}` +
        `${(wallRate / py.bestWallPerSecond).toFixed(0)}x by wall-clock ${reads ? '(target: >= 150x)' : '(no CLI on this node and machine can do better)'}\n`,
    );
  }
}

const cases = realisticStrings();
const strings = cases.map((c) => c.text);
const dir = mkdtempSync(path.join(tmpdir(), 'nashra-dates-bench-'));
try {
  const bundle = await bundleDates(dir);
  const { normalizeArabicDate } = (await import(bundle)) as { normalizeArabicDate: Normalize };
  // Interleaved: nashra, dateparser, nashra again; nashra keeps its slower CPU figure (conservative).
  const first = measureNashra(normalizeArabicDate, strings);
  const right = (results: Array<string | null>): number => results.filter((r, i) => r === cases[i]!.expected).length;
  const fmt = (n: number): string => Math.round(n).toLocaleString('en');
  process.stdout.write(
    `strings: ${strings.length} (named months in 4 naming systems, numeric, Hijri, Hijri+Gregorian, ISO, relative; ASCII and Arabic-Indic digits)\n`,
  );
  const python = PYTHON;
  if (!python) process.stdout.write(`dateparser is not installed: ratios to it are skipped. Install it with: ${DATEPARSER_INSTALL}\n`);
  const py = python ? measureDateparser(python, strings, dir) : null;
  const second = measureNashra(normalizeArabicDate, strings);
  const cpu = Math.min(first.cpuPerSecond, second.cpuPerSecond);
  const wall = Math.max(first.bestWallPerSecond, second.bestWallPerSecond);
  process.stdout.write(
    `nashra (esbuild bundle, as deployed): ${fmt(cpu)} strings per CPU-second (${PASSES} passes after ${WARM_UP_PASSES} warm-up passes); best wall-clock pass ${fmt(wall)} strings/s; correct ${right(first.results)}/${strings.length}\n`,
  );
  if (py) {
    process.stdout.write(
      `dateparser (dateparser.parse(s, languages=['ar']), parse loop only, 3 passes after a warm-up pass): ${fmt(py.cpuPerSecond)} strings per CPU-second; best wall-clock pass ${fmt(py.bestWallPerSecond)} strings/s; correct ${right(py.results)}/${strings.length}\n`,
    );
    process.stdout.write(
      `ratio: nashra/dateparser = ${(cpu / py.cpuPerSecond).toFixed(0)}x by CPU time, ${(wall / py.bestWallPerSecond).toFixed(0)}x by best wall-clock pass (bar: >= 100x)\n`,
    );
  }
  await measureColdStart(bundle);
  await measureCliAgainstDateparser(python, dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
