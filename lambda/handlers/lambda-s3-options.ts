// The S3 connection a Lambda function's S3 adapters use (S3FeedPublisher, S3ObjectInbox), from the Lambda config and the environment's keys.
import type { S3HttpOptions } from '../adapters/s3-http.ts';
import { LambdaConfigError, type LambdaConfig } from '../adapters/lambda-config.ts';
import { defaultProvider } from './lambda-credential-provider.ts';

/**
 * The site bucket, signed with the keys Lambda puts in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN: the same `fromEnv` the bundled SDK clients use, re-read per request), in AWS_REGION, at
 * AWS_ENDPOINT_URL_S3 when set (tests: s3rver, with S3_FORCE_PATH_STYLE=true). No AWS SDK S3 client.
 *
 * @example
 * new S3ObjectInbox(lambdaS3Options(readLambdaConfig())) // the bucket's incoming/ inbox
 */
export function lambdaS3Options(config: LambdaConfig): S3HttpOptions {
  if (!config.region) throw new LambdaConfigError('AWS_REGION', 'is not set');
  return {
    bucket: config.bucketName,
    region: config.region,
    credentials: defaultProvider(),
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint } : {}),
    forcePathStyle: config.s3ForcePathStyle,
  };
}
