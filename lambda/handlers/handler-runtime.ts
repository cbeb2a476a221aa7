// What every handler shares, built once per cold start: config, Powertools logger/metrics, the DynamoDB client and store.
import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDbArticleStore } from '../adapters/dynamodb-article-store.ts';
import { DynamoDbHttpClient } from '../adapters/dynamodb-http-client.ts';
import { LambdaConfigError, readLambdaConfig, type LambdaConfig } from '../adapters/lambda-config.ts';
import { systemClock } from '../adapters/system-clock.ts';
import { createHandlerLogger } from './handler-logger.ts';
import { defaultProvider } from './lambda-credential-provider.ts';

export interface HandlerRuntime {
  config: LambdaConfig;
  logger: Logger;
  metrics: Metrics;
  store: DynamoDbArticleStore;
  /** The DynamoDB client the store uses (the publish ledger shares it). */
  dynamo: DynamoDbHttpClient;
}

/**
 * The DynamoDB client of a Lambda function (aws4fetch, no AWS SDK DynamoDB client): in AWS_REGION, signed with the keys
 * Lambda puts in the environment (`defaultProvider`, re-read per request), at AWS_ENDPOINT_URL_DYNAMODB (else
 * AWS_ENDPOINT_URL) when set, e.g. dynalite in tests, with AWS_MAX_ATTEMPTS attempts when set.
 *
 * @example
 * const client = createDynamoDbHttpClient(readLambdaConfig());
 * client.endpoint //=> 'https://dynamodb.eu-west-1.amazonaws.com'
 */
export function createDynamoDbHttpClient(config: LambdaConfig): DynamoDbHttpClient {
  if (!config.region) throw new LambdaConfigError('AWS_REGION', 'is not set');
  return new DynamoDbHttpClient({
    region: config.region,
    credentials: defaultProvider(),
    ...(config.dynamoDbEndpoint ? { endpoint: config.dynamoDbEndpoint } : {}),
    ...(config.maxAttempts ? { maxAttempts: config.maxAttempts } : {}),
  });
}

/**
 * Builds the shared runtime from the environment (`readLambdaConfig`), so tests point it at dynalite with env only.
 *
 * @example
 * const { config, logger, store } = createHandlerRuntime('render');
 */
export function createHandlerRuntime(functionName: string): HandlerRuntime {
  const config = readLambdaConfig();
  const logger = createHandlerLogger(functionName, config.stage);
  const metrics = new Metrics({ namespace: 'Nashra', serviceName: 'nashra', defaultDimensions: { function: functionName } });
  const dynamo = createDynamoDbHttpClient(config);
  const store = new DynamoDbArticleStore({ client: dynamo, tableName: config.tableName, clock: systemClock });
  return { config, logger, metrics, store, dynamo };
}

/**
 * Flushes metrics without failing the invocation when there were none.
 *
 * @example
 * try { … } finally { flushMetrics(metrics); }
 */
export function flushMetrics(metrics: Metrics): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
