// SiteDistribution: the CloudFront side of the site (S3 origin through OAC scoped to published paths, cache policies, headers, logging, TLS).
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  type CfnDistribution,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  type ResponseHeadersPolicyProps,
  S3OriginAccessControl,
  SecurityPolicyProtocol,
  Signing,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ARCHIVE_MAX_AGE_SECONDS } from '../../lambda/core/config/config-values.ts';

/** Edge lifetime of current documents (feeds, index, stylesheet): a publish is served everywhere this long after. */
export const CURRENT_EDGE_TTL = Duration.seconds(1);
/** Edge and browser lifetime of archive pages, which change only when an old article is edited or removed. */
const ARCHIVE_TTL = Duration.seconds(ARCHIVE_MAX_AGE_SECONDS);
/** The CloudFront path pattern of archive pages (`feeds/<name>/archive/<n>.<format>`). */
const ARCHIVE_PATH_PATTERN = '/feeds/*/archive/*';

/**
 * The content types CloudFront compresses (from "Serving compressed files" in the CloudFront developer guide, the
 * entries a feed can use). `application/atom+xml` and `application/feed+json` are not among them.
 */
export const CLOUDFRONT_COMPRESSIBLE_TYPES = [
  'application/javascript',
  'application/json',
  'application/rss+xml',
  'application/xhtml+xml',
  'application/xml',
  'text/css',
  'text/html',
  'text/javascript',
  'text/plain',
  'text/xml',
] as const;

export interface SiteDistributionProps {
  /** The bucket the site is published to (read through Origin Access Control). */
  bucket: IBucket;
  /** Where CloudFront writes its standard logs (under `cloudfront/`). */
  logBucket: IBucket;
  /** What readers may fetch: key prefixes ending in "/" and whole keys. Nothing else is readable through CloudFront. */
  publishedPaths: readonly string[];
  /** Prefixes CloudFront is explicitly denied, even where a published prefix covers them (e.g. `feeds/_site/`). */
  privatePrefixes: readonly string[];
  /** Custom domain, with its us-east-1 ACM certificate; both or neither. */
  domainName?: string | undefined;
  certificateArn?: string | undefined;
  /** Default PriceClass_200: North America, Europe, Asia, the Middle East and Africa. */
  priceClass?: PriceClass | undefined;
}

/**
 * The distribution readers fetch feeds from: S3 through Origin Access Control, readable only under the published paths
 * (the inbox and the summaries are denied), current documents 1 s at the edge, archive pages a day (edge and browser),
 * security headers and CORS for web readers.
 *
 * @example
 * const cdn = new SiteDistribution(stack, 'Cdn', { bucket, logBucket, publishedPaths: ['feeds/', 'index.html'], privatePrefixes: ['incoming/'] });
 * cdn.baseUrl //=> 'https://d111111abcdef8.cloudfront.net/' (a token until deploy)
 */
