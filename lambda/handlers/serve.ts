// Lambda composition root: the HTTP core (read-only) over the published documents in S3, behind the HTTP API's $default route and CloudFront's /api/*.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { CachedDocumentSource } from '../adapters/cached-document-source.ts';
import { readLambdaConfig } from '../adapters/lambda-config.ts';
import { systemClock } from '../adapters/system-clock.ts';
import { apiGatewayV2FromResponse, requestFromApiGatewayV2 } from '../adapters/lambda-http.ts';
import { createApp } from '../core/http/create-app.ts';
import { MethodNotAllowedError, ServiceUnavailableError } from '../core/http/http-error.ts';
import { checkDocumentPath } from '../ports/feed-publisher.ts';
import { createS3FeedPublisher } from './create-s3-feed-publisher.ts';
import { createHandlerLogger } from './handler-logger.ts';

/** A warm instance asks S3 for a path at most once a minute (readers cache feeds for `ttl` minutes anyway). */
export const SERVE_FRESH_MS = 60_000;

const config = readLambdaConfig();
const logger = createHandlerLogger('serve', config.stage);
// The documents render and rebuild published: serve never reads the table or renders, so its cost per request is one
// S3 GET per path per minute at most, however large the archive grows.
const documents = new CachedDocumentSource(createS3FeedPublisher(config), { freshMs: SERVE_FRESH_MS, now: () => performance.now() });

/** What render and rebuild publish: feeds and archives, the index and the stylesheet. Anything else is a 404 without asking S3. */
const PUBLISHED = /^(?:feeds\/.+|index\.html|feed\.css)$/;

/** Whether `path` is a published document's path that S3 could hold (no empty, "." or ".." segment, no control character). */
function isPublishedPath(path: string): boolean {
  if (!PUBLISHED.test(path)) return false;
  try {
    checkDocumentPath(path);
    return true;
  } catch {
    return false;
  }
}

const app = createApp({
  site: {
    getDocument: (path) =>
      isPublishedPath(path)
        ? documents.get(path).catch((error: unknown) => {
            logger.error('bucket unreadable', { path, error: error as Error });
            throw new ServiceUnavailableError('The published feeds could not be read; try again shortly.', 5, error);
          })
        : undefined,
    // Read-only: articles come in through the ingest function (IAM-authorized), never here.
    ingest: () => Promise.reject(new MethodNotAllowedError('POST', ['GET', 'HEAD'])),
  },
  clock: systemClock,
  config: config.site,
  onError: (error, correlationId) => logger.error('request failed', { correlationId, error: error as Error }),
});

/**
 * Serves the index, feeds and archives as published in the bucket (re-read at most once a minute per path), with
 * the same ETag/304/compression behaviour as the local server. CloudFront's `/api` prefix is stripped. When S3
 * cannot be read the answer is 503 with `Retry-After`.
 *
 * @example
 * await handler(getEvent('/api/feeds/all.rss')) //=> { statusCode: 200, headers: { etag: '"…"', … }, … }
 */
export async function handler(event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyStructuredResultV2> {
  if (context) logger.addContext(context);
  logger.setCorrelationId(event.requestContext?.requestId);
  try {
    return await apiGatewayV2FromResponse(await app.fetch(requestFromApiGatewayV2(event, { stripPrefix: '/api' })));
  } finally {
    logger.resetKeys();
  }
}
