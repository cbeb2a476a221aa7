// Lambda composition root: the HTTP core (read-only) behind the HTTP API's $default route and CloudFront's /api/*.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { apiGatewayV2FromResponse, requestFromApiGatewayV2 } from '../adapters/lambda-http.ts';
import { systemClock } from '../adapters/system-clock.ts';
import { createApp } from '../core/http/create-app.ts';
import { MethodNotAllowedError } from '../core/http/http-error.ts';
import { createSiteService } from '../core/site/site-service.ts';
import { createHandlerRuntime } from './handler-runtime.ts';

const { config, logger, store } = createHandlerRuntime('serve');
/** Rendered documents are kept this long in a warm instance, then re-rendered from the table. */
const FRESH_MS = 60_000;
const site = createSiteService({ store, config: config.site, clock: systemClock });
let renderedAt = -Infinity;
let rendering: Promise<unknown> | undefined;

const app = createApp({
  site: {
    getDocument: (path) => site.getDocument(path),
    // Read-only: articles come in through the ingest function (IAM-authorized), never here.
    ingest: () => Promise.reject(new MethodNotAllowedError('POST', ['GET', 'HEAD'])),
  },
  config: config.site,
  onError: (error, correlationId) => logger.error('request failed', { correlationId, error: error as Error }),
});

async function ensureFresh(): Promise<void> {
  if (performance.now() - renderedAt < FRESH_MS) return;
  rendering ??= site.renderAll().then(
    () => {
      renderedAt = performance.now();
      rendering = undefined;
    },
    (error: unknown) => {
      rendering = undefined;
      throw error;
    },
  );
  await rendering;
}

/**
 * Serves the index, feeds and archives rendered from the table (fresh within a minute), with the same
 * ETag/304/compression behaviour as the local server. CloudFront's `/api/*` prefix is stripped.
 *
 * @example
 * await handler(getEvent('/api/feeds/all.rss')) //=> { statusCode: 200, headers: { etag: '"…"', … }, … }
 */
export async function handler(event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyStructuredResultV2> {
  if (context) logger.addContext(context);
  logger.setCorrelationId(event.requestContext?.requestId);
  try {
    await ensureFresh();
    return await apiGatewayV2FromResponse(await app.fetch(requestFromApiGatewayV2(event, { stripPrefix: '/api' })));
  } catch (error) {
    logger.error('serve failed', { error: error as Error });
    return {
      statusCode: 503,
      headers: { 'content-type': 'application/problem+json; charset=utf-8', 'retry-after': '5', 'cache-control': 'no-store' },
      body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'The feed store could not be read; try again shortly.' }),
      isBase64Encoded: false,
    };
  } finally {
    logger.resetKeys();
  }
}
