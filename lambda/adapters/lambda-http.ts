// API Gateway HTTP API (payload v2) event ⇄ web-standard Request/Response; converts only, decides nothing.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface ToRequestOptions {
  /** A path prefix the public URL has but the app does not, e.g. "/api" for CloudFront's `/api/*` behaviour. */
  stripPrefix?: string;
}

const TEXT_TYPES = /^(text\/|application\/(json|problem\+json|feed\+json|rss\+xml|atom\+xml|xml|javascript)|image\/svg\+xml)/i;

/**
 * Builds the Request an API Gateway v2 event describes: method, URL (host from the Host header),
 * headers (cookies folded back into `cookie`), and the body (base64-decoded when flagged).
 *
 * @example
 * const req = requestFromApiGatewayV2(event);
 * req.method //=> 'POST'
 * new URL(req.url).pathname //=> '/articles'
 */
export function requestFromApiGatewayV2(event: APIGatewayProxyEventV2, options: ToRequestOptions = {}): Request {
  const method = event.requestContext.http.method.toUpperCase();
  const headers = new Headers();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers.set(k, v);
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const host = headers.get('host') ?? event.requestContext.domainName;
  const proto = headers.get('x-forwarded-proto') ?? 'https';
  let path = event.rawPath || '/';
  const prefix = options.stripPrefix;
  if (prefix && (path === prefix || path.startsWith(`${prefix}/`))) path = path.slice(prefix.length) || '/';
  const url = `${proto}://${host}${path}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
  const hasBody = event.body !== undefined && event.body !== null && method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? (event.isBase64Encoded ? Buffer.from(event.body!, 'base64') : Buffer.from(event.body!, 'utf8')) : undefined;
  return new Request(url, { method, headers, ...(body ? { body } : {}) });
}

/**
 * Turns a Response into the structured result API Gateway v2 expects. Text bodies go as UTF-8 strings;
 * binary and content-encoded (gzip/br) bodies go base64 with `isBase64Encoded`. `Set-Cookie` goes to `cookies`.
 *
 * @example
 * const result = await apiGatewayV2FromResponse(new Response('hi', { headers: { 'content-type': 'text/plain' } }));
 * result //=> { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'hi', isBase64Encoded: false }
 */
export async function apiGatewayV2FromResponse(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  const bytes = new Uint8Array(await response.arrayBuffer());
  const contentType = response.headers.get('content-type') ?? '';
  const encoded = response.headers.has('content-encoding') && response.headers.get('content-encoding') !== 'identity';
  const asText = !encoded && (bytes.byteLength === 0 || TEXT_TYPES.test(contentType));
  return {
    statusCode: response.status,
    headers,
    ...(cookies.length ? { cookies } : {}),
    body: asText ? Buffer.from(bytes).toString('utf8') : Buffer.from(bytes).toString('base64'),
    isBase64Encoded: !asText,
  };
}
