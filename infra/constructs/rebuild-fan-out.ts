// RebuildFanOut: the scheduled rebuild fanned out per feed: a planner function, an SQS queue of feed batches with its DLQ, and a worker function reading it at a bounded concurrency.
import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NashraFunction } from './nashra-function.ts';

/**
 * Workers side by side at most (the event source mapping's maximum concurrency). A new account runs 10 concurrent
 * executions in all: 5 leaves room for ingest, render and the planner while a rebuild runs.
 */
export const REBUILD_WORKER_CONCURRENCY = 5;
/** A worker's timeout: Lambda's ceiling. A batch is sized to take a fraction of it (docs/deploy.md, "Rebuild fan-out"). */
export const REBUILD_WORKER_TIMEOUT = Duration.minutes(15);
/**
 * The worker's memory: 1,769 MB is one full vCPU. A first rebuild is CPU-bound (rendering, hashing, signing: ≈ 4.9 ms
 * of CPU per document measured by bench/rebuild-scale.bench.ts), and the batch holding "all" is ≈ 120,000 documents at
 * 1,000,000 articles: ≈ 10 minutes on one vCPU, ≈ 17 at 1,024 MB (0.58 vCPU), past the timeout.
 */
export const REBUILD_WORKER_MEMORY_MB = 1769;
/** Receives before a batch goes to the DLQ: the first try and two retries. */
const MAX_RECEIVES = 3;

export interface RebuildFanOutProps {
  /** The articles table (read). */
  table: Table;
  /** The publish ledger (read and written: every publish is a conditional write on it). */
  publishLedger: Table;
  bucket: Bucket;
  /** Object ARNs the workers and the planner may read, write and delete (the published site). */
  siteObjects: string[];
  /** The environment of the writer functions (table, bucket, ledger, edge TTL, hub). */
  environment: Record<string, string>;
  /** EventBridge schedule expression, e.g. "rate(1 day)". */
  schedule: string;
  retainLogs: boolean;
}

/**
 * The fanned-out rebuild: an EventBridge rule runs `rebuild-plan` (one listing of the table, the index, then feed batches
 * and article-page slices onto the queue); `rebuild-feeds` workers take one message per invocation, at most
 * `REBUILD_WORKER_CONCURRENCY` at a time, and report a failed message, which is retried and then moved to the DLQ.
 * The planner may send to this queue and to no other.
 *
 * @example
 * const fanOut = new RebuildFanOut(stack, 'RebuildFanOut', { table, publishLedger, bucket, siteObjects, environment, schedule: 'rate(1 day)', retainLogs: false });
 * fanOut.deadLetterQueue.metricApproximateNumberOfMessagesVisible();
 */
export class RebuildFanOut extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly planner: NashraFunction;
  readonly worker: NashraFunction;

  constructor(scope: Construct, id: string, props: RebuildFanOutProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the rebuild queue; an alarm fires on its depth.',
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for a Lambda event source: at least six times the function's timeout.
      visibilityTimeout: Duration.seconds(REBUILD_WORKER_TIMEOUT.toSeconds() * 6),
      // A day: the next scheduled rebuild supersedes what is still queued.
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVES },
    });

    this.planner = new NashraFunction(this, 'PlanFunction', {
      handler: 'rebuild-plan',
      description: 'nashra: rebuild, first half: list the table, write the index, queue the feed batches',
      environment: { ...props.environment, REBUILD_QUEUE_URL: this.queue.queueUrl },
      timeout: Duration.minutes(15),
      memorySize: 1024,
      retainLogs: props.retainLogs,
    });
    this.worker = new NashraFunction(this, 'WorkerFunction', {
      handler: 'rebuild-feeds',
      description: 'nashra: rebuild, second half: re-render one batch of feeds (or article pages) from the queue',
      environment: props.environment,
      timeout: REBUILD_WORKER_TIMEOUT,
      memorySize: REBUILD_WORKER_MEMORY_MB,
      retainLogs: props.retainLogs,
    });
    // SendMessage (and the queue's attributes) on this queue only.
    this.queue.grantSendMessages(this.planner.fn);
    this.worker.fn.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 1, maxConcurrency: REBUILD_WORKER_CONCURRENCY, reportBatchItemFailures: true }),
    );

    const stack = Stack.of(this);
    const tableRef = `<${stack.getLogicalId(props.table.node.defaultChild as CfnElement)}.Arn>`;
    const ledgerRef = `<${stack.getLogicalId(props.publishLedger.node.defaultChild as CfnElement)}.Arn>`;
    const bucketRef = `<${stack.getLogicalId(props.bucket.node.defaultChild as CfnElement)}.Arn>`;
    for (const f of [this.planner, this.worker]) {
      props.table.grantReadData(f.fn);
      props.publishLedger.grantReadWriteData(f.fn);
      f.fn.addToRolePolicy(
        new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: props.siteObjects }),
      );
      // Without ListBucket a HEAD of a missing key answers 403 instead of 404.
      f.fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.bucket.bucketArn] }));
      Validations.of(f).acknowledge(
        {
          id: `AwsSolutions-IAM5[Resource::${tableRef}/index/*]`,
          reason:
            "Reads query the table's global secondary indexes (a feed's articles, newest first); \"index/*\" covers only this table's indexes.",
        },
        {
          id: `AwsSolutions-IAM5[Resource::${ledgerRef}/index/*]`,
          reason: 'CDK grants index access with the table; the publish ledger has no index, so "index/*" matches nothing.',
        },
        {
          id: `AwsSolutions-IAM5[Resource::${bucketRef}/feeds/*]`,
          reason: 'The rebuild publishes (and removes) feed documents, only under feeds/.',
        },
        {
          id: `AwsSolutions-IAM5[Resource::${bucketRef}/articles/*]`,
          reason: 'The rebuild publishes (and removes) the article pages, only under articles/.',
        },
      );
    }

    new Rule(this, 'Schedule', {
      description: 'nashra: full re-render fanned out per feed, the safety net',
      schedule: Schedule.expression(props.schedule),
      targets: [new LambdaFunction(this.planner.fn, { retryAttempts: 2 })],
    });
  }
}
