// Render and rebuild interleaved on dynalite + s3rver: an older run never overwrites a newer document (the publish ledger), and without the ledger it does.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedgerTableInput } from '../../lambda/adapters/dynamodb-publish-ledger.ts';
import { readLambdaConfig } from '../../lambda/adapters/lambda-config.ts';
import { systemClock } from '../../lambda/adapters/system-clock.ts';
import { createSiteService } from '../../lambda/core/site/site-service.ts';
import { createS3FeedPublisher } from '../../lambda/handlers/create-s3-feed-publisher.ts';
import type { FeedDocument } from '../../lambda/core/feeds/feed-document.ts';
import type { FeedPublisher } from '../../lambda/ports/feed-publisher.ts';
import { createTestArticle, editTestArticle } from '../support/article-factory.ts';
import { startCloudFixture, type CloudFixture } from './cloud-fixture.ts';

let cloud: CloudFixture;
const ledgerTable = 'publish-ledger';

beforeAll(async () => {
  cloud = await startCloudFixture({ LEDGER_TABLE_NAME: ledgerTable });
  await cloud.db.client.send(new CreateTableCommand(createLedgerTableInput(ledgerTable)));
});
afterAll(async () => {
  await cloud?.stop();
});

/** A publisher that holds the publish of `path` until `open()` (the rebuild, paused between its read and its write). */
function gate(inner: FeedPublisher & { get: (p: string) => Promise<FeedDocument | undefined> }, path: string) {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  let reached!: () => void;
  const held = new Promise<void>((r) => (reached = r));
  const publisher = {
    async publish(doc: FeedDocument) {
      if (doc.path === path) {
        reached();
        await opened;
      }
      return inner.publish(doc);
    },
    remove: (p: string) => inner.remove(p),
    get: (p: string) => inner.get(p),
  };
  return { publisher, open, held };
}

/**
 * The race: the rebuild reads the table, then stalls before writing feeds/all.rss; an edit lands and render publishes
 * it; then the rebuild's write of what it read goes through.
 */
async function race(ordered: boolean, title: { before: string; after: string }) {
  const config = readLambdaConfig({ ...process.env, ...(ordered ? {} : { LEDGER_TABLE_NAME: '' }) });
  const article = createTestArticle({ title: title.before, categories: ['سياسة'] });
  await cloud.store.put(article);

  const rebuildPublisher = createS3FeedPublisher(config, cloud.db.http);
  const renderPublisher = createS3FeedPublisher(config, cloud.db.http);
  const { publisher: gated, open, held } = gate(rebuildPublisher, 'feeds/all.rss');
  const rebuildSite = createSiteService({
    store: cloud.store,
    publisher: gated,
    config: config.site,
    clock: systemClock,
    retainDocuments: false,
  });
  const renderSite = createSiteService({
    store: cloud.store,
    publisher: renderPublisher,
    config: config.site,
    clock: systemClock,
    retainDocuments: false,
  });

  rebuildPublisher.beginRun(Date.now());
  const rebuilding = rebuildSite.rebuildAll();
  await held; // the rebuild has read "before" and is about to write feeds/all.rss

  await new Promise((r) => setTimeout(r, 5)); // the render's version is a later instant
  const edited = editTestArticle(article, { title: title.after });
  await cloud.store.put(edited);
  renderPublisher.beginRun(Date.now());
  await renderSite.renderChanges([{ before: article, after: edited }]);
  expect((await cloud.getObject('feeds/all.rss')).body.toString('utf8')).toContain(title.after);

  open();
  await rebuilding;
  return { rss: (await cloud.getObject('feeds/all.rss')).body.toString('utf8'), staleSkips: rebuildPublisher.staleSkips() };
}

describe('publish order under concurrency', () => {
  it('with the ledger, the rebuild that read earlier does not overwrite the render that read later', async () => {
    const { rss, staleSkips } = await race(true, { before: 'عنوان قديم قبل التعديل', after: 'عنوان جديد بعد التعديل' });
    expect(rss).toContain('عنوان جديد بعد التعديل');
    expect(rss).not.toContain('عنوان قديم قبل التعديل');
    expect(staleSkips).toBeGreaterThan(0);
  });

  it('without it (the old publisher), the same interleaving leaves the older document in place', async () => {
    const { rss } = await race(false, { before: 'خبر أول بصيغته الأولى', after: 'خبر أول بصيغته المعدلة' });
    expect(rss).toContain('خبر أول بصيغته الأولى');
  });
});
