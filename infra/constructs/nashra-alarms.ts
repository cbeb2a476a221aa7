// NashraAlarms: the stack's CloudWatch alarms and the SNS topic they notify (always created; e-mail subscription optional).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface NashraAlarmsProps {
  /** Address subscribed to the topic (it must confirm the subscription mail); none when absent. */
  alarmEmail?: string | undefined;
  /** Keep the topic's key when the stack is deleted (prod). */
  retain: boolean;
}

/**
 * An encrypted, TLS-only SNS topic and a factory for alarms that notify it: every alarm reaches whoever subscribes
 * (the `alarmEmail` address, or any subscription added later to the `AlarmTopicArn` output).
 *
 * @example
 * const alarms = new NashraAlarms(stack, 'Alarms', { alarmEmail: 'ops@example.com', retain: true });
 * alarms.add('RenderErrorsAlarm', render.metricErrors(), 'nashra render: errors');
 */
export class NashraAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: NashraAlarmsProps) {
    super(scope, id);
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'nashra: encrypts the alarm topic',
      enableKeyRotation: true,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
  }

  /**
   * An alarm at ≥ `threshold` (default 1) over one period, missing data not breaching, notifying the topic.
   *
   * @example
   * alarms.add('DeadLetterQueueDepthAlarm', dlq.metricApproximateNumberOfMessagesVisible(), 'records in the DLQ')
   */
  add(id: string, metric: IMetric, description: string, threshold = 1): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }
}

/** Five minutes: the period of every alarm metric. */
export const ALARM_PERIOD = Duration.minutes(5);
