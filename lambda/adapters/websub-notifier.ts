// The local server's WebSub publisher: notes which documents a render really wrote or removed, then pings the hub for the changed feeds in the background.
import { webSubTopicUrls } from '../core/feeds/websub-topics.ts';
import type { FeedDocumentSource, FeedPublisher, PublishResult } from '../ports/feed-publisher.ts';
import { pingWebSubHub, type HubPingResult } from './ping-websub-hub.ts';

export interface WebSubNotifierOptions {
  /** The hub to ping (the config's `hub`). */
  hubUrl: string;
  /** The public base URL the feeds advertise as rel="self": the topics are named under it. */
  baseUrl: string;
  /** Upper bound on one ping. Default 3000 ms. */
  timeoutMs?: number;
  /** One line per ping sent (which hub, how many feeds, the answer). */
  log: (line: string) => void;
  /** One line per failed ping: a hub outage is reported once per batch and never fails a publish. */
  warn: (line: string) => void;
  /** The ping itself; default `pingWebSubHub` (a form POST). */
  ping?: typeof pingWebSubHub;
}

export interface WebSubNotifier {
  /** The publisher to render through: the same documents reach `inner`; each one written (not unchanged) or removed is noted. */
  wrap(inner: FeedPublisher & FeedDocumentSource): FeedPublisher & FeedDocumentSource;
  /**
   * Pings the hub for the feeds noted since the last call, in the background: returns at once and never throws.
   * Pings do not overlap: what changes while one is in flight goes in the next, in one POST.
   */
  notify(): void;
  /** Resolves when no ping is in flight or waiting (each is bounded by `timeoutMs`). */
  settled(): Promise<void>;
}

/**
 * Creates the notifier. Call `notify()` after each publish (an ingest, a delete, a start-up render): when it changed a
 * current feed document, the hub gets `hub.mode=publish` with one `hub.url` per changed feed, as the cloud's render does.
 *
 * @example
 * const notifier = createWebSubNotifier({ hubUrl: 'https://hub.example/', baseUrl: 'https://example.org/news/', log, warn });
 * const site = createSiteService({ store, publisher: notifier.wrap(folder), config, clock });
 * await site.ingest(input); notifier.notify(); // POST hub.url=https://example.org/news/feeds/all.rss&…
 */
export function createWebSubNotifier(options: WebSubNotifierOptions): WebSubNotifier {
  const ping = options.ping ?? pingWebSubHub;
  const timeoutMs = options.timeoutMs ?? 3000;
  const config = { baseUrl: options.baseUrl };
  /** Paths written or removed since the last `notify`. */
  const noted = new Set<string>();
  /** Topic URLs waiting for the next ping. */
  const waiting = new Set<string>();
  let running: Promise<void> | undefined;

  /** Starts the ping loop unless it runs; when it ends, starts again if topics came in at its very end. */
  function start(): void {
    if (running || waiting.size === 0) return;
    running = drain()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        start();
      });
  }

  async function drain(): Promise<void> {
    while (waiting.size > 0) {
      const topics = [...waiting];
      waiting.clear();
      let result: HubPingResult;
      try {
        result = await ping(options.hubUrl, topics, { timeoutMs });
      } catch (error) {
        result = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      const what = `${topics.length} feed URL${topics.length === 1 ? '' : 's'}`;
      if (result.ok) options.log(`websub: pinged ${options.hubUrl} for ${what} (HTTP ${result.status ?? 'ok'})`);
      else {
        const why = result.error ?? `HTTP ${result.status}`;
        options.warn(`websub: ping of ${options.hubUrl} for ${what} failed (${why}); subscribers see the change at their next poll`);
      }
    }
  }

  return {
    wrap(inner) {
      return {
        async publish(doc): Promise<PublishResult> {
          const result = await inner.publish(doc);
          if (result.written) noted.add(result.path);
          return result;
        },
        async remove(path) {
          await inner.remove(path);
          noted.add(path);
        },
        get: (path) => inner.get(path),
      };
    },
    notify() {
      for (const url of webSubTopicUrls(config, noted)) waiting.add(url);
      noted.clear();
      start();
    },
    async settled() {
      while (running) await running;
    },
  };
}
