import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { LambdaEventSourceMapping } from "@cdktf/provider-aws/lib/lambda-event-source-mapping";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { STREAM_CONSUMER } from "../functions/lake/stream-consumer";
import { BundledFunction, PolicyStatement } from "./bundled-function";

export interface StreamSubscriptionProps {
  name: string;
  entry: string;
  description: string;
  streamArn: string;
  /** The table whose stream it is: stream permissions cover its current and future streams. */
  tableArn: string;
  memoryMb: number;
  logRetentionDays: number;
  environment: Record<string, string>;
  /** What the consumer may do besides reading the stream and writing to its DLQ. */
  statements: PolicyStatement[];
}

/**
 * A function consuming a DynamoDB stream the safe way: bounded retries and record age, bisection,
 * partial batch responses, and an encrypted, TLS-only SQS dead-letter queue for what still fails.
 */
export class StreamSubscription extends Construct {
  readonly consumer: BundledFunction;
  readonly deadLetterQueue: SqsQueue;
  readonly mapping: LambdaEventSourceMapping;

  constructor(scope: Construct, id: string, props: StreamSubscriptionProps) {
    super(scope, id);
    this.deadLetterQueue = new SqsQueue(this, "dlq", {
      name: `${props.name}-dlq`,
      messageRetentionSeconds: 14 * 86400,
      sqsManagedSseEnabled: true,
    });
    const tlsOnly = new DataAwsIamPolicyDocument(this, "dlq-tls-only", {
      statement: [
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          actions: ["sqs:*"],
          principals: [{ type: "*", identifiers: ["*"] }],
          resources: [this.deadLetterQueue.arn],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
      ],
    });
    new SqsQueuePolicy(this, "dlq-policy", { queueUrl: this.deadLetterQueue.url, policy: tlsOnly.json });

    this.consumer = new BundledFunction(this, props.name, {
      functionName: props.name,
      entry: props.entry,
      description: props.description,
      memoryMb: props.memoryMb,
      timeoutSeconds: STREAM_CONSUMER.functionTimeoutSeconds,
      logRetentionDays: props.logRetentionDays,
      environment: props.environment,
      statements: [
        {
          actions: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
          resources: [`${props.tableArn}/stream/*`],
        },
        { actions: ["sqs:SendMessage"], resources: [this.deadLetterQueue.arn] },
        ...props.statements,
      ],
    });

    this.mapping = new LambdaEventSourceMapping(this, "mapping", {
      eventSourceArn: props.streamArn,
      functionName: this.consumer.function.arn,
      startingPosition: STREAM_CONSUMER.startingPosition,
      batchSize: STREAM_CONSUMER.batchSize,
      maximumBatchingWindowInSeconds: STREAM_CONSUMER.maximumBatchingWindowSeconds,
      maximumRetryAttempts: STREAM_CONSUMER.maximumRetryAttempts,
      maximumRecordAgeInSeconds: STREAM_CONSUMER.maximumRecordAgeSeconds,
      bisectBatchOnFunctionError: STREAM_CONSUMER.bisectBatchOnFunctionError,
      parallelizationFactor: STREAM_CONSUMER.parallelizationFactor,
      functionResponseTypes: ["ReportBatchItemFailures"],
      destinationConfig: { onFailure: { destinationArn: this.deadLetterQueue.arn } },
      // The mapping validates the role's permissions when it is created.
      dependsOn: [this.consumer.rolePolicy],
    });
  }
}
