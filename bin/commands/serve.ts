// `nashra serve` (`npm start`): the local composition root — FileArticleStore, site service, HTTP core (127.0.0.1 unless --host), incoming/ watcher, WebSub pings.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lockDataFolder } from '../../lambda/adapters/data-folder-lock.ts';
import type { FolderLock } from '../../lambda/adapters/folder-lock.ts';
import { FileArticleStore } from '../../lambda/adapters/file-article-store.ts';
import { FolderFeedPublisher } from '../../lambda/adapters/folder-feed-publisher.ts';
import { watchIncomingFolder, type IncomingFolderWatcher } from '../../lambda/adapters/incoming-folder-watcher.ts';
import { listenNodeHttpServer, type RunningNodeServer } from '../../lambda/adapters/node-http-server.ts';
import { systemClock } from '../../lambda/adapters/system-clock.ts';
import { createWebSubNotifier, type WebSubNotifier } from '../../lambda/adapters/websub-notifier.ts';
import { removeLeftoverTempFiles } from '../../lambda/adapters/write-file-atomic.ts';
import type { SiteConfig } from '../../lambda/core/config/index.ts';
import { feedPathOf, FEED_FORMATS } from '../../lambda/core/feeds/index.ts';
import { createApp, type App } from '../../lambda/core/http/create-app.ts';
import { problemResponse } from '../../lambda/core/http/http-error.ts';
import { createSiteService, type IngestReport, type SiteService } from '../../lambda/core/site/site-service.ts';
import { CliError, describeFsError } from '../support/cli-error.ts';
import { EXIT, EXIT_STATUS_HELP } from '../support/exit-codes.ts';
import { packageRoot } from '../support/package-root.ts';
import { parseCommandArgs } from '../support/parse-command-args.ts';
import { isPlaceholderBaseUrl, parseBaseUrlOption } from '../support/public-base-url.ts';
import { DEFAULT_CONFIG_FILE, readSiteConfig } from '../support/read-site-config.ts';
import { resolveLocalToken } from './local-token.ts';

/** The sample articles shipped with nashra, loaded into an empty store on first start. */
const samplesDir = () => path.join(packageRoot(), 'samples', 'articles');
/** The sample the banner's curl line posts. */
const CURL_SAMPLE = 'wire-briefs.json';
const MAX_BODY_BYTES = 1024 * 1024;

export const usage = `usage: nashra serve [--config nashra.config.json] [--data .nashra] [--host 127.0.0.1] [--port 3000] [--base-url URL] [--no-samples]

Serves the feeds on http://<host>:<port>/ from the embedded file store.
  --config, -c   site config (default ./nashra.config.json)
  --data, -d     data folder (default $NASHRA_DATA or ./.nashra)
  --host         address to listen on (default 127.0.0.1; 0.0.0.0 or :: for every interface).
                 $HOST is not read: some shells set it to the machine's name.
  --port, -p     port (default $PORT or 3000; 0 picks a free port)
  --base-url URL public URL the site is reached at behind a reverse proxy, e.g. https://example.org/news/
                 (default: the config's baseUrl, unless it is a placeholder such as https://nashra.example/ or
                 http://localhost:3000/; then this server's own address). Self, hub, item and index links use it.
  --no-samples   do not load nashra's sample articles into an empty store
Ingest token: $NASHRA_TOKEN, else <data>/token (generated on first start, mode 0600).
After a publish that changed a feed, the config's WebSub hub (if any) is pinged; a failed ping is logged, never fatal.
Runs until Ctrl-C (SIGINT) or SIGTERM, then finishes the requests in flight and exits 0.

${EXIT_STATUS_HELP}`;

export interface LocalServerOptions {
  configPath: string;
  dataDir: string;
  port: number;
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Public base URL (checked, ending in "/"); else the config's unless it is a placeholder, else the listen URL. */
  baseUrl?: string | undefined;
  /** Load samples/articles/ when the store is empty on first start. Default true. */
  loadSamples?: boolean;
  /** Token from the environment; else read or generated in `<dataDir>/token`. */
  token?: string | undefined;
  log?: (line: string) => void;
}

