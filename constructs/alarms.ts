import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";

export interface AlarmsProps {
  topicName: string;
  /** Subscribed by e-mail when given (the address must confirm the subscription). */
  email?: string;
  /** An alarm notifies only a topic in its own region: metrics of global services live in us-east-1. */
  provider?: TerraformProvider;
}

/** Runbook sections in docs/RUNBOOK.md, one per kind of alarm. */
export type Runbook =
  | "lambda-errors"
  | "lambda-throttles"
  | "lambda-duration"
  | "api-5xx"
  | "api-4xx-rate"
  | "api-latency"
  | "dynamodb-throttles"
  | "dynamodb-system-errors"
  | "stream-iterator-age"
  | "dlq-messages"
  | "firehose-freshness"
  | "firehose-conversion-failures"
  | "waf-blocked";

type AlarmSettings = Omit<CloudwatchMetricAlarmConfig, "alarmName" | "alarmDescription" | "alarmActions" | "okActions">;

/** A stack's alarm topic, and alarms that notify it and point at their runbook entry. */
export class Alarms extends Construct {
  readonly topic: SnsTopic;
  private readonly provider?: TerraformProvider;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.provider = props.provider;
    this.topic = new SnsTopic(this, "topic", { provider: this.provider, name: props.topicName, kmsMasterKeyId: "alias/aws/sns" });
    if (props.email) {
      new SnsTopicSubscription(this, "email", { provider: this.provider, topicArn: this.topic.arn, protocol: "email", endpoint: props.email });
    }
  }

  add(name: string, summary: string, runbook: Runbook, settings: AlarmSettings): CloudwatchMetricAlarm {
    return new CloudwatchMetricAlarm(this, name, {
      provider: this.provider,
      alarmName: name,
      alarmDescription: `${summary}. Runbook: docs/RUNBOOK.md#${runbook}`,
      alarmActions: [this.topic.arn],
      okActions: [this.topic.arn],
      treatMissingData: "notBreaching",
      ...settings,
    });
  }

  /** Errors, throttles and p99 duration near the timeout, for one function. */
  lambda(functionName: string, timeoutSeconds: number): void {
    const metric = { namespace: "AWS/Lambda", dimensions: { FunctionName: functionName }, period: 300, evaluationPeriods: 1 };
    this.add(`${functionName}-errors`, `${functionName} failed`, "lambda-errors", {
      ...metric,
      metricName: "Errors",
      statistic: "Sum",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
    });
    this.add(`${functionName}-throttles`, `${functionName} was throttled`, "lambda-throttles", {
      ...metric,
      metricName: "Throttles",
      statistic: "Sum",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
    });
    this.add(`${functionName}-duration-p99`, `${functionName} p99 duration above 80% of its timeout`, "lambda-duration", {
      ...metric,
      evaluationPeriods: 3,
      metricName: "Duration",
      extendedStatistic: "p99",
      comparisonOperator: "GreaterThanThreshold",
      threshold: timeoutSeconds * 1000 * 0.8,
    });
  }
}
