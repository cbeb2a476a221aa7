// Template tests of the fanned-out rebuild (RebuildFanOut: queue and DLQ, the worker's bounded event source mapping, the planner's send-only grant, timeouts, alarm) and of the logical ids pinned across construct moves.
import { beforeAll, describe, expect, test } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { REBUILD_WORKER_CONCURRENCY, REBUILD_WORKER_MEMORY_MB, REBUILD_WORKER_TIMEOUT } from '../../infra/constructs/rebuild-fan-out.ts';
import { LEGACY_LOGICAL_IDS } from '../../infra/nashra-stack.ts';
import { synthStack, type SynthResult } from './synth-stack.ts';

let dev: SynthResult;
beforeAll(() => {
  dev = synthStack({ stage: 'dev' });
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** Every policy statement in the template, with the id of the policy holding it. */
function allStatements(): Array<{ policy: string; statement: Statement }> {
  return Object.entries(dev.template.findResources('AWS::IAM::Policy')).flatMap(([policy, p]) =>
    (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement.map((statement) => ({
      policy,
      statement,
    })),
  );
}

function queueIdOf(prefix: string): string {
  const id = Object.keys(dev.template.findResources('AWS::SQS::Queue')).find((k) => k.startsWith(prefix));
  if (!id) throw new Error(`no queue ${prefix}`);
  return id;
}

describe('fanned-out rebuild', () => {
  test('a queue of feed batches, encrypted, with a DLQ after three receives and a visibility timeout of six worker timeouts', () => {
    const queue = queueIdOf('RebuildFanOutQueue');
    const dlq = queueIdOf('RebuildFanOutDeadLetterQueue');
    dev.template.hasResource('AWS::SQS::Queue', {
      Properties: {
        SqsManagedSseEnabled: true,
        VisibilityTimeout: 6 * REBUILD_WORKER_TIMEOUT.toSeconds(),
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 3 },
      },
    });
    expect(queue).not.toBe(dlq);
    dev.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
    // Both TLS-only.
    for (const id of [queue, dlq]) {
      dev.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    }
  });

  test('the worker reads the queue one message at a time, reports failed batches, at a maximum concurrency that fits a new account (10)', () => {
    dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueIdOf('RebuildFanOutQueue'), 'Arn'] },
      FunctionName: { Ref: Match.stringLikeRegexp('^RebuildFanOutWorkerFunction') },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: REBUILD_WORKER_CONCURRENCY },
    });
    // SQS's floor is 2; a new account's whole limit is 10 and ingest, render and the planner need room beside it.
    expect(REBUILD_WORKER_CONCURRENCY).toBeGreaterThanOrEqual(2);
    expect(REBUILD_WORKER_CONCURRENCY).toBeLessThan(10);
    const fns = dev.template.findResources('AWS::Lambda::Function') as Record<string, { Properties: Record<string, unknown> }>;
    for (const f of Object.values(fns)) expect(f.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  test('worker: 15-minute timeout and one full vCPU (1,769 MB); planner: 15 minutes, 1,024 MB, and the queue URL', () => {
    expect(REBUILD_WORKER_MEMORY_MB).toBe(1769);
    dev.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('rebuild, second half'),
      Timeout: 900,
      MemorySize: REBUILD_WORKER_MEMORY_MB,
    });
    dev.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('rebuild, first half'),
      Timeout: 900,
      MemorySize: 1024,
      Environment: { Variables: Match.objectLike({ REBUILD_QUEUE_URL: { Ref: queueIdOf('RebuildFanOutQueue') } }) },
    });
  });

  test('only the planner may send to the rebuild queue, and it may send to no other queue', () => {
    const queue = queueIdOf('RebuildFanOutQueue');
    const sends = allStatements().filter(({ statement }) => actionsOf(statement).some((a) => a === 'sqs:SendMessage' || a === 'sqs:*'));
    const toRebuildQueue = sends.filter(({ statement }) => JSON.stringify(statement.Resource).includes(`"${queue}"`));
    expect(toRebuildQueue.map((s) => s.policy.replace(/Function.*/, ''))).toEqual(['RebuildFanOutPlan']);
    const fromPlanner = sends.filter(({ policy }) => policy.startsWith('RebuildFanOutPlanFunction'));
    expect(fromPlanner.map((s) => s.statement.Resource)).toEqual([{ 'Fn::GetAtt': [queue, 'Arn'] }]);
    // The planner cannot read or delete messages.
    const plannerSqs = allStatements()
      .filter(({ policy }) => policy.startsWith('RebuildFanOutPlanFunction'))
      .flatMap(({ statement }) => actionsOf(statement))
      .filter((a) => a.startsWith('sqs:'));
    expect(plannerSqs).toContain('sqs:SendMessage');
    expect(plannerSqs).not.toContain('sqs:ReceiveMessage');
    expect(plannerSqs).not.toContain('sqs:DeleteMessage');
  });

  test('neither half can write the articles table (the publish ledger only), and both publish under feeds/ and articles/ only', () => {
    for (const fn of ['RebuildFanOutPlanFunction', 'RebuildFanOutWorkerFunction']) {
      const st = allStatements()
        .filter(({ policy }) => policy.startsWith(fn))
        .map((s) => s.statement);
      const writes = st.filter((s) =>
        actionsOf(s).some((a) => ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'].includes(a)),
      );
      expect(JSON.stringify(writes.map((s) => s.Resource))).toMatch(/PublishLedgerTable/);
      expect(JSON.stringify(writes.map((s) => s.Resource))).not.toMatch(/ArticlesTable/);
      const put = st.find((s) => actionsOf(s).includes('s3:PutObject'));
      expect(JSON.stringify(put?.Resource)).toContain('/feeds/*');
      expect(JSON.stringify(put?.Resource)).not.toMatch(/incoming|rejected|processed/);
    }
  });

  test('a failed batch in the rebuild DLQ raises an alarm; the planner has an errors alarm', () => {
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueIdOf('RebuildFanOutDeadLetterQueue'), 'QueueName'] } }],
    });
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^RebuildFanOutPlanFunction') } }],
    });
  });

  test('outputs name the planner (what the schedule runs) and the rebuild DLQ', () => {
    const outputs = dev.template.toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['RebuildPlanFunctionName', 'RebuildDeadLetterQueueUrl', 'RebuildFunctionName']),
    );
  });
});

describe('logical ids kept across construct moves (an existing stack updates, never replaces)', () => {
  test('the distribution, the alarm topic and its key keep the ids they had before SiteDistribution and NashraAlarms', () => {
    const resources = dev.template.toJSON().Resources as Record<string, { Type: string }>;
    expect(resources[LEGACY_LOGICAL_IDS.distribution]?.Type).toBe('AWS::CloudFront::Distribution');
    expect(resources[LEGACY_LOGICAL_IDS.alarmTopic]?.Type).toBe('AWS::SNS::Topic');
    expect(resources[LEGACY_LOGICAL_IDS.alarmTopicKey]?.Type).toBe('AWS::KMS::Key');
    expect(Object.values(resources).filter((r) => r.Type === 'AWS::CloudFront::Distribution')).toHaveLength(1);
    // The bucket policy follows the pinned id (CloudFront may read the published paths through this distribution).
    expect(JSON.stringify(dev.template.findResources('AWS::S3::BucketPolicy'))).toContain(LEGACY_LOGICAL_IDS.distribution);
  });
});
