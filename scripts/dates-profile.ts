// Profiles normalizeArabicDate over the bench strings (run: node --cpu-prof --import tsx scripts/dates-profile.ts).
import { normalizeArabicDate } from '../lambda/core/dates/index.ts';
import { realisticStrings } from './dates-bench-strings.ts';

const strings = realisticStrings().map((c) => c.text);
const now = new Date('2024-04-30T12:00:00Z');
const rounds = Number(process.argv[2] ?? 50);
for (const s of strings) normalizeArabicDate(s, { timeZone: 'Asia/Riyadh', now });
const t0 = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) for (const s of strings) normalizeArabicDate(s, { timeZone: 'Asia/Riyadh', now });
const us = Number(process.hrtime.bigint() - t0) / 1e3 / (rounds * strings.length);
process.stdout.write(`${us.toFixed(2)} µs per string over ${strings.length} strings × ${rounds}\n`);