export interface LocalServer {
  /** Where this server answers (its listen address; a loopback one when it listens on every interface). */
  url: string;
  /** The base URL its links are built from: the public one, or `url`. */
  baseUrl: string;
  token: string;
  tokenSource: string;
  site: SiteService;
  config: SiteConfig;
  /** Stops accepting, finishes in-flight requests and the file being ingested, closes the watcher. */
  close(): Promise<void>;
}

function describeReport(r: IngestReport): string {
  const counts = new Map<string, number>();
  for (const x of r.results) counts.set(x.status, (counts.get(x.status) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(', ') || 'nothing';
}

async function loadSamples(site: SiteService, log: (l: string) => void): Promise<void> {
  const dir = samplesDir();
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.(json|ndjson|jsonl|txt)$/i.test(n)).sort();
  let stored = 0;
  for (const name of names) {
    const body = new Uint8Array(await readFile(path.join(dir, name)));
    const r = await site.ingest({ body, name }, { render: false });
    if (r.errors.length > 0) log(`  sample ${name} skipped: ${r.errors.map((e) => `${e.path} ${e.code}`).join('; ')}`);
    stored += r.results.length;
  }
  log(`Loaded ${stored} sample article(s) from ${dir}${path.sep}`);
}

/**
 * Starts the local server: store in `dataDir`, samples on first run, HTTP on 127.0.0.1, incoming/ watched.
 *
 * @example
 * const s = await startLocalServer({ configPath: 'nashra.config.json', dataDir: '.nashra', port: 0 });
 * console.log(s.url); await s.close();
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const log = options.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const fileConfig = readSiteConfig(options.configPath);
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  let tokenSource = 'NASHRA_TOKEN';
  const tokenFile = path.join(dataDir, 'token');
  const { token, created } = await resolveLocalToken({ envToken: options.token, file: tokenFile });
  if (!options.token) {
    const shown = path.relative(process.cwd(), tokenFile);
    tokenSource = `${shown.startsWith('..') ? tokenFile : shown}${created ? ', generated now' : ''}`;
  }

  const publicBase = options.baseUrl ?? (isPlaceholderBaseUrl(fileConfig.baseUrl) ? undefined : fileConfig.baseUrl);
  // Listen first: without a public base URL, the real URL (PORT=0 picks one) becomes the baseUrl, so self links work locally.
  let app: App | undefined;
  const server: RunningNodeServer = await listenNodeHttpServer(
    (request) =>
      app
        ? renderPendingThen(() => (app as App).fetch(request))
        : Promise.resolve(
            problemResponse({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'starting' }, { 'retry-after': '1' }),
          ),
    { port: options.port, host: options.host ?? '127.0.0.1', maxBodyBytes: MAX_BODY_BYTES },
  );
  const localUrl = reachableUrlOf(server.url);
  const baseUrl = publicBase ?? localUrl;
  let watcher: IncomingFolderWatcher | undefined;
  let serving: SiteService | undefined;
  let notifier: WebSubNotifier | undefined;
  /** After anything that may have published: the hub hears of the feeds it changed (never awaited, never fatal). */
  const thenNotify = <T>(work: Promise<T>): Promise<T> => work.finally(() => notifier?.notify());
  /** Every request first renders the writes whose render failed (they were acknowledged, so they must reach the feeds). */
  const renderPendingThen = async (handle: () => Promise<Response>): Promise<Response> => {
    if (serving && serving.pendingWrites() > 0) {
      await thenNotify(serving.renderPending()).catch((e: unknown) =>
        process.stderr.write(`render of pending writes failed, will retry: ${(e as Error).message}\n`),
      );
    }
    return handle();
  };
  let folderLock: FolderLock | undefined;
  try {
    // One server per data folder: a second one would serve stale feeds.
    folderLock = await lockDataFolder(dataDir, { onLost: (e) => process.stderr.write(`warning: ${e.message}\n`) });
    const config: SiteConfig = { ...fileConfig, baseUrl };
    const store = new FileArticleStore({ directory: dataDir, clock: systemClock });
    // The rendered site is also written to <data>/site/, the same files the cloud puts in its bucket.
    const publisher = new FolderFeedPublisher({ root: path.join(dataDir, 'site') });
    // A write cut short (full disk, crash) leaves its temp file; the start-up render below publishes every page again.
    await removeLeftoverTempFiles(publisher.root);
    // With a hub in the config, every publish that changed a feed is followed by a ping (in the background).
    const hubUrl = config.hub;
    notifier = hubUrl
      ? createWebSubNotifier({
          hubUrl,
          baseUrl,
          log,
          warn: (line) => process.stderr.write(`${line}\n`),
        })
      : undefined;
    const site = createSiteService({
      store,
      publisher: notifier ? notifier.wrap(publisher) : publisher,
      config,
      clock: systemClock,
      maxBodyBytes: MAX_BODY_BYTES,
    });
    serving = site;

    const marker = path.join(dataDir, 'samples-loaded');
    const empty = (await store.listFeed('all', { limit: 1 })).items.length === 0;
    const loadedBefore = await stat(marker).then(
      () => true,
      () => false,
    );
    if (empty && !loadedBefore && options.loadSamples !== false) {
      await loadSamples(site, log);
      await writeFile(marker, `${new Date().toISOString()}\n`);
    }
    // Renders every feed, unless a clean stop marked the site rendered through the store's current position.
    await thenNotify(site.resume());
    app = createApp({
      // Pages not rendered by this process are read from the site folder, which resume() left current.
      site: {
        ingest: (input) => thenNotify(site.ingest(input)),
        deleteArticle: (id) => thenNotify(site.deleteArticle(id)),
        getDocument: (p) => site.getDocument(p) ?? (p.startsWith('feeds/_site/') ? undefined : publisher.get(p).catch(() => undefined)),
        // A feed or article page this site published and removed is 410 Gone, not 404.
        wasRemoved: (p) => site.wasRemoved(p),
      },
      config,
      auth: { token },
      maxBodyBytes: MAX_BODY_BYTES,
      clock: systemClock,
      onError: (error, id) => process.stderr.write(`[${id}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
    });

    const incoming = path.join(dataDir, 'incoming');
    watcher = watchIncomingFolder({
      dir: incoming,
      rejectedDir: path.join(dataDir, 'rejected'),
      processedDir: path.join(dataDir, 'processed'),
      async ingest({ name, body }) {
        const r = await thenNotify(site.ingest({ body, name }));
        return r.errors.length > 0 ? { ok: false, errors: r.errors, omittedErrors: r.omittedErrors } : { ok: true, detail: r };
      },
      onEvent(e) {
        if (e.kind === 'ingested') log(`incoming: ${e.name} ingested (${describeReport(e.detail as IngestReport)}) → processed/`);
        else if (e.kind === 'rejected')
          log(`incoming: ${e.name} rejected (${(e.detail as unknown[]).length} error(s)) → rejected/${e.name} + .errors.json`);
        else process.stderr.write(`incoming: ${e.name} failed, will retry: ${String(e.detail)}\n`);
      },
    });
    await watcher.ready;

    const url = localUrl;
    const lines = [
      `nashra is serving ${url}${url === server.url ? '' : ` (listening on ${server.url})`}`,
      ...(baseUrl === url ? [] : [`  public:   ${baseUrl}  (links use this base URL)`]),
      `  index:    ${baseUrl}`,
      `  feeds:    (each also as ${FEED_FORMATS.slice(1)
        .map((f) => `.${f}`)
        .join(' and ')})`,
      ...site
        .feedSummaries()
        .map((f) => `            ${baseUrl}${feedPathOf(f.key, 'rss').split('/').map(encodeURIComponent).join('/')}  ${f.title}`),
      `  token:    ${token}   (${tokenSource})`,
      `  ingest:   ${curlLine(url, token)}`,
      `  incoming: ${incoming}${path.sep}`,
      `  data:     ${dataDir}${path.sep}  (articles/, site/, incoming/, processed/, rejected/, token)`,
      'Press Ctrl-C to stop.',
    ];
    log(lines.join('\n'));

    const w = watcher;
    const held = folderLock;
    return {
      url,
      baseUrl,
      token,
      tokenSource,
      site,
      config,
      async close() {
        await w.close();
        await server.close(5_000);
        await notifier?.settled();
        await site.markRendered().catch(() => false);
        await held.release();
      },
    };
  } catch (e) {
    await watcher?.close();
    await server.close(0);
    await folderLock?.release();
    throw e;
  }
}

/**
 * A listen URL a client can use: a wildcard address (every interface) is reached on loopback.
 *
 * @example
 * reachableUrlOf('http://0.0.0.0:3000/') //=> 'http://127.0.0.1:3000/'
 * reachableUrlOf('http://[::]:3000/') //=> 'http://[::1]:3000/'
 */
function reachableUrlOf(listenUrl: string): string {
  return listenUrl.replace(/^http:\/\/0\.0\.0\.0:/, 'http://127.0.0.1:').replace(/^http:\/\/\[::\]:/, 'http://[::1]:');
}

/**
 * The banner's copy-paste ingest command: posts a sample article file that exists, by a path that works from
 * the current folder (relative inside it, absolute otherwise).
 *
 * @example
 * curlLine('http://127.0.0.1:3000/', 't0k3n')
 * //=> 'curl -X POST http://127.0.0.1:3000/articles -H "Authorization: Bearer t0k3n" -H "Content-Type: application/json" --data-binary @samples/articles/wire-briefs.json'
 */
export function curlLine(url: string, token: string): string {
  const sample = path.join(samplesDir(), CURL_SAMPLE);
  const relative = path.relative(process.cwd(), sample);
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? sample : relative;
  const quoted = /^[\w./@:+-]+$/.test(shown) ? shown : `'${shown.replaceAll("'", "'\\''")}'`;
  return `curl -X POST ${url}articles -H "Authorization: Bearer ${token}" -H "Content-Type: application/json" --data-binary @${quoted}`;
}

/** Runs `nashra serve` until SIGINT/SIGTERM; returns the exit status (2 for a config or port problem). */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      config: { type: 'string', short: 'c' },
      data: { type: 'string', short: 'd' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'base-url': { type: 'string' },
      'no-samples': { type: 'boolean' },
    },
    usage,
  );
  if (values.help) {
    process.stdout.write(usage);
    return EXIT.OK;
  }
  const portText = values.port ?? process.env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new CliError(`the port must be 0..65535, got "${portText}"`);
  const host = values.host ?? '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host)) throw new CliError(`the --host must be an IP address or a host name, got "${host}"`);
  const baseUrl = values['base-url'] === undefined ? undefined : parseBaseUrlOption(values['base-url']);
  let server: LocalServer;
  try {
    server = await startLocalServer({
      configPath: values.config ?? DEFAULT_CONFIG_FILE,
      dataDir: values.data ?? process.env.NASHRA_DATA ?? '.nashra',
      port,
      host,
      baseUrl,
      loadSamples: !values['no-samples'],
      token: process.env.NASHRA_TOKEN || undefined,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${port} is already in use: pick another with --port (0 picks a free one)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new CliError(`cannot listen on --host ${host}: no such address on this machine`);
    }
    const file = (error as NodeJS.ErrnoException).path;
    if (file && code) throw new CliError(`cannot use ${file}: ${describeFsError(error)}`);
    throw error;
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write(`\n${signal}: shutting down…\n`);
  const force = () => process.exit(130);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  await server.close();
  process.off('SIGINT', force);
  process.off('SIGTERM', force);
  process.stdout.write('stopped; every article is kept in the data folder.\n');
  return EXIT.OK;
}
