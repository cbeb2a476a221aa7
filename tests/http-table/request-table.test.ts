// Runs the one request table through the HTTP core directly and through the node:http adapter on 127.0.0.1.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { listenNodeHttpServer, type RunningNodeServer } from '../../lambda/adapters/node-http-server.ts';
import { rawHttpFetch } from './raw-http-fetch.ts';
import { requestTable, runRequestCase, type TableContext } from './request-table.ts';
import { createTableFixture, type TableFixture } from './table-fixture.ts';

describe('request table through createApp', () => {
  let fx: TableFixture;
  let fetchLike: (r: Request) => Promise<Response>;
  const ctx: TableContext = {};
  beforeAll(async () => {
    fx = await createTableFixture();
    fetchLike = fx.createApp().fetch;
  });
  for (const c of requestTable) it(c.name, () => runRequestCase(fetchLike, c, ctx, fx));
});

describe('request table through the node:http adapter', () => {
  let fx: TableFixture;
  let server: RunningNodeServer;
  let fetchLike: (r: Request) => Promise<Response>;
  const ctx: TableContext = {};
  beforeAll(async () => {
    fx = await createTableFixture();
    server = await listenNodeHttpServer(fx.createApp().fetch, { port: 0, maxBodyBytes: fx.maxBodyBytes });
    fetchLike = rawHttpFetch(server.url);
  });
  afterAll(() => server?.close());
  for (const c of requestTable) it(c.name, () => runRequestCase(fetchLike, c, ctx, fx));
});
