// The render and rebuild functions' S3FeedPublisher, from the Lambda config and the environment's credentials (no AWS SDK S3 client).
import { S3FeedPublisher } from '../adapters/s3-feed-publisher.ts';
import { LambdaConfigError, type LambdaConfig } from '../adapters/lambda-config.ts';
import { defaultProvider } from './lambda-credential-provider.ts';

/**
 * An S3FeedPublisher on the site bucket, signed with the keys Lambda puts in the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: the same `fromEnv` the bundled SDK clients use, re-read per request),
 * in AWS_REGION, at AWS_ENDPOINT_URL_S3 when set (tests: s3rver, with S3_FORCE_PATH_STYLE=true).
 *
 * @example
 * const publisher = createS3FeedPublisher(readLambdaConfig());
 * await publisher.publish(doc); //=> { path: 'feeds/all.rss', written: true }
 */
export function createS3FeedPublisher(config: LambdaConfig): S3FeedPublisher {
  if (!config.region) throw new LambdaConfigError('AWS_REGION', 'is not set');
  return new S3FeedPublisher({
    bucket: config.bucketName,
    region: config.region,
    credentials: defaultProvider(),
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint } : {}),
    forcePathStyle: config.s3ForcePathStyle,
  });
}