export class SiteDistribution extends Construct {
  readonly distribution: Distribution;
  /** The public base URL of the site, with a trailing slash: the custom domain, else the distribution's own domain. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const policyKey = {
      cookieBehavior: CacheCookieBehavior.none(),
      headerBehavior: CacheHeaderBehavior.none(),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    };
    // Current documents: the edge keeps them CURRENT_EDGE_TTL (it revalidates with an ETag after that), whatever
    // max-age the browser gets; the WebSub ping waits as long, so the hub always fetches the new bytes.
    const cachePolicy = new CachePolicy(this, 'FeedCachePolicy', {
      comment: 'nashra current feeds: 1 s at the edge (then revalidated), no cookies, headers or query strings in the key',
      minTtl: Duration.seconds(0),
      defaultTtl: CURRENT_EDGE_TTL,
      maxTtl: CURRENT_EDGE_TTL,
      ...policyKey,
    });
    const archivePolicy = new CachePolicy(this, 'ArchiveCachePolicy', {
      comment: 'nashra archive pages: a day at the edge at least; render invalidates the rare change',
      minTtl: ARCHIVE_TTL,
      defaultTtl: ARCHIVE_TTL,
      maxTtl: Duration.days(365),
      ...policyKey,
    });
    const headers: ResponseHeadersPolicyProps = {
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: "default-src 'none'; style-src 'self'; img-src https: data:; frame-ancestors 'none'; base-uri 'none'",
          override: false,
        },
      },
      corsBehavior: {
        accessControlAllowCredentials: false,
        accessControlAllowHeaders: ['*'],
        accessControlAllowMethods: ['GET', 'HEAD'],
        accessControlAllowOrigins: ['*'],
        accessControlExposeHeaders: ['ETag', 'Last-Modified', 'Link'],
        originOverride: false,
      },
    };
    const headersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeadersPolicy', {
      comment: 'nashra: security headers; feeds readable cross-origin by web readers',
      ...headers,
    });
    const archiveHeadersPolicy = new ResponseHeadersPolicy(this, 'ArchiveHeadersPolicy', {
      comment: 'nashra archive pages: the security headers, and a day of browser lifetime',
      ...headers,
      customHeadersBehavior: {
        customHeaders: [{ header: 'Cache-Control', value: `public, max-age=${ARCHIVE_TTL.toSeconds()}`, override: true }],
      },
    });

    // The origin without CDK's own grant (it would allow s3:GetObject on every key): OAC is attached below, and the
    // bucket policy names the published paths only.
    const origin = S3BucketOrigin.withBucketDefaults(props.bucket);
    const oac = new S3OriginAccessControl(this, 'OriginAccessControl', {
      description: 'nashra: CloudFront reads published documents only',
      signing: Signing.SIGV4_ALWAYS,
    });
    const custom =
      props.domainName && props.certificateArn
        ? {
            domainNames: [props.domainName],
            certificate: Certificate.fromCertificateArn(this, 'SiteCertificate', props.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {};
    const behavior = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      compress: true,
    };
    this.distribution = new Distribution(this, 'SiteDistribution', {
      comment: 'nashra feeds',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: { ...behavior, cachePolicy, responseHeadersPolicy: headersPolicy },
      additionalBehaviors: {
        [ARCHIVE_PATH_PATTERN]: { ...behavior, cachePolicy: archivePolicy, responseHeadersPolicy: archiveHeadersPolicy },
      },
      ...custom,
    });
    (this.distribution.node.defaultChild as CfnDistribution).addPropertyOverride(
      'DistributionConfig.Origins.0.OriginAccessControlId',
      oac.originAccessControlId,
    );
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR7',
      reason:
        'The S3 origin does use Origin Access Control (sigv4, always): it is attached by a property override so that CDK adds no bucket-wide grant; the check reads the construct props, not the override (a template test asserts the OAC id).',
    });
    const fromThisDistribution = {
      StringEquals: {
        'AWS:SourceArn': stack.formatArn({
          service: 'cloudfront',
          region: '',
          resource: 'distribution',
          resourceName: this.distribution.distributionId,
        }),
      },
    };
    const cloudfront = new ServicePrincipal('cloudfront.amazonaws.com');
    const arnOf = (p: string) => props.bucket.arnForObjects(p.endsWith('/') ? `${p}*` : p);
    props.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudFrontReadsPublishedDocuments',
        effect: Effect.ALLOW,
        principals: [cloudfront],
        actions: ['s3:GetObject'],
        resources: props.publishedPaths.map(arnOf),
        conditions: fromThisDistribution,
      }),
    );
    props.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudFrontNeverReadsTheInbox',
        effect: Effect.DENY,
        principals: [cloudfront],
        actions: ['s3:GetObject'],
        resources: props.privatePrefixes.map(arnOf),
      }),
    );
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'News feeds are published for readers everywhere; no geo restriction by design.' },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Reads are static, cached documents of GET/HEAD only; the write path (POST /articles) is not behind CloudFront. Add WAF when abuse shows up.',
      },
    );
    if (!props.domainName) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the default *.cloudfront.net certificate is used, whose TLS policy cannot be set; with -c domainName the policy is TLSv1.2_2021.',
      });
    }
    this.baseUrl = props.domainName ? `https://${props.domainName}/` : `https://${this.distribution.distributionDomainName}/`;
  }
}
