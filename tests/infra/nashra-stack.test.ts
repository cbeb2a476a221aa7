// Stack tests: Template + Match assertions on what matters (encryption, access, OAC, stream, DLQ, alarms, IAM auth, grants), and cdk-nag.
import { beforeAll, describe, expect, test } from 'vitest';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { TABLE_DESIGN } from '../../lambda/adapters/dynamodb-table-design.ts';
import { synthStack, type SynthResult } from './synth-stack.ts';

const TABLE_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:*'];

let dev: SynthResult;
let prod: SynthResult;

beforeAll(() => {
  dev = synthStack({ stage: 'dev' });
  prod = synthStack({
    stage: 'prod',
    domainName: 'feeds.example.com',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234',
    alarmEmail: 'ops@example.com',
    rebuildSchedule: 'cron(0 3 * * ? *)',
    hubUrl: 'https://pubsubhubbub.appspot.com/',
  });
});

/** Every statement of the inline policy attached to the role of one function ("Ingest", "Render", …). */
function statementsOf(template: Template, fn: string): Array<{ Action: string | string[]; Resource: unknown; Effect: string }> {
  const policies = template.findResources('AWS::IAM::Policy');
  const out: Array<{ Action: string | string[]; Resource: unknown; Effect: string }> = [];
  for (const [id, p] of Object.entries(policies)) {
    if (!id.startsWith(`${fn}Function`)) continue;
    out.push(...(p as { Properties: { PolicyDocument: { Statement: typeof out } } }).Properties.PolicyDocument.Statement);
  }
  if (out.length === 0) throw new Error(`no policy found for ${fn}`);
  return out;
}
const actionsOf = (s: { Action: string | string[] }) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('cdk-nag (AwsSolutionsChecks)', () => {
  test('the dev stack has no unsuppressed finding', () => {
    expect(dev.violations).toEqual([]);
  });
  test('the prod stack (custom domain, alarm email, hub) has no unsuppressed finding', () => {
    expect(prod.violations).toEqual([]);
  });
  test('the same check does report a finding on a non-compliant bucket (the check is live)', () => {
    const app = new App();
    const stack = new Stack(app, 'Bad');
    new Bucket(stack, 'OpenBucket');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S10|AwsSolutions-S1/);
  });
  test('every acknowledgement carries a reason', () => {
    const acks = dev.stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, unknown>));
    expect(acks.map(([id]) => id)).toEqual(expect.arrayContaining(['Annotation::AwsSolutions-L1', 'Annotation::AwsSolutions-SQS3']));
    for (const [id, reason] of acks) expect(typeof reason === 'string' ? reason.length : 0, id).toBeGreaterThan(30);
  });
});

describe('DynamoDB table', () => {
  test('on-demand, PITR, AWS-managed encryption, NEW_AND_OLD_IMAGES stream, no physical name', () => {
    dev.template.resourceCountIs('AWS::DynamoDB::Table', 2); // the articles and the publish ledger
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TableName: Match.absent(),
    });
  });
  test("keys and indexes are the store's own design (dynamodb-table-design.ts)", () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_DESIGN.globalSecondaryIndexes.map((g) =>
        Match.objectLike({
          IndexName: g.indexName,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: g.projection },
        }),
      ),
    });
  });
  test('dev: no deletion protection, deleted with the stack', () => {
    dev.template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
      DeletionPolicy: 'Delete',
    });
  });
  test('prod: deletion protection and retained', () => {
    prod.template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('S3 site bucket', () => {
  const siteBucket = () => {
    const buckets = dev.template.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: { Status: 'Enabled' } } });
    const ids = Object.keys(buckets);
    expect(ids).toHaveLength(1);
    return { id: ids[0]!, props: (buckets[ids[0]!] as { Properties: Record<string, unknown> }).Properties };
  };
  test('every bucket blocks all public access, is encrypted and has no physical name', () => {
    const all = dev.template.findResources('AWS::S3::Bucket');
    expect(Object.keys(all).length).toBe(2);
    for (const b of Object.values(all) as Array<{ Properties: Record<string, unknown> }>) {
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(b.Properties.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
      expect(b.Properties.BucketName).toBeUndefined();
    }
  });
  test('versioned, old versions expire, access logged', () => {
    const { props } = siteBucket();
    expect(props.LifecycleConfiguration).toMatchObject({
      Rules: expect.arrayContaining([expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' })]),
    });
    expect(props.LoggingConfiguration).toMatchObject({ LogFilePrefix: 's3-access/' });
  });
  test('every bucket policy denies requests without TLS', () => {
    const policies = dev.template.findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies).length).toBe(2);
    for (const p of Object.values(policies)) {
      expect(p).toMatchObject({
        Properties: {
          PolicyDocument: {
            Statement: expect.arrayContaining([
              expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        },
      });
    }
  });
  test('only CloudFront (this distribution, through OAC) may read it', () => {
    const { id } = siteBucket();
    dev.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });
  test('incoming/ objects trigger the ingest function', () => {
    dev.template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IngestFunction'), 'Arn'] },
          }),
        ],
      },
    });
  });
});

