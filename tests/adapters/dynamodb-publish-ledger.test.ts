// DynamoDbPublishLedger on dynalite (127.0.0.1): the newest version wins whatever the order and overlap of writers, a crashed writer's lease expires, removals are ordered too.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedgerTableInput, DynamoDbPublishLedger } from '../../lambda/adapters/dynamodb-publish-ledger.ts';
import type { FeedDocument } from '../../lambda/core/feeds/feed-document.ts';
import type { FeedPublisher } from '../../lambda/ports/feed-publisher.ts';
import { startDynalite, type DynaliteHandle } from '../support/dynalite.ts';

let db: DynaliteHandle;
const table = 'ledger';

beforeAll(async () => {
  db = await startDynalite();
  await db.client.send(new CreateTableCommand(createLedgerTableInput(table)));
});
afterAll(async () => {
  await db?.stop();
});

/** An in-memory bucket whose writes take a random few ms, so concurrent writers overlap and land in any order. */
function slowBucket() {
  const objects = new Map<string, string>();
  const pause = () => new Promise((r) => setTimeout(r, Math.random() * 8));
  const publisher: FeedPublisher = {
    async publish(doc) {
      await pause();
      objects.set(doc.path, new TextDecoder().decode(doc.body));
      return { path: doc.path, written: true };
    },
    async remove(path) {
      await pause();
      objects.delete(path);
    },
  };
  return { objects, publisher };
}

const doc = (path: string, text: string): FeedDocument => ({
  path,
  body: new TextEncoder().encode(text),
  contentType: 'application/rss+xml; charset=utf-8',
  cacheControl: 'public, max-age=300',
  hash: `hash-of-${text}`,
});

describe('DynamoDbPublishLedger', () => {
  it('twenty writers with shuffled versions, all at once: the stored bytes are the newest version', async () => {
    const { objects, publisher } = slowBucket();
    const ledger = new DynamoDbPublishLedger({ client: db.http, tableName: table, inner: publisher });
    const versions = Array.from({ length: 20 }, (_, i) => 1_000 + i).sort(() => Math.random() - 0.5);
    await Promise.all(versions.map((v) => ledger.at(v).publish(doc('feeds/race.rss', `version ${v}`))));
    expect(objects.get('feeds/race.rss')).toBe('version 1019');
    expect((await ledger.entry('feeds/race.rss'))?.version).toBe(1019);
    expect((await ledger.entry('feeds/race.rss'))?.leaseUntil).toBeUndefined();
  });

  it('an older publish after a newer one is skipped and counted', async () => {
    const { objects, publisher } = slowBucket();
    const ledger = new DynamoDbPublishLedger({ client: db.http, tableName: table, inner: publisher });
    expect(await ledger.at(20).publish(doc('feeds/order.rss', 'new'))).toEqual({ path: 'feeds/order.rss', written: true });
    expect(await ledger.at(10).publish(doc('feeds/order.rss', 'old'))).toEqual({ path: 'feeds/order.rss', written: false });
    expect(objects.get('feeds/order.rss')).toBe('new');
    expect(ledger.staleSkips).toBe(1);
  });

  it('a removal is ordered like a publish: an older removal does not delete a newer page', async () => {
    const { objects, publisher } = slowBucket();
    const ledger = new DynamoDbPublishLedger({ client: db.http, tableName: table, inner: publisher });
    await ledger.at(50).publish(doc('feeds/x/archive/1.rss', 'page'));
    await ledger.at(40).remove('feeds/x/archive/1.rss');
    expect(objects.get('feeds/x/archive/1.rss')).toBe('page');
    await ledger.at(60).remove('feeds/x/archive/1.rss');
    expect(objects.has('feeds/x/archive/1.rss')).toBe(false);
  });

  it("a crashed writer's lease is taken over once it expires", async () => {
    const { objects, publisher } = slowBucket();
    let now = 1_000_000;
    const crashed = new DynamoDbPublishLedger({
      client: db.http,
      tableName: table,
      now: () => now,
      leaseMs: 30_000,
      inner: {
        publish: () => new Promise(() => undefined), // never returns: the function timed out mid-write
        remove: () => Promise.resolve(),
      },
    });
    void crashed.at(5).publish(doc('feeds/lease.rss', 'lost'));
    await new Promise((r) => setTimeout(r, 100));
    expect((await crashed.entry('feeds/lease.rss'))?.leaseVersion).toBe(5);
    const next = new DynamoDbPublishLedger({ client: db.http, tableName: table, inner: publisher, now: () => now, maxAttempts: 3 });
    await expect(next.at(6).publish(doc('feeds/lease.rss', 'kept'))).rejects.toThrow(/held by another writer/);
    now += 31_000;
    expect(await next.at(6).publish(doc('feeds/lease.rss', 'kept'))).toEqual({ path: 'feeds/lease.rss', written: true });
    expect(objects.get('feeds/lease.rss')).toBe('kept');
  });
});
