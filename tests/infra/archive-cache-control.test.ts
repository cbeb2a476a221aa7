// One archive lifetime: the Cache-Control nashra serve sends on archive pages is the one CloudFront sends in the cloud.
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { SiteDistribution } from '../../infra/constructs/site-distribution.ts';
import { ARCHIVE_MAX_AGE_SECONDS, archiveCacheControlOf } from '../../lambda/core/config/config-values.ts';

describe('archive page lifetime', () => {
  it('CloudFront keeps and sends archive pages for ARCHIVE_MAX_AGE_SECONDS, the Cache-Control the renderer gives them', () => {
    const stack = new Stack(new App(), 'ArchiveLifetime', { env: { account: '123456789012', region: 'eu-west-1' } });
    new SiteDistribution(stack, 'Cdn', {
      bucket: new Bucket(stack, 'Site'),
      logBucket: new Bucket(stack, 'Logs'),
      publishedPaths: ['feeds/', 'index.html'],
      privatePrefixes: ['feeds/_site/'],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({ MinTTL: ARCHIVE_MAX_AGE_SECONDS, DefaultTTL: ARCHIVE_MAX_AGE_SECONDS }),
    });
    const value = archiveCacheControlOf({ ttl: 5 });
    expect(value).toBe(`public, max-age=${ARCHIVE_MAX_AGE_SECONDS}`);
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        CustomHeadersConfig: { Items: [{ Header: 'Cache-Control', Value: value, Override: true }] },
      }),
    });
  });

  it('is never shorter than the current documents’ max-age', () => {
    expect(archiveCacheControlOf({ ttl: 5, maxAge: 7 * 86_400 })).toBe('public, max-age=604800');
  });
});
