// `npm run bench`: runs every bench/*.bench.ts in turn (or only those named on the command line) and prints their figures.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const dir = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv.slice(2);
// A name that is a bench's whole name runs that bench only (`build` is not also `rebuild-memory`); else any bench containing it.
const exact = new Set(filter.filter((x) => readdirSync(dir).includes(`${x}.bench.ts`)));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => (f === `${x}.bench.ts` ? true : !exact.has(x) && f.includes(x))))
  .sort();

let failed = 0;
for (const f of files) {
  process.stdout.write(`\n### ${f}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
