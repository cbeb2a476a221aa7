// NashraStack: the whole cloud service (table, bucket, CDN, HTTP API, four functions, alarms), secure by default.
import { CfnOutput, type CfnElement, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from './table-design.ts';
import { ALARM_PERIOD, NashraAlarms } from './constructs/nashra-alarms.ts';
import { NashraFunction } from './constructs/nashra-function.ts';
import { SiteDistribution } from './constructs/site-distribution.ts';

/** Object key prefixes in the site bucket, and who may touch them. */
export const BUCKET_PREFIXES = {
  /** Rendered feeds and archives (render, rebuild). */
  feeds: 'feeds/',
  /** Article files dropped for ingest (ingest reads and deletes). */
  incoming: 'incoming/',
  /** Rejected files and their errors JSON (ingest writes). */
  rejected: 'rejected/',
  /** Accepted files, kept for a while for traceability (ingest writes). */
  processed: 'processed/',
} as const;

/** The site's top-level documents besides feeds (render, rebuild). */
export const SITE_ROOT_DOCUMENTS = ['index.html', 'feed.css'] as const;

export interface NashraStackProps extends StackProps {
  /** "prod" turns on deletion protection and retention of the table and log groups. */
  stage: string;
  /** Custom domain for CloudFront, e.g. "feeds.example.com" (needs `certificateArn`). */
  domainName?: string | undefined;
  /** ACM certificate ARN in us-east-1 covering `domainName`. */
  certificateArn?: string | undefined;
  /** Email address subscribed to the alarm topic (the topic is always created). */
  alarmEmail?: string | undefined;
  /** EventBridge schedule expression for the full rebuild. Default "rate(1 day)". */
  rebuildSchedule?: string | undefined;
  /** Reserved concurrency of the ingest function (0 = none reserved). Default 10. */
  ingestConcurrency?: number | undefined;
  /**
   * Reserve concurrency at all (ingest `ingestConcurrency`, render 1, rebuild 1). Default true. False is for accounts
   * whose concurrency limit is 10 (new accounts), where Lambda refuses any reservation; renders may then overlap.
   */
  reserveConcurrency?: boolean | undefined;
  /** WebSub hub pinged after each publish. */
  hubUrl?: string | undefined;
}

/**
 * The nashra service: ingest (HTTP API with IAM auth, S3 `incoming/`) → DynamoDB → stream → render → S3 →
 * CloudFront → readers, with a scheduled rebuild and alarms. Every grant is scoped to what the path needs.
 *
 * @example
 * new NashraStack(app, 'Nashra', { stage: 'prod', alarmEmail: 'ops@example.com' });
 */
export class NashraStack extends Stack {
  readonly table: Table;
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly api: HttpApi;
  readonly deadLetterQueue: Queue;
  readonly functions: Record<'ingest' | 'render' | 'rebuild' | 'serve', NashraFunction>;
  readonly cdn: SiteDistribution;
  readonly alarms: NashraAlarms;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: NashraStackProps) {
    super(scope, id, props);
    const prod = props.stage === 'prod';
    const retain = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // ---- Storage -------------------------------------------------------------------------------
    this.table = new Table(this, 'ArticlesTable', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      stream: StreamViewType[TABLE_DESIGN.streamViewType],
      deletionProtection: prod,
      removalPolicy: retain,
    });
    for (const gsi of TABLE_DESIGN.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType[gsi.projection],
      });
    }

    const logsBucket = new Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logs are delivered with ACLs; the bucket owner still owns every object.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'SiteBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logsBucket,
      serverAccessLogsPrefix: 's3-access/',
      lifecycleRules: [
        { id: 'ExpireOldVersions', noncurrentVersionExpiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(7) },
        { id: 'ExpireProcessedFiles', prefix: BUCKET_PREFIXES.processed, expiration: Duration.days(30) },
      ],
      // Feeds are re-rendered by `rebuild`, but rejected files and their errors are not: keep the bucket.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.deadLetterQueue = new Queue(this, 'RenderDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the render stream; an alarm fires on its depth.',
    });

    // ---- Functions -----------------------------------------------------------------------------
    const common = { TABLE_NAME: this.table.tableName, BUCKET_NAME: this.bucket.bucketName, STAGE: props.stage };
    const reserve = props.reserveConcurrency ?? true;
    const ingestConcurrency = reserve ? (props.ingestConcurrency ?? 10) : 0;

    const ingest = new NashraFunction(this, 'IngestFunction', {
      handler: 'ingest',
      description: 'nashra: POST /articles and S3 incoming/ → validate → DynamoDB (no feed writes)',
      environment: common,
      retainLogs: prod,
      ...(ingestConcurrency > 0 ? { reservedConcurrentExecutions: ingestConcurrency } : {}),
    });
    const render = new NashraFunction(this, 'RenderFunction', {
      handler: 'render',
      description: 'nashra: DynamoDB stream → re-render the touched feeds → S3',
      environment: { ...common, ...(props.hubUrl ? { HUB_URL: props.hubUrl } : {}) },
      timeout: Duration.minutes(2),
      // One render at a time: stream shards are processed in parallel, and two renders of the same feed (every batch
      // touches "all") could publish out of order, an older read landing last. Throttled batches wait and retry.
      ...(reserve ? { reservedConcurrentExecutions: 1 } : {}),
      retainLogs: prod,
    });
    const rebuild = new NashraFunction(this, 'RebuildFunction', {
      handler: 'rebuild',
      description: 'nashra: re-render every feed (schedule and on demand)',
      environment: { ...common, ...(props.hubUrl ? { HUB_URL: props.hubUrl } : {}) },
      timeout: Duration.minutes(10),
      memorySize: 1024,
      // One rebuild at a time: a scheduled and a manual run never race on the same objects.
      ...(reserve ? { reservedConcurrentExecutions: 1 } : {}),
      retainLogs: prod,
    });
    const serve = new NashraFunction(this, 'ServeFunction', {
      handler: 'serve',
      description: 'nashra: HTTP core for the index and dynamic requests (read-only, over the published documents)',
      environment: common,
      retainLogs: prod,
    });
    this.functions = { ingest, render, rebuild, serve };

    // ---- Grants: least privilege per path ------------------------------------------------------
    this.table.grantReadWriteData(ingest.fn);
    const objects = (prefix: string) => this.bucket.arnForObjects(`${prefix}*`);
    ingest.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject', 's3:DeleteObject'], resources: [objects(BUCKET_PREFIXES.incoming)] }),
    );
    ingest.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [objects(BUCKET_PREFIXES.rejected), objects(BUCKET_PREFIXES.processed)],
      }),
    );
    // Without ListBucket, reading an incoming/ object that a redelivered event already moved answers 403, not 404, and
    // the "already filed, skip" path never runs: the event would be retried until it failed.
    ingest.fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));

    const siteObjects = [objects(BUCKET_PREFIXES.feeds), ...SITE_ROOT_DOCUMENTS.map((d) => this.bucket.arnForObjects(d))];
    for (const writer of [render, rebuild]) {
      this.table.grantReadData(writer.fn);
      writer.fn.addToRolePolicy(
        new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: siteObjects }),
      );
      // Without ListBucket a HEAD of a missing key answers 403 instead of 404.
      writer.fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
    }
    // Serve reads what render and rebuild published: no table access, no writes.
    serve.fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: siteObjects }));
    serve.fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));

    const tableRef = `<${this.getLogicalId(this.table.node.defaultChild as CfnElement)}.Arn>`;
    const bucketRef = `<${this.getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>`;
    for (const f of [ingest, render, rebuild]) {
      Validations.of(f).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${tableRef}/index/*]`,
        reason:
          "Reads query the table's global secondary indexes (a feed's articles, newest first); \"index/*\" covers only this table's indexes.",
      });
    }
    Validations.of(ingest).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::${bucketRef}/incoming/*]`,
        reason: 'Ingest reads and deletes dropped files, only under incoming/.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${bucketRef}/rejected/*]`,
        reason: 'Ingest writes rejected files and their errors JSON, only under rejected/.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${bucketRef}/processed/*]`,
        reason: 'Ingest moves accepted files under processed/ (expired after 30 days).',
      },
    );
    for (const f of [render, rebuild, serve]) {
      Validations.of(f).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${bucketRef}/feeds/*]`,
        reason:
          f === serve
            ? 'Serve reads published feed documents, only under feeds/.'
            : 'Render and rebuild publish (and remove) feed documents, only under feeds/.',
      });
    }

    // ---- Triggers ------------------------------------------------------------------------------
    render.fn.addEventSource(
      new DynamoEventSource(this.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        // Up to a minute of changes per render: each render re-reads its feeds, so fewer, larger batches cost less (readers cache 5 min anyway).
        maxBatchingWindow: Duration.seconds(60),
        bisectBatchOnError: true,
        retryAttempts: 3,
        maxRecordAge: Duration.hours(6),
        reportBatchItemFailures: true,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.deadLetterQueue),
      }),
    );
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(ingest.fn), {
      prefix: BUCKET_PREFIXES.incoming,
    });
    // CDK's bucket-notification custom resource: a stack-level singleton, found by its class (NotificationsResourceHandler), not by its hashed id; the nag tests fail if it is renamed.
    for (const notifications of this.node.children.filter((c) => c.constructor.name === 'NotificationsResourceHandler')) {
      Validations.of(notifications).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            "CDK's own bucket-notification custom resource (it sets the incoming/ trigger at deploy time); its role is not configurable.",
        },
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            "CDK's bucket-notification custom resource needs s3:PutBucketNotification; CDK scopes it this way and it runs only at deploy time.",
        },
      );
    }
    new Rule(this, 'RebuildSchedule', {
      description: 'nashra: full re-render, the safety net',
      schedule: Schedule.expression(props.rebuildSchedule ?? 'rate(1 day)'),
      targets: [new LambdaFunction(rebuild.fn, { retryAttempts: 2 })],
    });

    // ---- HTTP API ------------------------------------------------------------------------------
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'nashra: POST /articles (IAM) and the read-only HTTP core',
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('ServeIntegration', serve.fn),
    });
    const apiLogs = new LogGroup(this, 'HttpApiAccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: retain,
    });
    new HttpStage(this, 'HttpApiDefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: { destination: new LogGroupLogDestination(apiLogs) },
      throttle: { rateLimit: 50, burstLimit: 100 },
    });
    const [postArticles] = this.api.addRoutes({
      path: '/articles',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('IngestIntegration', ingest.fn),
      authorizer: new HttpIamAuthorizer(),
    });
    if (!postArticles) throw new Error('POST /articles route was not created');
    const defaultRoute = this.api.node.tryFindChild('DefaultRoute');
    if (defaultRoute) {
      Validations.of(defaultRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'The $default route serves the public, read-only feeds and index (the same bytes CloudFront serves to anyone); writes go through POST /articles, which has IAM auth.',
      });
    }

    // ---- CloudFront ----------------------------------------------------------------------------
    this.cdn = new SiteDistribution(this, 'Cdn', {
      bucket: this.bucket,
      logBucket: logsBucket,
      api: this.api,
      domainName: props.domainName,
      certificateArn: props.certificateArn,
    });
    this.distribution = this.cdn.distribution;
    const siteBaseUrl = this.cdn.baseUrl;
    for (const f of [render, rebuild, serve]) f.fn.addEnvironment('SITE_BASE_URL', siteBaseUrl);

    // ---- Alarms --------------------------------------------------------------------------------
    this.alarms = new NashraAlarms(this, 'Alarms', { alarmEmail: props.alarmEmail, retain: prod });
    this.alarmTopic = this.alarms.topic;
    this.alarms.add(
      'DeadLetterQueueDepthAlarm',
      this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: 'Maximum' }),
      'Render gave up on stream records; they are in the DLQ. Fix the cause, then run the rebuild function.',
    );
    for (const [name, f] of Object.entries(this.functions)) {
      const label = name[0]!.toUpperCase() + name.slice(1);
      this.alarms.add(`${label}ErrorsAlarm`, f.fn.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }), `nashra ${name}: errors`);
      this.alarms.add(
        `${label}ThrottlesAlarm`,
        f.fn.metricThrottles({ period: ALARM_PERIOD, statistic: 'Sum' }),
        `nashra ${name}: throttles`,
      );
    }

    // ---- Outputs -------------------------------------------------------------------------------
    new CfnOutput(this, 'SiteUrl', { value: siteBaseUrl, description: 'The index page' });
    for (const ext of ['rss', 'atom', 'json']) {
      new CfnOutput(this, `AllFeed${ext[0]!.toUpperCase()}${ext.slice(1)}Url`, {
        value: `${siteBaseUrl}feeds/all.${ext}`,
        description: `The "all" feed (${ext}); other feeds are listed on the index page`,
      });
    }
    new CfnOutput(this, 'IngestEndpoint', {
      value: `${this.api.apiEndpoint}/articles`,
      description: 'POST articles here, SigV4-signed for execute-api',
    });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName, description: 'Drop article files under incoming/' });
    new CfnOutput(this, 'RebuildFunctionName', { value: rebuild.fn.functionName, description: 'Invoke to re-render every feed' });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn, description: 'Subscribe here to receive the alarms' });
  }
}
