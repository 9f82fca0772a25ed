import { readdirSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../constructs/bundle";
import { STREAM_CONSUMER } from "../functions/lake/stream-consumer";
import { ARTICLES_TABLE, LAKE_TABLES, LIKES_TABLE } from "../functions/lake/tables";
import { policyStatements, resources, synthAll } from "./support/synth";

const { stacks } = synthAll();
const analytics = stacks["dev-analytics"];
const api = stacks["dev-api"];

function byName(type: string, name: string): any {
  return resources(analytics, type).find((resource) => resource.name === name);
}

describe("api -> analytics wiring (remote state)", () => {
  it("reads the API stack's state, and the API stack does not read the analytics stack", () => {
    expect(analytics.data?.terraform_remote_state).toEqual({
      "cross-stack-reference-input-dev-api": {
        backend: "local",
        config: { path: "../../../state/dev-api.tfstate" },
        workspace: "${terraform.workspace}",
      },
    });
    expect(api.data?.terraform_remote_state).toBeUndefined();
  });

  it("subscribes to the table's stream from the API stack's outputs", () => {
    const [mapping] = resources(analytics, "aws_lambda_event_source_mapping");
    const reference = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-dev-api\.outputs\.([^}]+)\}$/.exec(mapping.event_source_arn);
    expect(reference).not.toBeNull();
    expect(api.output?.[reference![1]]?.value).toBe("${aws_dynamodb_table.articles_table_53126008.stream_arn}");
  });
});

describe("stream reader", () => {
  const [mapping] = resources(analytics, "aws_lambda_event_source_mapping");

  it("consumes the stream with bounded retries, bisection, partial batch responses and a DLQ", () => {
    expect(mapping).toMatchObject({
      starting_position: "TRIM_HORIZON",
      batch_size: STREAM_CONSUMER.batchSize,
      maximum_batching_window_in_seconds: STREAM_CONSUMER.maximumBatchingWindowSeconds,
      maximum_retry_attempts: STREAM_CONSUMER.maximumRetryAttempts,
      maximum_record_age_in_seconds: STREAM_CONSUMER.maximumRecordAgeSeconds,
      bisect_batch_on_function_error: true,
      function_response_types: ["ReportBatchItemFailures"],
      destination_config: { on_failure: { destination_arn: expect.stringMatching(/aws_sqs_queue\..+\.arn/) } },
    });
    expect(mapping.maximum_retry_attempts).toBeGreaterThanOrEqual(0);
  });

  it("has an encrypted DLQ keeping messages 14 days, reachable over TLS only", () => {
    const [queue] = resources(analytics, "aws_sqs_queue");
    expect(queue).toMatchObject({ message_retention_seconds: 1209600, sqs_managed_sse_enabled: true });
    const [policy] = resources(analytics, "aws_sqs_queue_policy");
    expect(policyStatements(analytics, policy.policy)).toEqual([
      expect.objectContaining({ effect: "Deny", condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] }),
    ]);
  });

  it("may read only this table's streams, send to its DLQ and put records to the lake streams", () => {
    const [fn] = resources(analytics, "aws_lambda_function");
    expect(fn).toMatchObject({ runtime: "nodejs22.x", architectures: ["arm64"], timeout: STREAM_CONSUMER.functionTimeoutSeconds });
    expect(Object.keys(fn.environment.variables).sort()).toEqual(["LAKE_STREAM_ARTICLES", "LAKE_STREAM_LIKES"]);
    const [policy] = resources(analytics, "aws_iam_role_policy").filter((p) => p.name === "least-privilege");
    const statements = policyStatements(analytics, policy.policy);
    expect(statements.map((s) => s.actions)).toEqual([
      ["logs:CreateLogStream", "logs:PutLogEvents"],
      ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
      ["sqs:SendMessage"],
      ["firehose:PutRecordBatch"],
    ]);
    expect(statements[1].resources).toEqual([expect.stringMatching(/^\$\{data\.terraform_remote_state\..+\}\/stream\/\*$/)]);
    expect(statements[3].resources).toHaveLength(LAKE_TABLES.length);
  });
});

