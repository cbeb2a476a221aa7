// SiteDistribution: the CloudFront side of the site (cache and header policies, the S3 origin, behaviours, logging, TLS).
import { Duration, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface SiteDistributionProps {
  /** The bucket the site is published to (read through Origin Access Control). */
  bucket: IBucket;
  /** Where CloudFront writes its standard logs (under `cloudfront/`). */
  logBucket: IBucket;
  /** The HTTP API behind `/articles` and `/api/*`. */
  api: HttpApi;
  /** Custom domain, with its us-east-1 ACM certificate; both or neither. */
  domainName?: string | undefined;
  certificateArn?: string | undefined;
}

/**
 * The distribution readers fetch feeds from, with its cache policy (TTL from the origin's Cache-Control, nothing from
 * the viewer in the key), security headers and CORS for web readers.
 *
 * @example
 * const cdn = new SiteDistribution(stack, 'Cdn', { bucket, logBucket, api });
 * cdn.baseUrl //=> 'https://d111111abcdef8.cloudfront.net/' (a token until deploy)
 */
export class SiteDistribution extends Construct {
  readonly distribution: Distribution;
  /** The public base URL of the site, with a trailing slash: the custom domain, else the distribution's own domain. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const cachePolicy = new CachePolicy(this, 'FeedCachePolicy', {
      comment: 'nashra feeds: TTL from the origin Cache-Control; no cookies, headers or query strings in the key',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.minutes(5),
      maxTtl: Duration.days(1),
      cookieBehavior: CacheCookieBehavior.none(),
      headerBehavior: CacheHeaderBehavior.none(),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const headersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeadersPolicy', {
      comment: 'nashra: security headers; feeds readable cross-origin by web readers',
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
    });
    const apiDomain = `${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    const apiBehavior = {
      origin: new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headersPolicy,
      compress: true,
    };
    const custom =
      props.domainName && props.certificateArn
        ? {
            domainNames: [props.domainName],
            certificate: Certificate.fromCertificateArn(this, 'SiteCertificate', props.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {};
    this.distribution = new Distribution(this, 'SiteDistribution', {
      comment: 'nashra feeds',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(props.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy,
        responseHeadersPolicy: headersPolicy,
        compress: true,
      },
      additionalBehaviors: { '/articles': apiBehavior, '/api/*': apiBehavior },
      ...custom,
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'News feeds are published for readers everywhere; no geo restriction by design.' },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Reads are static, cached documents; the only write path (POST /articles) is IAM-authorized and throttled at the API stage. Add WAF when abuse shows up.',
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
