// FolderFeedPublisher: the local FeedPublisher, writing documents atomically under a folder with a metadata sidecar per file.
import path from 'node:path';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import {
  checkDocumentPath,
  PublishError,
  type FeedDocumentSource,
  type FeedPublisher,
  type PublishResult,
} from '../ports/feed-publisher.ts';
import type { FeedDocument } from '../core/feeds/feed-document.ts';
import { writeFileAtomic } from './write-file-atomic.ts';
import { SerialQueue } from '../core/serial-queue.ts';

/** What the sidecar `<root>/.meta/<path>.json` holds: everything a static server needs besides the body. */
export interface PublishedMeta {
  contentType: string;
  cacheControl: string;
  /** sha256 hex of the body (the strong ETag). */
  hash: string;
  lastModified?: string;
  size: number;
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/**
 * Publishes to `<root>/<path>` (temp file, fsync, rename, fsync folder) with its headers in `<root>/.meta/<path>.json`.
 * A document whose hash equals the sidecar's is not written again. The sidecar is removed before a body is replaced
 * and written after, so a crash never leaves a sidecar describing a different body.
 *
 * @example
 * const site = new FolderFeedPublisher({ root: '.nashra/site' });
 * await site.publish(doc); //=> { path: 'feeds/all.rss', written: true }
 * await site.publish(doc); //=> { path: 'feeds/all.rss', written: false }
 */
export class FolderFeedPublisher implements FeedPublisher, FeedDocumentSource {
  readonly root: string;
  private readonly durable: boolean;
  /** Writes to one path run one at a time in this process, so a body and its sidecar always match. */
  private readonly writes = new SerialQueue<string>();

  constructor(options: { root: string; durable?: boolean }) {
    this.root = path.resolve(options.root);
    this.durable = options.durable ?? true;
  }

  async publish(doc: FeedDocument): Promise<PublishResult> {
    const rel = this.checkPath(doc.path);
    return this.onPath(rel, () => this.publishNow(rel, doc));
  }

  private async publishNow(rel: string, doc: FeedDocument): Promise<PublishResult> {
    try {
      const meta = await this.readMeta(rel);
      // Same bytes and headers: nothing to write (a changed Cache-Control, e.g. archive pages' longer one, rewrites the sidecar).
      const same = meta?.hash === doc.hash && meta.cacheControl === doc.cacheControl && meta.contentType === doc.contentType;
      if (same && (await this.exists(this.bodyFile(rel)))) return { path: rel, written: false };
      await unlink(this.metaFile(rel)).catch((err: unknown) => {
        if (!isCode(err, 'ENOENT')) throw err;
      });
      await this.writeAtomic(this.bodyFile(rel), doc.body);
      const next: PublishedMeta = {
        contentType: doc.contentType,
        cacheControl: doc.cacheControl,
        hash: doc.hash,
        ...(doc.lastModified ? { lastModified: doc.lastModified } : {}),
        size: doc.body.byteLength,
      };
      await this.writeAtomic(this.metaFile(rel), Buffer.from(JSON.stringify(next)));
      return { path: rel, written: true };
    } catch (err) {
      throw this.translate(err, rel);
    }
  }

  async remove(docPath: string): Promise<void> {
    const rel = this.checkPath(docPath);
    return this.onPath(rel, () => this.removeNow(rel));
  }

  private async removeNow(rel: string): Promise<void> {
    try {
      for (const file of [this.metaFile(rel), this.bodyFile(rel)]) {
        await unlink(file).catch((err: unknown) => {
          if (!isCode(err, 'ENOENT')) throw err;
        });
      }
    } catch (err) {
      throw this.translate(err, rel);
    }
  }

  /** The published document with its headers, or undefined when none (or only half of one) is there. */
  async get(docPath: string): Promise<FeedDocument | undefined> {
    const rel = this.checkPath(docPath);
    const meta = await this.readMeta(rel);
    if (!meta) return undefined;
    let body: Buffer;
    try {
      body = await readFile(this.bodyFile(rel));
    } catch (err) {
      if (isCode(err, 'ENOENT')) return undefined;
      throw this.translate(err, rel);
    }
    return {
      path: rel,
      body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
      contentType: meta.contentType,
      cacheControl: meta.cacheControl,
      hash: meta.hash,
      ...(meta.lastModified ? { lastModified: meta.lastModified } : {}),
    };
  }

  private onPath<T>(rel: string, task: () => Promise<T>): Promise<T> {
    return this.writes.run(task, rel);
  }

  private checkPath(docPath: string): string {
    const rel = checkDocumentPath(docPath);
    if (rel === '.meta' || rel.startsWith('.meta/'))
      throw new PublishError(`document path may not be under .meta/: ${rel}`, 'INVALID_PATH');
    return rel;
  }

  private bodyFile(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  private metaFile(rel: string): string {
    return `${path.join(this.root, '.meta', ...rel.split('/'))}.json`;
  }

  private async readMeta(rel: string): Promise<PublishedMeta | undefined> {
    try {
      return JSON.parse(await readFile(this.metaFile(rel), 'utf8')) as PublishedMeta;
    } catch {
      return undefined; // none, or unreadable: treated as absent, so the next publish rewrites it
    }
  }

  private async exists(file: string): Promise<boolean> {
    try {
      await (await open(file, 'r')).close();
      return true;
    } catch {
      return false;
    }
  }

  private async writeAtomic(file: string, body: Uint8Array): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, body, { durable: this.durable });
  }

  private translate(err: unknown, rel: string): Error {
    if (err instanceof PublishError) return err;
    return new PublishError(`cannot write ${rel} under ${this.root}: ${(err as Error).message}`, 'UNAVAILABLE', { cause: err });
  }
}