describe('CloudFront', () => {
  test('S3 origin through Origin Access Control (sigv4, always)', () => {
    dev.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([
          Match.objectLike({
            OriginAccessControlId: { 'Fn::GetAtt': [Match.anyValue(), 'Id'] },
            S3OriginConfig: { OriginAccessIdentity: '' },
          }),
        ]),
      }),
    });
  });
  test('default behaviour: HTTPS redirect, compression, origin-TTL cache policy, security headers', () => {
    dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          Compress: true,
          CachePolicyId: { Ref: Match.stringLikeRegexp('FeedCachePolicy') },
          ResponseHeadersPolicyId: { Ref: Match.stringLikeRegexp('SecurityHeadersPolicy') },
        }),
      }),
    });
    dev.template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        MinTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          EnableAcceptEncodingGzip: true,
          EnableAcceptEncodingBrotli: true,
          CookiesConfig: { CookieBehavior: 'none' },
          QueryStringsConfig: { QueryStringBehavior: 'none' },
        }),
      }),
    });
    dev.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000 }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
        CorsConfig: Match.objectLike({ AccessControlExposeHeaders: { Items: ['ETag', 'Last-Modified', 'Link'] } }),
      }),
    });
  });
  test('no path reaches the HTTP API through CloudFront (a SigV4 signature never survives its Host rewrite)', () => {
    const [dist] = Object.values(dev.template.findResources('AWS::CloudFront::Distribution')) as Array<{
      Properties: { DistributionConfig: { Origins: Array<Record<string, unknown>>; CacheBehaviors?: Array<{ PathPattern: string }> } };
    }>;
    expect(dist?.Properties.DistributionConfig.Origins).toHaveLength(1);
    expect(JSON.stringify(dist?.Properties.DistributionConfig.Origins)).not.toContain('execute-api');
    expect(dist?.Properties.DistributionConfig.CacheBehaviors?.map((b) => b.PathPattern)).toEqual(['/feeds/*/archive/*']);
  });
  test('no custom domain in dev; prod takes domain and certificate from context with TLS 1.2', () => {
    const [devDist] = Object.values(dev.template.findResources('AWS::CloudFront::Distribution')) as Array<{
      Properties: { DistributionConfig: Record<string, unknown> };
    }>;
    expect(devDist?.Properties.DistributionConfig.Aliases).toBeUndefined();
    prod.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['feeds.example.com'],
        ViewerCertificate: {
          AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234',
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
  });
});

