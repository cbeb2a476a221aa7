// SiteDistribution template tests: the bucket policy exposes published documents only, the price class reaches the Middle East, every feed format is compressed, edge lifetimes.
import { beforeAll, describe, expect, test } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { CLOUDFRONT_COMPRESSIBLE_TYPES } from '../../infra/constructs/site-distribution.ts';
import { BUCKET_PREFIXES } from '../../infra/nashra-stack.ts';
import { compressibleContentType } from '../../lambda/adapters/s3-feed-publisher.ts';
import { CONTENT_TYPES } from '../../lambda/core/feeds/feed-page.ts';
import { synthStack, type SynthResult } from './synth-stack.ts';

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Principal?: { Service?: string };
  Resource: unknown;
}

let dev: SynthResult;
beforeAll(() => {
  dev = synthStack({ stage: 'dev' });
});

/** The site bucket policy's statements whose principal is CloudFront. */
function cloudFrontStatements(): Statement[] {
  const policies = Object.entries(dev.template.findResources('AWS::S3::BucketPolicy')).filter(([id]) => id.startsWith('SiteBucket'));
  expect(policies).toHaveLength(1);
  const statements = (policies[0]![1] as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
    .Statement;
  return statements.filter((s) => s.Principal?.Service === 'cloudfront.amazonaws.com');
}

/** The key pattern of an object ARN written as `{"Fn::Join": ["", [<bucket arn>, "/feeds/*"]]}`. */
function keyPatterns(resource: unknown): string[] {
  const list = Array.isArray(resource) ? resource : [resource];
  return list.map((r) => {
    const parts = (r as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    return String(parts.at(-1)).replace(/^\//, '');
  });
}

/** Whether an S3 resource pattern (with "*") matches a key. */
const covers = (pattern: string, key: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(key);

describe('only published documents are public', () => {
  test('no CloudFront Allow covers a key under incoming/, processed/, rejected/ or the summaries', () => {
    const allowed = cloudFrontStatements()
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => keyPatterns(s.Resource));
    expect(allowed.length).toBeGreaterThan(0);
    const privateKeys = [
      `${BUCKET_PREFIXES.incoming}today.ndjson`,
      `${BUCKET_PREFIXES.processed}today.ndjson`,
      `${BUCKET_PREFIXES.rejected}today.ndjson`,
      `${BUCKET_PREFIXES.rejected}today.ndjson.errors.json`,
    ];
    for (const key of privateKeys)
      expect(
        allowed.filter((p) => covers(p, key)),
        key,
      ).toEqual([]);
    // What readers need is still covered.
    for (const key of ['feeds/all.rss', 'feeds/all/archive/3.atom', 'index.html', 'feed.css']) {
      expect(
        allowed.some((p) => covers(p, key)),
        key,
      ).toBe(true);
    }
  });
  test('an explicit Deny for CloudFront on the inbox prefixes and the feed summaries', () => {
    const denied = cloudFrontStatements()
      .filter((s) => s.Effect === 'Deny')
      .flatMap((s) => keyPatterns(s.Resource));
    for (const key of ['incoming/a.json', 'processed/a.json', 'rejected/a.json', 'feeds/_site/feed-summaries.json']) {
      expect(
        denied.some((p) => covers(p, key)),
        key,
      ).toBe(true);
    }
  });
  test('the S3 origin is still signed with Origin Access Control (sigv4, always)', () => {
    dev.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [Match.objectLike({ OriginAccessControlId: { 'Fn::GetAtt': [Match.stringLikeRegexp('OriginAccessControl'), 'Id'] } })],
      }),
    });
  });
});

describe('readers', () => {
  test('the default price class includes the Middle East and Africa edges (PriceClass_200)', () => {
    dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ PriceClass: 'PriceClass_200' }),
    });
  });
  test('all three feed formats are stored under a content type CloudFront compresses', () => {
    for (const contentType of Object.values(CONTENT_TYPES)) {
      const stored = compressibleContentType(contentType);
      const mediaType = stored.split(';')[0]!.trim();
      expect(CLOUDFRONT_COMPRESSIBLE_TYPES as readonly string[], `${contentType} → ${stored}`).toContain(mediaType);
      expect(stored).toMatch(/charset=utf-8/);
    }
    // RSS keeps its own type (it is in the list); the other two are not, which is why they are mapped.
    expect(compressibleContentType(CONTENT_TYPES.rss)).toBe(CONTENT_TYPES.rss);
    expect(CLOUDFRONT_COMPRESSIBLE_TYPES as readonly string[]).not.toContain('application/atom+xml');
  });
  test('every behaviour compresses, with gzip and brotli in the cache key', () => {
    const [dist] = Object.values(dev.template.findResources('AWS::CloudFront::Distribution')) as Array<{
      Properties: { DistributionConfig: { DefaultCacheBehavior: { Compress: boolean }; CacheBehaviors: Array<{ Compress: boolean }> } };
    }>;
    const config = dist!.Properties.DistributionConfig;
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) expect(b.Compress).toBe(true);
    const policies = Object.values(dev.template.findResources('AWS::CloudFront::CachePolicy')) as Array<{
      Properties: { CachePolicyConfig: { ParametersInCacheKeyAndForwardedToOrigin: Record<string, unknown> } };
    }>;
    expect(policies).toHaveLength(2);
    for (const p of policies) {
      expect(p.Properties.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
      });
    }
  });
  test('current documents live 1 s at the edge; archive pages a day at the edge and in browsers', () => {
    dev.template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({ MinTTL: 0, DefaultTTL: 1, MaxTTL: 1 }),
    });
    dev.template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({ MinTTL: 86_400, DefaultTTL: 86_400 }),
    });
    dev.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        CustomHeadersConfig: { Items: [{ Header: 'Cache-Control', Value: 'public, max-age=86400', Override: true }] },
      }),
    });
    // The WebSub ping waits out the edge lifetime, so the hub always fetches the new bytes.
    dev.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('DynamoDB stream'),
      Environment: { Variables: Match.objectLike({ EDGE_TTL_SECONDS: '1' }) },
    });
  });
});

describe('archive invalidation', () => {
  test('render and the rebuilds (single and fanned-out) know the distribution and may invalidate it (nothing else of CloudFront)', () => {
    for (const description of ['DynamoDB stream', 're-render every feed', 'rebuild, first half', 'rebuild, second half']) {
      dev.template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp(description),
        Environment: { Variables: Match.objectLike({ DISTRIBUTION_ID: { Ref: Match.stringLikeRegexp('SiteDistribution') } }) },
      });
    }
    const policies = Object.entries(dev.template.findResources('AWS::IAM::Policy')) as Array<
      [string, { Properties: { PolicyDocument: { Statement: Array<{ Action: string | string[] }> } } }]
    >;
    const withCloudFront = policies
      .filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('cloudfront:'))
      .map(([id]) => id.replace(/Function.*/, ''))
      .sort();
    expect(withCloudFront).toEqual(['Rebuild', 'RebuildFanOutPlan', 'RebuildFanOutWorker', 'Render']);
    const actions = policies
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement.flatMap((s) => s.Action))
      .filter((a) => a.startsWith('cloudfront:'));
    expect([...new Set(actions)]).toEqual(['cloudfront:CreateInvalidation']);
  });
});
