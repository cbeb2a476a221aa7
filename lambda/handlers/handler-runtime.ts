// What every handler shares, built once per cold start: config, Powertools logger/metrics, the DynamoDB client and store.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDbArticleStore } from '../adapters/dynamodb-article-store.ts';
import { readLambdaConfig, type LambdaConfig } from '../adapters/lambda-config.ts';
import { systemClock } from '../adapters/system-clock.ts';

export interface HandlerRuntime {
  config: LambdaConfig;
  logger: Logger;
  metrics: Metrics;
  store: DynamoDbArticleStore;
}

/**
 * Builds the shared runtime from the environment. Region, endpoint and credentials come from the SDK's own
 * environment handling (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, …), so tests point it at dynalite with env only.
 *
 * @example
 * const { config, logger, store } = createHandlerRuntime('render');
 */
export function createHandlerRuntime(functionName: string): HandlerRuntime {
  const config = readLambdaConfig();
  const logger = new Logger({ serviceName: 'nashra', persistentKeys: { function: functionName, stage: config.stage } });
  const metrics = new Metrics({ namespace: 'Nashra', serviceName: 'nashra', defaultDimensions: { function: functionName } });
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  const store = new DynamoDbArticleStore({ client: doc, tableName: config.tableName, clock: systemClock });
  return { config, logger, metrics, store };
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