describe('HTTP API', () => {
  test('POST /articles requires IAM auth and goes to ingest', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /articles', AuthorizationType: 'AWS_IAM' });
    const routes = dev.template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: 'POST /articles' } });
    const integrationRef = JSON.stringify(Object.values(routes)[0]);
    expect(integrationRef).toMatch(/IngestIntegration/);
  });
  test('POST /articles is the only route (no serve function, no unauthenticated route)', () => {
    const routes = Object.values(dev.template.findResources('AWS::ApiGatewayV2::Route')) as Array<{
      Properties: { RouteKey: string; AuthorizationType?: string };
    }>;
    expect(routes.map((r) => [r.Properties.RouteKey, r.Properties.AuthorizationType])).toEqual([['POST /articles', 'AWS_IAM']]);
  });
  test('a managed policy allowing execute-api:Invoke on POST /articles only is a stack output', () => {
    const policies = Object.values(dev.template.findResources('AWS::IAM::ManagedPolicy')) as Array<{
      Properties: { PolicyDocument: { Statement: Array<{ Action: string; Resource: unknown; Effect: string }> } };
    }>;
    expect(policies).toHaveLength(1);
    const [statement, ...more] = policies[0]!.Properties.PolicyDocument.Statement;
    expect(more).toEqual([]);
    expect(statement).toMatchObject({ Action: 'execute-api:Invoke', Effect: 'Allow' });
    expect(JSON.stringify(statement?.Resource)).toMatch(/\/\$default\/POST\/articles"/);
    expect(JSON.stringify(dev.template.findOutputs('IngestClientPolicyArn'))).toMatch(/IngestClientPolicy/);
  });
  test('the stage logs access and is throttled', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
    });
  });
});

