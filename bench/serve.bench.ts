// `npm run bench -- serve`: 10 s autocannon runs (127.0.0.1) against the real local server, for 200s and 304 revalidations, and against a bare node:http server returning the same bytes from memory.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildCli, CLI_ENTRY, isCliStale } from '../scripts/build-cli.mjs';
import { startNodeChild, stopChild } from './support/child-process.ts';

const SECONDS = Math.min(Number(process.env.BENCH_SECONDS ?? 10), 10);
/** Each 10 s run is split in slices alternating with the baseline, so drifting load on a shared machine hits both alike. */
const SLICES = 10;
const CONNECTIONS = 10;
const GENERATED = 300;
const TOKEN = 'bench-token-0123456789abcdef';

function article(n: number): Record<string, unknown> {
  return {
    url: `https://news.example.sa/bench/${n}`,
    title: `خبر رقم ${n}: الحكومة تعلن حزمة إجراءات اقتصادية جديدة لدعم المشاريع الصغيرة`,
    summary: 'أعلنت الحكومة اليوم حزمة من الإجراءات الاقتصادية الجديدة تهدف إلى دعم المشاريع الصغيرة والمتوسطة.',
    content: Array.from(
      { length: 4 },
      (_, p) =>
        `<p>الفقرة ${p + 1} من الخبر ${n}: قال المتحدث الرسمي إن الإجراءات تشمل تسهيلات تمويلية وإعفاءات ضريبية مؤقتة، وإن تنفيذها سيبدأ خلال الربع المقبل بالتنسيق مع البنوك المحلية.</p>`,
    ).join(''),
    categories: [['اقتصاد', 'سياسة', 'تقنية', 'رياضة'][n % 4]],
    source: ['وكالات', 'رويترز', 'واس'][n % 3],
    authors: [['سارة المحمد', 'خالد العمر'][n % 2]],
    published: new Date(Date.UTC(2024, 0, 1) + n * 3_600_000).toISOString(),
  };
}

interface Figures {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
  statuses: string;
}

async function loadOnce(url: string, headers: Record<string, string>, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, headers, timeout: 10 });
}

