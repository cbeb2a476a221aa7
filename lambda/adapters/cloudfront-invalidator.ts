// CloudFrontInvalidator: asks CloudFront to drop cached copies of changed paths (CreateInvalidation over aws4fetch; no SDK client in the bundles).
import { AwsClient } from 'aws4fetch';
import type { AwsCredentialSource } from './aws-credentials.ts';

export interface CloudFrontInvalidatorOptions {
  distributionId: string;
  credentials: AwsCredentialSource;
  /** Another endpoint (tests); default `https://cloudfront.amazonaws.com`. */
  endpoint?: string;
  /** More paths than this become one wildcard (`/feeds/*`): CloudFront bills per path, a wildcard counts as one. Default 15. */
  maxPaths?: number;
}

/** CloudFront refused or failed an invalidation. */
export class CloudFrontInvalidationError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'CloudFrontInvalidationError';
  }
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/**
 * The invalidation paths for published document paths: "/" + the path, URL-encoded (CloudFront wants non-ASCII
 * characters encoded), or one wildcard over their common top folder when there are more than `maxPaths`.
 *
 * @example
 * invalidationPaths(['feeds/category-رياضة/archive/2.rss']) //=> ['/feeds/category-%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9/archive/2.rss']
 */
export function invalidationPaths(paths: readonly string[], maxPaths = 15): string[] {
  const unique = [...new Set(paths)].sort();
  if (unique.length <= maxPaths) return unique.map((p) => `/${encodeURI(p)}`);
  const tops = new Set(unique.map((p) => p.split('/')[0]));
  return tops.size === 1 && unique.every((p) => p.includes('/')) ? [`/${encodeURI([...tops][0]!)}/*`] : ['/*'];
}

/**
 * Sends one CreateInvalidation per call (signed SigV4 for the `cloudfront` service in us-east-1).
 *
 * @example
 * const cdn = new CloudFrontInvalidator({ distributionId: 'E2QWRUHAPOMQZL', credentials: fromEnv() });
 * await cdn.invalidate(['feeds/all/archive/3.rss']) //=> { id: 'I2J0I21PCUYOIK', paths: ['/feeds/all/archive/3.rss'] }
 */
export class CloudFrontInvalidator {
  private readonly url: string;
  private readonly credentials: AwsCredentialSource;
  private readonly maxPaths: number;

  constructor(options: CloudFrontInvalidatorOptions) {
    const endpoint = (options.endpoint ?? 'https://cloudfront.amazonaws.com').replace(/\/$/, '');
    this.url = `${endpoint}/2020-05-31/distribution/${encodeURIComponent(options.distributionId)}/invalidation`;
    this.credentials = options.credentials;
    this.maxPaths = options.maxPaths ?? 15;
  }

  async invalidate(paths: readonly string[], callerReference = `nashra-${Date.now()}-${Math.random().toString(36).slice(2)}`) {
    const items = invalidationPaths(paths, this.maxPaths);
    if (items.length === 0) return { id: undefined, paths: [] };
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>' +
      '<InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">' +
      `<Paths><Quantity>${items.length}</Quantity><Items>${items.map((p) => `<Path>${xml(p)}</Path>`).join('')}</Items></Paths>` +
      `<CallerReference>${xml(callerReference)}</CallerReference></InvalidationBatch>`;
    const c = typeof this.credentials === 'function' ? await this.credentials() : this.credentials;
    const aws = new AwsClient({ ...c, service: 'cloudfront', region: 'us-east-1', retries: 2 });
    const r = await aws.fetch(this.url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    const text = await r.text();
    if (!r.ok) {
      const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP${r.status}`;
      throw new CloudFrontInvalidationError(r.status, `CloudFront CreateInvalidation: ${r.status} ${code}`);
    }
    return { id: /<Id>([^<]*)<\/Id>/.exec(text)?.[1], paths: items };
  }
}