describe('Lambda functions', () => {
  test('five functions (ingest, render, rebuild, and the fanned-out rebuild planner and worker), all nodejs22.x on arm64, traced, JSON logs into their own group, no physical name', () => {
    const fns = dev.template.findResources('AWS::Lambda::Function', { Properties: { Runtime: Match.stringLikeRegexp('^nodejs') } });
    expect(
      Object.keys(fns)
        .map((k) => k.replace(/Function.*/, ''))
        .sort(),
    ).toEqual(['Ingest', 'Rebuild', 'RebuildFanOutPlan', 'RebuildFanOutWorker', 'Render']);
    for (const f of Object.values(fns) as Array<{ Properties: Record<string, unknown> }>) {
      expect(f.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/LogGroup/) } },
      });
      expect(f.Properties.FunctionName).toBeUndefined();
    }
  });
  test('their log groups have a retention (a month), kept in prod', () => {
    dev.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    for (const g of Object.values(dev.template.findResources('AWS::Logs::LogGroup')) as Array<{ Properties: Record<string, unknown> }>) {
      expect(g.Properties.RetentionInDays).toBe(30);
    }
    const prodGroups = prod.template.findResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    expect(Object.keys(prodGroups).length).toBeGreaterThanOrEqual(3);
  });
  test('no reserved concurrency by default (a new account allows none); ingest reserves 10 with -c reserveConcurrency=true', () => {
    const reserved = (t: typeof dev.template) =>
      Object.values(t.findResources('AWS::Lambda::Function') as Record<string, { Properties: { ReservedConcurrentExecutions?: number } }>)
        .map((f) => f.Properties.ReservedConcurrentExecutions)
        .filter((r) => r !== undefined);
    expect(reserved(dev.template)).toEqual([]);
    expect(reserved(prod.template)).toEqual([]);
    const opted = synthStack({ reserveConcurrency: true });
    opted.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('POST /articles'),
      ReservedConcurrentExecutions: 10,
    });
    expect(reserved(opted.template)).toEqual([10]);
  });
  test('roles use no AWS-managed policy', () => {
    const roles = dev.template.findResources('AWS::IAM::Role', { Properties: { Description: Match.stringLikeRegexp('^nashra') } });
    expect(Object.keys(roles)).toHaveLength(5);
    for (const r of Object.values(roles) as Array<{ Properties: Record<string, unknown> }>)
      expect(r.Properties.ManagedPolicyArns).toBeUndefined();
  });
  test('render reads the stream in batches: partial failures, bisect, bounded retries and age, SQS DLQ', () => {
    dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArticlesTable'), 'StreamArn'] },
      FunctionName: { Ref: Match.stringLikeRegexp('^RenderFunction') },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 21_600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RenderDeadLetterQueue'), 'Arn'] } } },
    });
  });
  test('the stream mapping wakes render for article items only (feed entries and tombstones filtered out)', () => {
    const [mapping] = Object.values(
      dev.template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { StartingPosition: 'TRIM_HORIZON' } }),
    ) as Array<{
      Properties: { FilterCriteria?: { Filters: Array<{ Pattern: string }> } };
    }>;
    const patterns = mapping?.Properties.FilterCriteria?.Filters.map((f) => JSON.parse(f.Pattern));
    expect(patterns).toEqual([{ dynamodb: { Keys: { SK: { S: ['ARTICLE'] } } } }]);
  });
  test('a failed S3-triggered ingest lands in an encrypted dead-letter queue after two retries, never dropped', () => {
    dev.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('^IngestFunction') },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IngestDeadLetterQueue'), 'Arn'] } } },
    });
    const queue = Object.entries(dev.template.findResources('AWS::SQS::Queue')).find(([id]) =>
      id.startsWith('IngestDeadLetterQueue'),
    )?.[1] as { Properties: Record<string, unknown> } | undefined;
    expect(queue?.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
  });
  test('the rebuild runs on a schedule, fanned out: the rule runs the planner (default daily, from context in prod)', () => {
    dev.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 day)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RebuildFanOutPlanFunction'), 'Arn'] } })],
    });
    expect(Object.keys(dev.template.findResources('AWS::Events::Rule'))).toHaveLength(1);
    prod.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 3 * * ? *)' });
  });
  test('every function knows the public base URL (ingest links page-text articles under it); render pings the hub in prod', () => {
    prod.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('DynamoDB stream'),
      Environment: {
        Variables: Match.objectLike({ SITE_BASE_URL: 'https://feeds.example.com/', HUB_URL: 'https://pubsubhubbub.appspot.com/' }),
      },
    });
    for (const description of [
      'POST /articles',
      'DynamoDB stream',
      're-render every feed',
      'rebuild, first half',
      'rebuild, second half',
    ]) {
      dev.template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp(description),
        Environment: { Variables: Match.objectLike({ SITE_BASE_URL: Match.objectLike({ 'Fn::Join': Match.anyValue() }) }) },
      });
    }
  });
});

describe('least privilege', () => {
  test('render cannot write the articles table, but can read it, publish feeds and keep the publish ledger', () => {
    const st = statementsOf(dev.template, 'Render');
    const actions = st.flatMap(actionsOf);
    const articleWrites = st.filter((s) => actionsOf(s).some((a) => TABLE_WRITES.includes(a)));
    expect(JSON.stringify(articleWrites.map((s) => s.Resource))).not.toMatch(/ArticlesTable/);
    expect(JSON.stringify(articleWrites.map((s) => s.Resource))).toMatch(/PublishLedgerTable/);
    expect(actions).toContain('dynamodb:Query');
    const put = st.find((s) => actionsOf(s).includes('s3:PutObject'));
    expect(JSON.stringify(put?.Resource)).toContain('/feeds/*');
    expect(JSON.stringify(put?.Resource)).not.toMatch(/"\/\*"|incoming|rejected/);
  });
  test('rebuild cannot write the articles table (the publish ledger only)', () => {
    const writes = statementsOf(dev.template, 'Rebuild').filter((s) => actionsOf(s).some((a) => TABLE_WRITES.includes(a)));
    expect(writes.length).toBeGreaterThan(0);
    expect(JSON.stringify(writes.map((s) => s.Resource))).not.toMatch(/ArticlesTable/);
  });
  test('ingest can write the table and move incoming files, but cannot write feeds', () => {
    const st = statementsOf(dev.template, 'Ingest');
    expect(st.flatMap(actionsOf)).toContain('dynamodb:PutItem');
    const s3Writes = st.filter((s) => actionsOf(s).some((a) => a === 's3:PutObject' || a === 's3:*' || a === 's3:PutObject*'));
    expect(s3Writes.length).toBeGreaterThan(0);
    const resources = JSON.stringify(s3Writes.map((s) => s.Resource));
    expect(resources).toContain('/rejected/*');
    expect(resources).not.toContain('feeds/');
    expect(resources).not.toMatch(/"\/\*"/);
    expect(resources).not.toContain('index.html');
    // A redelivered event for a moved object must read 404 (skip), not 403 (retry until the DLQ).
    const list = st.find((s) => actionsOf(s).includes('s3:ListBucket'));
    expect(JSON.stringify(list?.Resource)).toMatch(/SiteBucket/);
    expect(JSON.stringify(list?.Resource)).not.toContain('/*');
  });
});

