// Bench: start-up of the compiled CLI (`nashra --version`, one-line `nashra dates`) against a bare `node -e 0`, interleaved in the same run.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli, CLI_ENTRY, isCliStale } from '../scripts/build-cli.mjs';
import { childCpuMs } from './support/child-process.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = 25;

interface Case {
  name: string;
  args: string[];
  input: string;
}

const CASES: Case[] = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'], input: '' },
  { name: 'nashra --version', args: [CLI_ENTRY, '--version'], input: '' },
  {
    name: 'nashra dates, one dated line',
    args: [CLI_ENTRY, 'dates', '--now', '2024-04-30T12:00:00Z'],
    input: 'الإثنين 29 أبريل / أبريل 2024\n',
  },
  { name: 'nashra dates, one relative line', args: [CLI_ENTRY, 'dates', '--now', '2024-04-30T12:00:00Z'], input: 'منذ ساعتين\n' },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

if (isCliStale()) await buildCli(); // the compiled CLI, as installed
const wall = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
const cpu = new Map<string, number>(CASES.map((c) => [c.name, 0]));
for (const c of CASES) spawnSync(process.execPath, c.args, { cwd: root, input: c.input }); // warm the file cache
// Interleaved rounds: each round runs every case once, so load changes on the machine hit all cases alike.
for (let round = 0; round < ROUNDS; round++) {
  for (const c of CASES) {
    const cpu0 = childCpuMs();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, c.args, { cwd: root, input: c.input, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu1 = childCpuMs();
    if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
    wall.get(c.name)?.push(ms);
    if (cpu0 !== undefined && cpu1 !== undefined) cpu.set(c.name, (cpu.get(c.name) ?? 0) + cpu1 - cpu0);
  }
}

const base = CASES[0] as Case;
const baseWall = median(wall.get(base.name) ?? []);
const baseCpu = (cpu.get(base.name) ?? 0) / ROUNDS;
const hasCpu = childCpuMs() !== undefined;
process.stdout.write(`compiled CLI (${path.relative(root, CLI_ENTRY)}), ${ROUNDS} interleaved rounds; node ${process.version}\n`);
for (const c of CASES) {
  const w = median(wall.get(c.name) ?? []);
  const u = (cpu.get(c.name) ?? 0) / ROUNDS;
  process.stdout.write(
    `${c.name.padEnd(34)} median wall ${w.toFixed(1).padStart(6)} ms (${(w / baseWall).toFixed(2)}x node -e 0)` +
      (hasCpu ? `; mean CPU ${u.toFixed(1).padStart(5)} ms (${(u / baseCpu).toFixed(2)}x)` : '') +
      '\n',
  );
}
process.stdout.write('target: one-line nashra dates within 1.5x of node -e 0\n');
