import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AthenaNamedQuery } from "@cdktf/provider-aws/lib/athena-named-query";
import { AthenaWorkgroup } from "@cdktf/provider-aws/lib/athena-workgroup";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { GlueCatalogDatabase } from "@cdktf/provider-aws/lib/glue-catalog-database";
import { EnvironmentConfig } from "../config/environment";
import { Alarms } from "../constructs/alarms";
import { accountOf } from "../constructs/arn";
import { PROJECT_ROOT } from "../constructs/bundle";
import { LakeTable } from "../constructs/lake-table";
import { PrivateBucket } from "../constructs/private-bucket";
import { StreamSubscription } from "../constructs/stream-subscription";
import { streamReaderEnvironment } from "../functions/lake/environment";
import { STREAM_CONSUMER } from "../functions/lake/stream-consumer";
import { deliveryStreamName, LAKE_TABLES } from "../functions/lake/tables";
import { ApiStackOutputs } from "./api-stack";
import { EnvironmentStack } from "./environment-stack";
import { resourceNames } from "./names";

const QUERIES_DIR = join(PROJECT_ROOT, "queries");

/**
 * `<env>-analytics`: subscribes to the API's table stream (read through remote state) and ships
 * every change through Firehose into a Parquet lake catalogued by Glue and queried with Athena.
 */
export class AnalyticsStack extends EnvironmentStack {
  constructor(scope: Construct, id: string, env: EnvironmentConfig, api: ApiStackOutputs) {
    super(scope, id, env);
    const partition = new DataAwsPartition(this, "partition");

    const accessLogs = new PrivateBucket(this, "access-logs", {
      bucketPrefix: `${env.namePrefix}-lake-logs-`,
      forceDestroy: !env.deletionProtection,
      expireAfterDays: env.analytics.accessLogRetentionDays,
    });
    const lake = new PrivateBucket(this, "lake", {
      bucketPrefix: `${env.namePrefix}-lake-`,
      // Where deletion protection is off (dev, previews) the whole environment can be destroyed.
      forceDestroy: !env.deletionProtection,
      accessLogs: { bucket: accessLogs, prefix: "s3/lake/" },
    });
    const results = new PrivateBucket(this, "athena-results", {
      bucketPrefix: `${env.namePrefix}-athena-results-`,
      expireAfterDays: env.analytics.athenaResultsRetentionDays,
      forceDestroy: true,
      accessLogs: { bucket: accessLogs, prefix: "s3/athena-results/" },
    });

    const database = new GlueCatalogDatabase(this, "database", {
      name: `${env.namePrefix.replace(/-/g, "_")}_lake`,
      description: "The blog's data lake: every change of the articles table, as Parquet",
    });
    const tables = LAKE_TABLES.map(
      (definition) =>
        new LakeTable(this, `table-${definition.name}`, {
          definition,
          deliveryStreamName: deliveryStreamName(env.namePrefix, definition),
          databaseName: database.name,
          bucket: lake.bucket,
          bufferingSeconds: env.analytics.firehoseBufferingSeconds,
          logRetentionDays: env.logRetentionDays,
          region: env.region,
          accountId: accountOf(database.arn),
          partition: partition.partition,
        }),
    );

    const names = resourceNames(env.namePrefix);
    const reader = new StreamSubscription(this, "stream-reader", {
      name: names.streamReader,
      entry: "functions/handlers/stream-reader.ts",
      description: "Ships every change of the articles table to the lake",
      streamArn: api.tableStreamArn,
      tableArn: api.tableArn,
      memoryMb: env.lambda.memoryMb,
      logRetentionDays: env.logRetentionDays,
      environment: streamReaderEnvironment(
        Object.fromEntries(LAKE_TABLES.map((definition) => [definition.name, deliveryStreamName(env.namePrefix, definition)])),
      ),
      statements: [{ actions: ["firehose:PutRecordBatch"], resources: tables.map((table) => table.deliveryStream.arn) }],
    });

    const workgroup = new AthenaWorkgroup(this, "workgroup", {
      name: `${env.namePrefix}-lake`,
      description: "Queries over the blog's lake; settings enforced on every query",
      forceDestroy: true,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: env.analytics.athenaBytesScannedCutoffMb * 1024 * 1024,
        resultConfiguration: {
          outputLocation: `s3://${results.bucket.bucket}/results/`,
          encryptionConfiguration: { encryptionOption: "SSE_S3" },
        },
      },
    });
    for (const file of namedQueryFiles()) {
      const name = file.slice(0, -".sql".length);
      const sql = readFileSync(join(QUERIES_DIR, file), "utf8");
      new AthenaNamedQuery(this, `query-${name}`, {
        name,
        description: (/^--\s*(.+)$/m.exec(sql)?.[1] ?? name).slice(0, 1024),
        database: database.name,
        workgroup: workgroup.id,
        query: sql,
      });
    }

    const alarms = new Alarms(this, "alarms", { topicName: names.alarmTopic("analytics"), email: env.alarms.email });
    new TerraformOutput(this, "alarm_topic_arn", { value: alarms.topic.arn, description: "Subscribe whoever should hear this stack's alarms" });
    const readerName = names.streamReader;
    alarms.lambda(readerName, STREAM_CONSUMER.functionTimeoutSeconds);
    alarms.add(`${readerName}-iterator-age`, "The stream reader is over 5 minutes behind the table", "stream-iterator-age", {
      namespace: "AWS/Lambda",
      metricName: "IteratorAge",
      dimensions: { FunctionName: readerName },
      statistic: "Maximum",
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 5 * 60 * 1000,
    });
    alarms.add(`${readerName}-dlq-messages`, "Table changes could not reach the lake and wait in the DLQ", "dlq-messages", {
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: names.streamReaderDlq },
      statistic: "Maximum",
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
    });
    for (const definition of LAKE_TABLES) {
      const stream = deliveryStreamName(env.namePrefix, definition);
      alarms.add(`${stream}-freshness`, `${stream} holds records older than its buffer plus 15 minutes`, "firehose-freshness", {
        namespace: "AWS/Firehose",
        metricName: "DeliveryToS3.DataFreshness",
        dimensions: { DeliveryStreamName: stream },
        statistic: "Maximum",
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: "GreaterThanThreshold",
        threshold: env.analytics.firehoseBufferingSeconds + 900,
      });
      alarms.add(`${stream}-conversion-failures`, `${stream} could not convert records to Parquet`, "firehose-conversion-failures", {
        namespace: "AWS/Firehose",
        metricName: "FailedConversion.Records",
        dimensions: { DeliveryStreamName: stream },
        statistic: "Sum",
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
      });
    }

    new TerraformOutput(this, "lake_bucket", { value: lake.bucket.bucket });
    new TerraformOutput(this, "glue_database", { value: database.name });
    new TerraformOutput(this, "athena_workgroup", { value: workgroup.name });
    new TerraformOutput(this, "stream_reader_dlq_url", { value: reader.deadLetterQueue.url });
  }
}

function namedQueryFiles(): string[] {
  return readdirSync(QUERIES_DIR)
    .filter((file) => file.endsWith(".sql"))
    .sort();
}
