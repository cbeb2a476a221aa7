// The render and rebuild functions' S3FeedPublisher, from the Lambda config and the environment's credentials (no AWS SDK S3 client).
import { S3FeedPublisher } from '../adapters/s3-feed-publisher.ts';
import type { LambdaConfig } from '../adapters/lambda-config.ts';
import { lambdaS3Options } from './lambda-s3-options.ts';

/**
 * An S3FeedPublisher on the site bucket, connected as `lambdaS3Options` says (environment keys, AWS_REGION,
 * AWS_ENDPOINT_URL_S3 when set).
 *
 * @example
 * const publisher = createS3FeedPublisher(readLambdaConfig());
 * await publisher.publish(doc); //=> { path: 'feeds/all.rss', written: true }
 */
export function createS3FeedPublisher(config: LambdaConfig): S3FeedPublisher {
  return new S3FeedPublisher(lambdaS3Options(config));
}
