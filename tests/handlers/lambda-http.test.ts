// The Lambda HTTP adapter: the one request table run through API Gateway v2 events, plus the adapter's own conversions.
import { beforeAll, describe, expect, it } from 'vitest';
import { apiGatewayV2FromResponse, requestFromApiGatewayV2 } from '../../lambda/adapters/lambda-http.ts';
import { requestTable, runRequestCase, type TableContext } from '../http-table/request-table.ts';
import { createTableFixture, type TableFixture } from '../http-table/table-fixture.ts';
import { apiGatewayV2EventFrom, responseFromApiGatewayV2 } from './lambda-events.ts';

describe('request table through the Lambda adapter (API Gateway v2 event ⇄ Request/Response)', () => {
  let fx: TableFixture;
  let fetchLike: (r: Request) => Promise<Response>;
  const ctx: TableContext = {};
  beforeAll(async () => {
    fx = await createTableFixture();
    const app = fx.createApp();
    fetchLike = async (request) => {
      const event = await apiGatewayV2EventFrom(request);
      const result = await apiGatewayV2FromResponse(await app.fetch(requestFromApiGatewayV2(event)));
      // API Gateway carries only strings: the result must survive JSON.
      return responseFromApiGatewayV2(JSON.parse(JSON.stringify(result)));
    };
  });
  for (const c of requestTable) it(c.name, () => runRequestCase(fetchLike, c, ctx, fx));
});

describe('lambda-http conversions', () => {
  it('builds the URL from Host, path and query, folds cookies, decodes a base64 body', async () => {
    const event = await apiGatewayV2EventFrom(
      new Request('http://x/articles?dry=1', {
        method: 'POST',
        body: new Uint8Array([0, 255, 1]),
        headers: { 'content-type': 'application/octet-stream', cookie: 'a=1; b=2' },
      }),
    );
    expect(event.isBase64Encoded).toBe(true);
    const req = requestFromApiGatewayV2(event);
    expect(req.url).toBe('https://abc123.execute-api.eu-west-1.amazonaws.com/articles?dry=1');
    expect(req.method).toBe('POST');
    expect(req.headers.get('cookie')).toBe('a=1; b=2');
    expect([...new Uint8Array(await req.arrayBuffer())]).toEqual([0, 255, 1]);
  });
  it('strips the CloudFront /api prefix only at a segment boundary', async () => {
    const on = requestFromApiGatewayV2(await apiGatewayV2EventFrom(new Request('http://x/api/feeds/all.rss')), { stripPrefix: '/api' });
    const off = requestFromApiGatewayV2(await apiGatewayV2EventFrom(new Request('http://x/apiary')), { stripPrefix: '/api' });
    expect(new URL(on.url).pathname).toBe('/feeds/all.rss');
    expect(new URL(off.url).pathname).toBe('/apiary');
  });
  it('sends compressed and binary bodies base64, text as UTF-8, Set-Cookie as cookies', async () => {
    const gz = await apiGatewayV2FromResponse(
      new Response(new Uint8Array([31, 139, 8]), { headers: { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' } }),
    );
    expect(gz).toMatchObject({ isBase64Encoded: true, body: Buffer.from([31, 139, 8]).toString('base64') });
    const headers = new Headers({ 'content-type': 'application/atom+xml; charset=utf-8' });
    headers.append('set-cookie', 'a=1');
    headers.append('set-cookie', 'b=2');
    const text = await apiGatewayV2FromResponse(new Response('<feed>عربي</feed>', { status: 200, headers }));
    expect(text).toMatchObject({ isBase64Encoded: false, body: '<feed>عربي</feed>', cookies: ['a=1', 'b=2'] });
    expect(text.headers).not.toHaveProperty('set-cookie');
  });
});