describe('operations', () => {
  test('the DLQ is encrypted, TLS-only, and alarmed on depth', () => {
    dev.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
    dev.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });
  test('each function has an errors alarm; throttles are alarmed on ingest only (render throttles were normal operation)', () => {
    const fnsOf = (metric: string) =>
      Object.values(dev.template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metric, Namespace: 'AWS/Lambda' } }))
        .map((a) => JSON.stringify(a).match(/(Ingest|Render|Rebuild|RebuildFanOutPlan)Function/)?.[1])
        .sort();
    // The worker reports failed batches (partial batch response) instead of failing: the rebuild DLQ's depth is its alarm.
    expect(fnsOf('Errors')).toEqual(['Ingest', 'Rebuild', 'RebuildFanOutPlan', 'Render']);
    expect(fnsOf('Throttles')).toEqual(['Ingest']);
  });
  test('alarms on stream iterator age, dropped S3 ingest events, the ingest DLQ, and 5xx at the API and at CloudFront', () => {
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Namespace: 'AWS/Lambda',
      Statistic: 'Maximum',
      Threshold: 120_000,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^RenderFunction') } }],
    });
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'AsyncEventsDropped',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^IngestFunction') } }],
    });
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IngestDeadLetterQueue'), 'QueueName'] } }],
    });
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xx', Namespace: 'AWS/ApiGateway' });
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xxErrorRate', Namespace: 'AWS/CloudFront', Threshold: 5 });
  });
  test('every alarm notifies an encrypted, TLS-only topic, created by default; the e-mail subscription is optional', () => {
    for (const { template } of [dev, prod]) {
      template.resourceCountIs('AWS::SNS::Topic', 1);
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Array<{
        Properties: { AlarmActions?: Array<{ Ref?: string }> };
      }>;
      expect(alarms.length).toBeGreaterThanOrEqual(9);
      for (const a of alarms) expect(a.Properties.AlarmActions?.[0]?.Ref).toMatch(/AlarmTopic/);
      expect(template.findOutputs('AlarmTopicArn')).toHaveProperty('AlarmTopicArn');
    }
    dev.template.resourceCountIs('AWS::SNS::Subscription', 0);
    prod.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });
  test('outputs: site, feeds, ingest endpoint, bucket', () => {
    const outputs = dev.template.findOutputs('*');
    for (const key of [
      'SiteUrl',
      'AllFeedRssUrl',
      'AllFeedAtomUrl',
      'AllFeedJsonUrl',
      'IngestEndpoint',
      'IngestClientPolicyArn',
      'BucketName',
      'RebuildFunctionName',
    ]) {
      expect(outputs, key).toHaveProperty(key);
    }
    expect(JSON.stringify(outputs.IngestEndpoint)).toContain('/articles');
    expect(JSON.stringify(prod.template.findOutputs('AllFeedRssUrl'))).toContain('https://feeds.example.com/feeds/all.rss');
  });
});
