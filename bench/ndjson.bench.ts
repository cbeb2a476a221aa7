// Benchmark: one 500 MB NDJSON export of 200,000 articles through `nashra build` (compiled): time and peak RSS; baseline in the same run: a 50 MB file (memory must not grow with the file).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI, ensureCompiledCli, runMeasured, writeArticleFile, type BuildRun } from './support/run-build.ts';

// NASHRA_BENCH_NDJSON_ARTICLES / NASHRA_BENCH_NDJSON_MB size the large file (the baseline is a tenth of it) for a quick run.
const ARTICLES = Number(process.env.NASHRA_BENCH_NDJSON_ARTICLES ?? 200_000);
const MB = Number(process.env.NASHRA_BENCH_NDJSON_MB ?? 500);
const NOW = '2026-12-05T12:00:00Z';
/** Content bytes per article so that ARTICLES articles make about MB megabytes (an article is ~290 bytes + 0.9 × this). */
const bodyBytes = Math.max(200, Math.round(((MB * 1e6) / ARTICLES - 290) / 0.9));

await ensureCompiledCli();
const work = await mkdtemp(path.join(tmpdir(), 'nashra-bench-ndjson-'));
try {
  const runs: Array<{ articles: number; bytes: number; run: BuildRun }> = [];
  for (const articles of [Math.round(ARTICLES / 10), ARTICLES]) {
    const dir = path.join(work, `in-${articles}`);
    await mkdir(dir);
    const bytes = await writeArticleFile(path.join(dir, 'export.ndjson'), 'ndjson', 0, articles, bodyBytes);
    const run = await runMeasured(
      CLI,
      ['build', '--articles', dir, '--out', path.join(work, `out-${articles}`), '--now', NOW],
      'nashra build:',
    );
    runs.push({ articles, bytes, run });
    // Free the disk before the next size: the export and the site it built.
    await rm(dir, { recursive: true, force: true });
    await rm(path.join(work, `out-${articles}`), { recursive: true, force: true });
  }
  for (const { articles, bytes, run } of runs) {
    console.log(
      `  one NDJSON file of ${(bytes / 1e6).toFixed(0).padStart(4)} MB, ${String(articles).padStart(6)} articles: ${(run.ms / 1000).toFixed(1).padStart(7)} s, peak RSS ${run.peakMb.toFixed(0).padStart(5)} MB  (${run.summary.slice(0, 80)}…)`,
    );
  }
  const [small, large] = runs as [(typeof runs)[0], (typeof runs)[0]];
  console.log(
    `  ratio large / small: ${(large.bytes / small.bytes).toFixed(1)}x the file, ${(large.run.peakMb / small.run.peakMb).toFixed(2)}x peak RSS, ${(large.run.ms / small.run.ms).toFixed(1)}x time`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