function summarize(results: autocannon.Result[]): Figures {
  const total = results.reduce((n, r) => n + r.requests.total, 0);
  const seconds = results.reduce((n, r) => n + r.duration, 0);
  const counts = new Map<string, number>();
  for (const r of results) {
    for (const [code, v] of Object.entries(
      (r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {},
    )) {
      counts.set(code, (counts.get(code) ?? 0) + v.count);
    }
  }
  const p99s = results.map((r) => r.latency.p99).sort((a, b) => a - b);
  return {
    rps: total / seconds,
    p99: p99s[Math.floor(p99s.length / 2)]!,
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    statuses: [...counts].map(([c, n]) => `${c}×${n}`).join(' '),
  };
}

/** ours and baseline, alternating slices of SECONDS / SLICES each. */
async function compare(oursUrl: string, bareUrl: string, headers: Record<string, string>): Promise<[Figures, Figures]> {
  const ours: autocannon.Result[] = [];
  const bare: autocannon.Result[] = [];
  const slice = Math.max(1, Math.round(SECONDS / SLICES));
  for (let i = 0; i < SLICES; i++) {
    ours.push(await loadOnce(oursUrl, headers, slice));
    bare.push(await loadOnce(bareUrl, headers, slice));
  }
  return [summarize(ours), summarize(bare)];
}

const BARE_SERVER = `
const http = require('node:http');
const fs = require('node:fs');
const meta = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
const body = fs.readFileSync(process.argv[2]);
const server = http.createServer((req, res) => {
  const headers = { 'content-type': meta.contentType, etag: meta.etag, 'cache-control': meta.cacheControl, 'last-modified': meta.lastModified, vary: meta.vary };
  if (req.headers['if-none-match'] === meta.etag) { res.writeHead(304, headers); res.end(); return; }
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log('bare listening ' + server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

const dir = await mkdtemp(path.join(tmpdir(), 'nashra-bench-'));
const children: ChildProcess[] = [];
try {
  const configPath = path.join(dir, 'nashra.config.json');
  await writeFile(
    configPath,
    JSON.stringify({
      title: 'نشرة القياس',
      description: 'قياس الأداء',
      baseUrl: 'https://news.example/',
      timeZone: 'Asia/Riyadh',
      itemLimit: 50,
      archivePageSize: 50,
    }),
  );
  if (isCliStale()) await buildCli(); // the compiled CLI, as `npm start` runs it
  const serve = await startNodeChild(
    [CLI_ENTRY, 'serve', '--config', configPath, '--data', path.join(dir, 'data')],
    { PORT: '0', NASHRA_TOKEN: TOKEN },
    /Press Ctrl-C/,
  );
  children.push(serve.proc);
  const url = /nashra is serving (\S+)/.exec(serve.match.input)![1]!;

  // Enough generated articles for a realistic feed: 300 more, in batches under the 1 MiB body limit.
  for (let start = 0; start < GENERATED; start += 100) {
    const ndjson = Array.from({ length: 100 }, (_, i) => JSON.stringify(article(start + i))).join('\n');
    const res = await fetch(`${url}articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson' },
      body: ndjson,
    });
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  }

  const feedUrl = `${url}feeds/all.rss`;
  const first = await fetch(feedUrl, { headers: { 'accept-encoding': 'identity' } });
  const bytes = Buffer.from(await first.arrayBuffer());
  const meta = {
    contentType: first.headers.get('content-type'),
    etag: first.headers.get('etag'),
    cacheControl: first.headers.get('cache-control'),
    lastModified: first.headers.get('last-modified'),
    vary: first.headers.get('vary'),
  };
  const items = (bytes.toString('utf8').match(/<item>/g) ?? []).length;
  await writeFile(path.join(dir, 'meta.json'), JSON.stringify(meta));
  await writeFile(path.join(dir, 'body.bin'), bytes);
  const bare = await startNodeChild(
    ['-e', BARE_SERVER, path.join(dir, 'meta.json'), path.join(dir, 'body.bin')],
    {},
    /bare listening (\d+)/,
  );
  children.push(bare.proc);
  const bareUrl = `http://127.0.0.1:${bare.match[1]}/feeds/all.rss`;
  const check = await fetch(bareUrl);
  if (!Buffer.from(await check.arrayBuffer()).equals(bytes)) throw new Error('bare server bytes differ');

  process.stdout.write(
    `feed: ${feedUrl} — ${items} items, ${bytes.length} bytes (identity), ETag ${meta.etag!.slice(0, 14)}…\n` +
      `autocannon: ${CONNECTIONS} connections, ${SECONDS} s per server per case, in ${SLICES} alternating slices, 127.0.0.1\n` +
      `req/s = all requests / all seconds; p99 = median of the slices' p99\n\n`,
  );

  const cond = { 'if-none-match': meta.etag! };
  const runs: Array<[string, Figures, Figures]> = [];
  for (const [label, headers] of [
    ['200 GET', {}],
    ['304 revalidation', cond],
  ] as const) {
    const [ours, baseline] = await compare(feedUrl, bareUrl, headers);
    runs.push([label, ours, baseline]);
  }
  // Also the compressed path (br from the per-ETag cache) against the bare identity server, for the record.
  const br = summarize([await loadOnce(feedUrl, { 'accept-encoding': 'br' }, SECONDS)]);

  const row = (name: string, f: Figures) =>
    `  ${name.padEnd(34)} ${f.rps.toFixed(0).padStart(8)} req/s   p99 ${String(f.p99).padStart(4)} ms   [${f.statuses}${f.errors ? ` errors ${f.errors}` : ''}]`;
  for (const [label, ours, baseline] of runs) {
    process.stdout.write(`${label}\n${row('nashra serve', ours)}\n${row('bare node:http (same bytes)', baseline)}\n`);
    process.stdout.write(`  ratio nashra/bare: ${(ours.rps / baseline.rps).toFixed(2)}× req/s\n\n`);
  }
  process.stdout.write(`200 GET, Accept-Encoding: br (cached brotli)\n${row('nashra serve', br)}\n\n`);
  const ratio304 = runs[1]![1].rps / runs[1]![2].rps;
  process.stdout.write(`goal: ≥ 0.50× of bare for 304s — measured ${ratio304.toFixed(2)}× ${ratio304 >= 0.5 ? '(met)' : '(NOT met)'}\n`);
} finally {
  await Promise.all(children.map(stopChild));
  await rm(dir, { recursive: true, force: true });
}
