// Benchmark: one POST /articles of ~1 MiB `[{},{},…]` (about a million errors) through the real site service, with the
// error report capped (the default, 100 listed) and uncapped (the baseline: every error listed, as before the cap).
// Each variant runs in its own process, so peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface Figures {
  status: number;
  responseBytes: number;
  peakRssMiB: number;
  seconds: number;
}

async function runOne(reportedErrors: number): Promise<Figures> {
  const { MemoryArticleStore } = await import('../lambda/adapters/memory-article-store.ts');
  const { fixedClock } = await import('../lambda/core/clock.ts');
  const { parseSiteConfig } = await import('../lambda/core/config/index.ts');
  const { createApp } = await import('../lambda/core/http/create-app.ts');
  const { createSiteService } = await import('../lambda/core/site/site-service.ts');
  const clock = fixedClock('2026-12-05T12:00:00Z');
  // The baseline sets the cap past any count, bypassing the config schema's ceiling of 10,000.
  const config = {
    ...parseSiteConfig({ title: 'نشرة', description: 'أخبار', baseUrl: 'https://news.example/', timeZone: 'Asia/Riyadh' }),
    limits: { reportedErrors },
  };
  const site = createSiteService({ store: new MemoryArticleStore({ clock }), config, clock });
  const app = createApp({ site, config, clock });
  const n = Math.floor((1024 * 1024 - 2) / 3);
  const body = `[${Array(n).fill('{}').join(',')}]`;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  const res = await app.fetch(new Request('http://x/articles', { method: 'POST', body, headers: { 'content-type': 'application/json' } }));
  const responseBytes = (await res.arrayBuffer()).byteLength;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { status: res.status, responseBytes, peakRssMiB: peak / 2 ** 20, seconds };
}

const child = process.argv[2];
if (child !== undefined) {
  process.stdout.write(JSON.stringify(await runOne(Number(child))));
} else {
  const self = fileURLToPath(import.meta.url);
  const run = (cap: number): Figures => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, String(cap)], { encoding: 'utf8', timeout: 300_000 });
    if (r.status !== 0) throw new Error(`variant ${cap} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as Figures;
  };
  const capped = run(100);
  const uncapped = run(Number.MAX_SAFE_INTEGER);
  const row = (name: string, f: Figures) =>
    `| ${name.padEnd(22)} | ${String(f.status).padStart(6)} | ${f.responseBytes.toLocaleString('en').padStart(13)} | ${f.peakRssMiB.toFixed(0).padStart(13)} | ${f.seconds.toFixed(1).padStart(7)} |`;
  console.log('one POST of 1 MiB [{},{},…] (349,524 empty objects, 1,048,572 errors)');
  console.log('| report                 | status | response bytes | peak RSS (MiB) | seconds |');
  console.log('| ---------------------- | ------ | -------------: | -------------: | ------: |');
  console.log(row('capped (100 listed)', capped));
  console.log(row('uncapped (baseline)', uncapped));
  console.log(
    `ratio capped / uncapped: response ${(capped.responseBytes / uncapped.responseBytes).toExponential(2)}, ` +
      `peak RSS ${(capped.peakRssMiB / uncapped.peakRssMiB).toFixed(2)}, time ${(capped.seconds / uncapped.seconds).toFixed(2)}`,
  );
}
