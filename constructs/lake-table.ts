import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogStream } from "@cdktf/provider-aws/lib/cloudwatch-log-stream";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { GlueCatalogTable } from "@cdktf/provider-aws/lib/glue-catalog-table";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KinesisFirehoseDeliveryStream } from "@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { LakeTable as LakeTableDefinition, PARTITION_COLUMN } from "../functions/lake/tables";

export interface LakeTableProps {
  definition: LakeTableDefinition;
  deliveryStreamName: string;
  databaseName: string;
  bucket: S3Bucket;
  /** Seconds Firehose buffers before writing a file (60-900). */
  bufferingSeconds: number;
  logRetentionDays: number;
  region: string;
  accountId: string;
  partition: string;
}

const PARQUET = {
  inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
  outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
  serde: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
};

/** Record format conversion requires at least 64 MB of buffer. */
const CONVERSION_BUFFER_MB = 64;

/**
 * One lake table: its Glue schema (partitioned by day, with partition projection so no crawler
 * is needed) and the Firehose stream that converts JSON rows to Snappy Parquet with that schema.
 */
export class LakeTable extends Construct {
  readonly table: GlueCatalogTable;
  readonly deliveryStream: KinesisFirehoseDeliveryStream;

  constructor(scope: Construct, id: string, props: LakeTableProps) {
    super(scope, id);
    const name = props.definition.name;
    const location = `s3://${props.bucket.bucket}/${name}/`;
    this.table = new GlueCatalogTable(this, "table", {
      name,
      databaseName: props.databaseName,
      description: props.definition.description,
      tableType: "EXTERNAL_TABLE",
      parameters: {
        classification: "parquet",
        "parquet.compression": "SNAPPY",
        "projection.enabled": "true",
        [`projection.${PARTITION_COLUMN.name}.type`]: "date",
        [`projection.${PARTITION_COLUMN.name}.format`]: "yyyy-MM-dd",
        [`projection.${PARTITION_COLUMN.name}.range`]: "2024-01-01,NOW",
        [`projection.${PARTITION_COLUMN.name}.interval`]: "1",
        [`projection.${PARTITION_COLUMN.name}.interval.unit`]: "DAYS",
        // "$$" keeps Terraform from reading ${dt} as an interpolation; Athena fills it in.
        "storage.location.template": `${location}${PARTITION_COLUMN.name}=$\${${PARTITION_COLUMN.name}}/`,
      },
      partitionKeys: [{ name: PARTITION_COLUMN.name, type: PARTITION_COLUMN.type, comment: PARTITION_COLUMN.comment }],
      storageDescriptor: {
        location,
        inputFormat: PARQUET.inputFormat,
        outputFormat: PARQUET.outputFormat,
        serDeInfo: { serializationLibrary: PARQUET.serde, parameters: { "serialization.format": "1" } },
        columns: props.definition.columns.map((column) => ({ name: column.name, type: column.type, comment: column.comment })),
      },
    });

    const logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/aws/kinesisfirehose/${props.deliveryStreamName}`,
      retentionInDays: props.logRetentionDays,
    });
    const logStream = new CloudwatchLogStream(this, "log-stream", { name: "S3Delivery", logGroupName: logGroup.name });

    const assume = new DataAwsIamPolicyDocument(this, "assume-role", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["firehose.amazonaws.com"] }],
          condition: [{ test: "StringEquals", variable: "sts:ExternalId", values: [props.accountId] }],
        },
      ],
    });
    const role = new IamRole(this, "role", { name: `${props.deliveryStreamName}-firehose`, assumeRolePolicy: assume.json });
    const glueArn = (kind: string, path: string) => `arn:${props.partition}:glue:${props.region}:${props.accountId}:${kind}${path}`;
    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      statement: [
        {
          sid: "WriteThisTablesPrefixes",
          actions: ["s3:AbortMultipartUpload", "s3:PutObject"],
          resources: [`${props.bucket.arn}/${name}/*`, `${props.bucket.arn}/errors/${name}/*`],
        },
        {
          sid: "LocateTheBucket",
          actions: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
          resources: [props.bucket.arn],
        },
        {
          sid: "ReadTheSchema",
          actions: ["glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"],
          resources: [glueArn("catalog", ""), glueArn("database/", props.databaseName), glueArn("table/", `${props.databaseName}/${name}`)],
        },
        { sid: "LogDeliveryErrors", actions: ["logs:PutLogEvents"], resources: [`${logGroup.arn}:log-stream:${logStream.name}`] },
      ],
    });
    const rolePolicy = new IamRolePolicy(this, "role-policy", { name: "deliver-to-lake", role: role.id, policy: policy.json });

    this.deliveryStream = new KinesisFirehoseDeliveryStream(this, "stream", {
      name: props.deliveryStreamName,
      destination: "extended_s3",
      serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" },
      extendedS3Configuration: {
        roleArn: role.arn,
        bucketArn: props.bucket.arn,
        prefix: `${name}/${PARTITION_COLUMN.name}=!{timestamp:yyyy-MM-dd}/`,
        // Conversion failures, delivery failures etc. land apart, by type and day.
        errorOutputPrefix: `errors/${name}/!{firehose:error-output-type}/${PARTITION_COLUMN.name}=!{timestamp:yyyy-MM-dd}/`,
        bufferingSize: CONVERSION_BUFFER_MB,
        bufferingInterval: props.bufferingSeconds,
        // Compression happens inside the Parquet serializer; the stream itself must not compress.
        compressionFormat: "UNCOMPRESSED",
        cloudwatchLoggingOptions: { enabled: true, logGroupName: logGroup.name, logStreamName: logStream.name },
        dataFormatConversionConfiguration: {
          enabled: true,
          inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
          outputFormatConfiguration: { serializer: { parquetSerDe: { compression: "SNAPPY" } } },
          schemaConfiguration: {
            databaseName: props.databaseName,
            tableName: this.table.name,
            roleArn: role.arn,
            region: props.region,
          },
        },
      },
      dependsOn: [rolePolicy],
    });
  }
}
