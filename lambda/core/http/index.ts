// Public entry of the HTTP core. Pure: no node:http, no AWS.
export { createApp, type App, type AppOptions, type AppSite } from './create-app.ts';
export { createCompressionCache, type CompressionCache, type CompressionCacheOptions } from './create-compression-cache.ts';
export * from './http-error.ts';
export { isNotModified, parseEntityTagList, parseHttpDate, type Validators } from './is-not-modified.ts';
export { negotiateEncoding, type ContentCoding } from './negotiate-encoding.ts';
export { readLimitedBody } from './read-limited-body.ts';
export { verifyBearerToken } from './verify-bearer-token.ts';
export { bytesResponse, rawResponseOf } from './raw-response-body.ts';
