// Benchmark: `nashra build` (compiled) over 100,000 articles in a mix of NDJSON and JSON files: time and peak RSS; baselines in the same run: the same build at 10,000, and the in-memory build it replaced at 10,000.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CLI,
  CONFIG,
  compileInMemoryBuild,
  ensureCompiledCli,
  runMeasured,
  writeArticleFolder,
  type BuildRun,
} from './support/run-build.ts';

// NASHRA_BENCH_BUILD_ARTICLES / NASHRA_BENCH_BUILD_BASE override the sizes for a quick run.
const LARGE = Number(process.env.NASHRA_BENCH_BUILD_ARTICLES ?? 100_000);
const BASE = Number(process.env.NASHRA_BENCH_BUILD_BASE ?? 10_000);
const NOW = '2026-12-05T12:00:00Z';

await ensureCompiledCli();
const work = await mkdtemp(path.join(tmpdir(), 'nashra-bench-build-'));
try {
  const baseline = await compileInMemoryBuild(work);
  const runs = new Map<string, BuildRun>();
  const sizes = new Map<number, number>();
  for (const n of [BASE, LARGE]) {
    const dir = path.join(work, `articles-${n}`);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir);
    sizes.set(n, await writeArticleFolder(dir, n, 10));
    runs.set(
      `stream ${n}`,
      await runMeasured(CLI, ['build', '--articles', dir, '--out', path.join(work, `out-${n}`), '--now', NOW], 'nashra build:'),
    );
    if (n === BASE) {
      runs.set(`memory ${n}`, await runMeasured(baseline, [dir, path.join(work, `out-memory-${n}`), NOW, CONFIG], 'in-memory build:'));
    }
    console.log(`${n} articles in 10 files (5 NDJSON, 5 JSON), ${((sizes.get(n) ?? 0) / 1e6).toFixed(0)} MB`);
  }
  const show = (label: string, r: BuildRun) =>
    console.log(
      `  ${label.padEnd(34)} ${(r.ms / 1000).toFixed(1).padStart(7)} s   peak RSS ${r.peakMb.toFixed(0).padStart(5)} MB   (${r.summary.slice(0, 90)}…)`,
    );
  const large = runs.get(`stream ${LARGE}`)!;
  const small = runs.get(`stream ${BASE}`)!;
  const memory = runs.get(`memory ${BASE}`)!;
  console.log('');
  show(`nashra build, ${LARGE} articles`, large);
  show(`nashra build, ${BASE} articles`, small);
  show(`in-memory build (before), ${BASE}`, memory);
  console.log(
    `  ratio ${LARGE} / ${BASE} (streaming): ${(large.peakMb / small.peakMb).toFixed(2)}x peak RSS for ${(LARGE / BASE).toFixed(0)}x the articles, ${(large.ms / small.ms).toFixed(1)}x time`,
  );
  console.log(
    `  ratio in-memory / streaming at ${BASE}: ${(memory.peakMb / small.peakMb).toFixed(2)}x peak RSS, ${(memory.ms / small.ms).toFixed(2)}x time`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
