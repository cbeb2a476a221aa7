// Profiles normalizeArabicDate over the bench strings (run: node --cpu-prof --import tsx scripts/dates-profile.ts [passes]).
import { normalizeArabicDate } from '../lambda/core/dates/index.ts';
import { realisticStrings } from './dates-bench-strings.ts';

const strings = realisticStrings().map((c) => c.text);
const now = new Date('2024-04-30T12:00:00Z');
const rounds = Number(process.argv[2] ?? 50);
// Warm-up as in the bench: until V8 has finished optimizing, timings measure the JIT.
for (let r = 0; r < 30; r++) for (const s of strings) normalizeArabicDate(s, { timeZone: 'Asia/Riyadh', now });
let best = Number.POSITIVE_INFINITY;
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  const p0 = process.hrtime.bigint();
  for (const s of strings) normalizeArabicDate(s, { timeZone: 'Asia/Riyadh', now });
  best = Math.min(best, Number(process.hrtime.bigint() - p0));
}
const n = rounds * strings.length;
const cpu = process.cpuUsage(cpu0);
const us = Number(process.hrtime.bigint() - t0) / 1e3 / n;
process.stdout.write(
  `${us.toFixed(2)} µs per string (wall), ${((cpu.user + cpu.system) / n).toFixed(2)} µs CPU, best pass ${(best / 1e3 / strings.length).toFixed(2)} µs, over ${strings.length} strings × ${rounds}\n`,
);