describe("buckets", () => {
  it("are private, encrypted, owner-enforced, TLS-only, and abort incomplete uploads", () => {
    expect(resources(analytics, "aws_s3_bucket").map((b) => b.bucket_prefix).sort()).toEqual([
      "blog-dev-athena-results-",
      "blog-dev-lake-",
      "blog-dev-lake-logs-",
    ]);
    const logging = resources(analytics, "aws_s3_bucket_logging");
    expect(logging.map((l) => l.target_prefix).sort()).toEqual(["s3/athena-results/", "s3/lake/"]);
    for (const block of resources(analytics, "aws_s3_bucket_public_access_block")) {
      expect(block).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    }
    for (const ownership of resources(analytics, "aws_s3_bucket_ownership_controls")) {
      expect(ownership.rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    }
    for (const encryption of resources(analytics, "aws_s3_bucket_server_side_encryption_configuration")) {
      expect(encryption.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("AES256");
    }
    for (const lifecycle of resources(analytics, "aws_s3_bucket_lifecycle_configuration")) {
      expect(lifecycle.rule[0].abort_incomplete_multipart_upload).toEqual([{ days_after_initiation: 7 }]);
    }
    for (const policy of resources(analytics, "aws_s3_bucket_policy")) {
      const [statement] = policyStatements(analytics, policy.policy);
      expect(statement).toMatchObject({ effect: "Deny", actions: ["s3:*"] });
      expect(statement.condition).toEqual([{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }]);
    }
  });
});

describe("lake tables", () => {
  it.each(LAKE_TABLES.map((t) => [t.name, t] as const))("%s: Glue Parquet table with the declared columns and day partitions by projection", (name, definition) => {
    const table = byName("aws_glue_catalog_table", name);
    expect(table).toMatchObject({
      table_type: "EXTERNAL_TABLE",
      partition_keys: [{ name: "dt", type: "string", comment: expect.any(String) }],
      storage_descriptor: {
        input_format: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        output_format: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        ser_de_info: { serialization_library: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe" },
      },
    });
    expect(table.storage_descriptor.columns.map((c: { name: string; type: string }) => [c.name, c.type])).toEqual(
      definition.columns.map((c) => [c.name, c.type]),
    );
    expect(table.parameters).toMatchObject({ "projection.enabled": "true", "projection.dt.type": "date", "projection.dt.format": "yyyy-MM-dd" });
    expect(table.parameters["storage.location.template"]).toMatch(new RegExp(`/${name}/dt=\\$\\$\\{dt\\}/$`));
  });

  it.each(LAKE_TABLES.map((t) => [t.name] as const))("%s: Firehose converts JSON to Snappy Parquet with the Glue schema", (name) => {
    const stream = byName("aws_kinesis_firehose_delivery_stream", `blog-dev-lake-${name}`);
    const s3 = stream.extended_s3_configuration;
    expect(stream).toMatchObject({ destination: "extended_s3", server_side_encryption: { enabled: true, key_type: "AWS_OWNED_CMK" } });
    expect(s3).toMatchObject({
      prefix: `${name}/dt=!{timestamp:yyyy-MM-dd}/`,
      error_output_prefix: `errors/${name}/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/`,
      compression_format: "UNCOMPRESSED",
      cloudwatch_logging_options: { enabled: true },
      data_format_conversion_configuration: {
        enabled: true,
        input_format_configuration: { deserializer: { open_x_json_ser_de: {} } },
        output_format_configuration: { serializer: { parquet_ser_de: { compression: "SNAPPY" } } },
      },
    });
    expect(s3.buffering_size).toBeGreaterThanOrEqual(64);
    expect(s3.buffering_interval).toBeGreaterThanOrEqual(60);
    expect(s3.data_format_conversion_configuration.schema_configuration.table_name).toMatch(/aws_glue_catalog_table\..+\.name/);
  });

  it("gives each stream its own role, limited to its table's prefixes and schema", () => {
    const policies = resources(analytics, "aws_iam_role_policy").filter((p) => p.name === "deliver-to-lake");
    expect(policies).toHaveLength(LAKE_TABLES.length);
    for (const [i, table] of [ARTICLES_TABLE, LIKES_TABLE].entries()) {
      const statements = policyStatements(analytics, policies[i].policy);
      const write = statements.find((s) => s.sid === "WriteThisTablesPrefixes");
      expect(write.resources).toEqual([expect.stringMatching(new RegExp(`/${table.name}/\\*$`)), expect.stringMatching(new RegExp(`/errors/${table.name}/\\*$`))]);
      const glue = statements.find((s) => s.sid === "ReadTheSchema");
      expect(glue.actions).toEqual(["glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"]);
      expect(glue.resources[2]).toMatch(new RegExp(`:table/.+/${table.name}$`));
    }
  });
});

describe("Athena", () => {
  it("enforces its settings, encrypts results and caps bytes scanned", () => {
    const [workgroup] = resources(analytics, "aws_athena_workgroup");
    expect(workgroup.configuration).toMatchObject({
      enforce_workgroup_configuration: true,
      bytes_scanned_cutoff_per_query: 1024 * 1024 * 1024,
      result_configuration: { encryption_configuration: { encryption_option: "SSE_S3" } },
    });
    expect(workgroup.configuration.bytes_scanned_cutoff_per_query).toBeGreaterThanOrEqual(10485760);
  });

  it("has a named query for every file in queries/", () => {
    const files = readdirSync(join(PROJECT_ROOT, "queries")).filter((f) => f.endsWith(".sql")).map((f) => f.slice(0, -4)).sort();
    expect(files).toEqual(expect.arrayContaining(["likes_by_country", "top_authors_by_country"]));
    expect(resources(analytics, "aws_athena_named_query").map((q) => q.name).sort()).toEqual(files);
  });
});
