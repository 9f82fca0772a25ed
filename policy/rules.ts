import { blocks, Json, Resource, Stacks } from "./terraform";

export interface Finding {
  rule: string;
  /** Construct path of the resource, e.g. dev-api/rest-api/method-health/… */
  resource: string;
  message: string;
}

export interface Rule {
  /** The primary scanner id (checkov where one exists). */
  id: string;
  /** The same check in other scanners (trivy, cdk-nag). */
  aliases: string[];
  title: string;
  check(stacks: Stacks): Finding[];
}

function rule(id: string, aliases: string[], title: string, check: (stacks: Stacks, fail: (r: Resource, message?: string) => void) => void): Rule {
  return {
    id,
    aliases,
    title,
    check(stacks) {
      const findings: Finding[] = [];
      check(stacks, (resource, message) => findings.push({ rule: id, resource: resource.path, message: message ?? title }));
      return findings;
    },
  };
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SUPPORTED_RUNTIMES = new Set(["nodejs20.x", "nodejs22.x"]);
const SECRET_NAME = /(secret|passw(or)?d|token|private[_-]?key|api[_-]?key|credential)/i;
const SECRET_VALUE = /(AKIA[0-9A-Z]{16}|-----BEGIN|xox[bp]-|ghp_[A-Za-z0-9]{20,})/;

function denyInsecureTransport(statements: Json[]): boolean {
  return statements.some(
    (s) =>
      s.effect === "Deny" &&
      blocks(s.condition).some((c: Json) => c.variable === "aws:SecureTransport" && [c.values].flat().includes("false")),
  );
}

function allowsEveryone(statements: Json[]): boolean {
  return statements.some(
    (s) =>
      (s.effect ?? "Allow") === "Allow" &&
      (s.principals === "*" || blocks(s.principals).some((p: Json) => p === "*" || [p.identifiers].flat().includes("*"))),
  );
}

function bucketPolicyStatements(stacks: Stacks, bucket: Resource): Json[] {
  return stacks.referring("aws_s3_bucket_policy", "bucket", bucket).flatMap((p) => stacks.statements(p.stack, p.config.policy));
}

function behaviours(distribution: Json): Json[] {
  return [...blocks(distribution.default_cache_behavior), ...blocks(distribution.ordered_cache_behavior)];
}

export const RULES: Rule[] = [
  // S3
  rule("CKV_AWS_53", ["CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "CKV2_AWS_6", "AVD-AWS-0086", "AVD-AWS-0087", "AVD-AWS-0091", "AVD-AWS-0093", "AVD-AWS-0094", "AwsSolutions-S2"], "S3 bucket blocks public access with all four flags", (stacks, fail) => {
    for (const bucket of stacks.resources("aws_s3_bucket")) {
      const [block] = stacks.referring("aws_s3_bucket_public_access_block", "bucket", bucket);
      const c = block?.config ?? {};
      if (!(c.block_public_acls && c.block_public_policy && c.ignore_public_acls && c.restrict_public_buckets)) fail(bucket);
    }
  }),
  rule("CKV_AWS_19", ["AVD-AWS-0088"], "S3 bucket is encrypted by default", (stacks, fail) => {
    for (const bucket of stacks.resources("aws_s3_bucket")) {
      const [config] = stacks.referring("aws_s3_bucket_server_side_encryption_configuration", "bucket", bucket);
      if (!blocks(config?.config.rule).some((r: Json) => blocks(r.apply_server_side_encryption_by_default).length > 0)) fail(bucket);
    }
  }),
  rule("CKV_AWS_21", ["AVD-AWS-0090"], "S3 bucket is versioned", (stacks, fail) => {
    for (const bucket of stacks.resources("aws_s3_bucket")) {
      const [versioning] = stacks.referring("aws_s3_bucket_versioning", "bucket", bucket);
      if (blocks(versioning?.config.versioning_configuration)[0]?.status !== "Enabled") fail(bucket);
    }
  }),
  rule("CKV_AWS_18", ["AVD-AWS-0089", "AwsSolutions-S1"], "S3 bucket has server access logging", (stacks, fail) => {
    for (const bucket of stacks.resources("aws_s3_bucket")) {
      if (stacks.referring("aws_s3_bucket_logging", "bucket", bucket).length === 0) fail(bucket);
    }
  }),
  rule("AwsSolutions-S10", [], "S3 bucket policy denies requests without TLS", (stacks, fail) => {
    for (const bucket of stacks.resources("aws_s3_bucket")) if (!denyInsecureTransport(bucketPolicyStatements(stacks, bucket))) fail(bucket);
  }),
  rule("CKV_AWS_70", [], "S3 bucket policy allows no * principal", (stacks, fail) => {
    for (const bucket of stacks.resources("aws_s3_bucket")) if (allowsEveryone(bucketPolicyStatements(stacks, bucket))) fail(bucket);
  }),
  rule("CKV2_AWS_65", [], "S3 bucket disables ACLs (BucketOwnerEnforced)", (stacks, fail) => {
    for (const bucket of stacks.resources("aws_s3_bucket")) {
      const [ownership] = stacks.referring("aws_s3_bucket_ownership_controls", "bucket", bucket);
      if (blocks(ownership?.config.rule)[0]?.object_ownership !== "BucketOwnerEnforced") fail(bucket);
    }
  }),
  rule("CKV2_AWS_61", ["CKV_AWS_300"], "S3 bucket has a lifecycle that aborts incomplete multipart uploads", (stacks, fail) => {
    for (const bucket of stacks.resources("aws_s3_bucket")) {
      const [lifecycle] = stacks.referring("aws_s3_bucket_lifecycle_configuration", "bucket", bucket);
      const aborts = blocks(lifecycle?.config.rule).some((r: Json) => r.status === "Enabled" && blocks(r.abort_incomplete_multipart_upload).length > 0);
      if (!aborts) fail(bucket);
    }
  }),

  // CloudFront
  rule("CKV_AWS_34", ["AVD-AWS-0012"], "CloudFront behaviours never allow plain HTTP", (stacks, fail) => {
    for (const d of stacks.resources("aws_cloudfront_distribution")) {
      if (behaviours(d.config).some((b) => b.viewer_protocol_policy === "allow-all")) fail(d);
    }
  }),
  rule("CKV2_AWS_46", ["AwsSolutions-S5", "AwsSolutions-CFR7"], "CloudFront reads S3 origins through origin access control", (stacks, fail) => {
    for (const d of stacks.resources("aws_cloudfront_distribution")) {
      for (const origin of blocks(d.config.origin)) {
        if (!origin.custom_origin_config && !origin.origin_access_control_id) fail(d, `origin ${origin.origin_id} has no origin access control`);
      }
    }
  }),
  rule("CKV2_AWS_72", ["AwsSolutions-CFR5"], "CloudFront reaches custom origins over HTTPS (TLS 1.2) only", (stacks, fail) => {
    for (const d of stacks.resources("aws_cloudfront_distribution")) {
      for (const origin of blocks(d.config.origin)) {
        const custom = blocks(origin.custom_origin_config)[0];
        if (custom && (custom.origin_protocol_policy !== "https-only" || [custom.origin_ssl_protocols].flat().some((p: string) => p !== "TLSv1.2"))) {
          fail(d, `origin ${origin.origin_id} is not HTTPS-only with TLSv1.2`);
        }
      }
    }
  }),
  rule("CKV2_AWS_32", [], "CloudFront attaches a response headers policy to every behaviour", (stacks, fail) => {
    for (const d of stacks.resources("aws_cloudfront_distribution")) {
      if (behaviours(d.config).some((b) => !b.response_headers_policy_id)) fail(d);
    }
  }),
  rule("CKV_AWS_259", [], "Response headers policy sets HSTS for a year with subdomains, preload and override", (stacks, fail) => {
    for (const policy of stacks.resources("aws_cloudfront_response_headers_policy")) {
      const hsts = blocks(blocks(policy.config.security_headers_config)[0]?.strict_transport_security)[0];
      if (!hsts || hsts.access_control_max_age_sec < 31536000 || !hsts.include_subdomains || !hsts.preload || !hsts.override) fail(policy);
    }
  }),
  rule("CKV_AWS_86", ["AVD-AWS-0010", "AwsSolutions-CFR3"], "CloudFront writes access logs", (stacks, fail) => {
    for (const d of stacks.resources("aws_cloudfront_distribution")) if (!blocks(d.config.logging_config)[0]?.bucket) fail(d);
  }),
  rule("CKV_AWS_305", [], "CloudFront has a default root object", (stacks, fail) => {
    for (const d of stacks.resources("aws_cloudfront_distribution")) if (!d.config.default_root_object) fail(d);
  }),
  rule("CKV_AWS_174", ["CKV2_AWS_54", "CKV2_AWS_42", "AwsSolutions-CFR4"], "CloudFront requires TLS 1.2+ from viewers", (stacks, fail) => {
    for (const d of stacks.resources("aws_cloudfront_distribution")) {
      const certificate = blocks(d.config.viewer_certificate)[0] ?? {};
      if (certificate.cloudfront_default_certificate || !/^TLSv1\.2/.test(certificate.minimum_protocol_version ?? "")) fail(d);
    }
  }),
  rule("CKV_AWS_68", ["CKV2_AWS_47", "AVD-AWS-0011", "AwsSolutions-CFR2"], "CloudFront is protected by a WAF", (stacks, fail) => {
    for (const d of stacks.resources("aws_cloudfront_distribution")) if (!d.config.web_acl_id) fail(d);
  }),
  rule("CKV_AWS_374", ["AwsSolutions-CFR1"], "CloudFront restricts viewer geography", (stacks, fail) => {
    for (const d of stacks.resources("aws_cloudfront_distribution")) {
      const geo = blocks(blocks(d.config.restrictions)[0]?.geo_restriction)[0];
      if (!geo || geo.restriction_type === "none") fail(d);
    }
  }),
  rule("CKV_AWS_310", [], "CloudFront has origin failover", (stacks, fail) => {
    for (const d of stacks.resources("aws_cloudfront_distribution")) if (blocks(d.config.origin_group).length === 0) fail(d);
  }),

  // API Gateway
  rule("CKV2_AWS_53", ["AwsSolutions-APIG2"], "Every API method has a request validator", (stacks, fail) => {
    for (const method of stacks.resources("aws_api_gateway_method")) if (!method.config.request_validator_id) fail(method);
  }),
  rule("CKV_AWS_59", ["CKV2_AWS_70", "AVD-AWS-0004", "AwsSolutions-APIG4"], "Every API method requires an API key or an authorizer", (stacks, fail) => {
    for (const method of stacks.resources("aws_api_gateway_method")) {
      if (method.config.authorization === "NONE" && !method.config.api_key_required) {
        fail(method, `${method.config.http_method} is open to anyone${WRITE_METHODS.has(method.config.http_method) ? " (a write)" : ""}`);
      }
    }
  }),
  rule("CKV_AWS_76", ["AVD-AWS-0001", "AwsSolutions-APIG1"], "API stage writes JSON access logs", (stacks, fail) => {
    for (const stage of stacks.resources("aws_api_gateway_stage")) {
      const settings = blocks(stage.config.access_log_settings)[0];
      let json = false;
      try {
        json = typeof JSON.parse(settings?.format ?? "") === "object";
      } catch {
        json = false;
      }
      if (!settings?.destination_arn || !json) fail(stage);
    }
  }),
  rule("CKV2_AWS_4", ["AwsSolutions-APIG6"], "API stage has execution logging and metrics on all methods", (stacks, fail) => {
    for (const stage of stacks.resources("aws_api_gateway_stage")) {
      const all = stacks.resources("aws_api_gateway_method_settings").find((s) => s.stack === stage.stack && s.config.method_path === "*/*");
      const settings = blocks(all?.config.settings)[0];
      if (!settings || !["INFO", "ERROR"].includes(settings.logging_level) || !settings.metrics_enabled) fail(stage);
    }
  }),
  rule("CKV_AWS_276", [], "API data trace is off", (stacks, fail) => {
    for (const s of stacks.resources("aws_api_gateway_method_settings")) if (blocks(s.config.settings)[0]?.data_trace_enabled !== false) fail(s);
  }),
  rule("APIGWDefaultThrottling", [], "API stage has stage-wide rate and burst limits", (stacks, fail) => {
    for (const stage of stacks.resources("aws_api_gateway_stage")) {
      const all = stacks.resources("aws_api_gateway_method_settings").find((s) => s.stack === stage.stack && s.config.method_path === "*/*");
      const settings = blocks(all?.config.settings)[0];
      if (!(settings?.throttling_rate_limit > 0 && settings?.throttling_burst_limit > 0)) fail(stage);
    }
  }),
  rule("CKV_AWS_73", ["AVD-AWS-0003"], "API stage has X-Ray tracing", (stacks, fail) => {
    for (const stage of stacks.resources("aws_api_gateway_stage")) if (!stage.config.xray_tracing_enabled) fail(stage);
  }),
  rule("CKV_AWS_120", ["CKV_AWS_225", "CKV_AWS_308", "AVD-AWS-0002", "AVD-AWS-0190"], "API stage caches responses, encrypted", (stacks, fail) => {
    for (const stage of stacks.resources("aws_api_gateway_stage")) if (!stage.config.cache_cluster_enabled) fail(stage);
  }),
  rule("CKV_AWS_217", ["CKV_AWS_237"], "API deployment is created before the old one is destroyed", (stacks, fail) => {
    for (const d of stacks.resources("aws_api_gateway_deployment")) if (!d.config.lifecycle?.create_before_destroy) fail(d);
  }),

  // Lambda
  rule("CKV_AWS_364", ["CKV_AWS_301", "AVD-AWS-0067"], "Lambda permission names a source ARN and no * principal", (stacks, fail) => {
    for (const p of stacks.resources("aws_lambda_permission")) {
      if (!p.config.source_arn || p.config.principal === "*" || /\/\*\/\*$/.test(p.config.source_arn)) fail(p);
    }
  }),
  rule("CKV_AWS_45", [], "Lambda environment holds no secrets", (stacks, fail) => {
    for (const fn of stacks.resources("aws_lambda_function")) {
      for (const [name, value] of Object.entries(blocks(fn.config.environment)[0]?.variables ?? {})) {
        if (SECRET_NAME.test(name) || SECRET_VALUE.test(String(value))) fail(fn, `environment variable ${name} looks like a secret`);
      }
    }
  }),
  rule("CKV_AWS_173", [], "Lambda environment is encrypted with a customer-managed key", (stacks, fail) => {
    for (const fn of stacks.resources("aws_lambda_function")) if (blocks(fn.config.environment).length > 0 && !fn.config.kms_key_arn) fail(fn);
  }),
  rule("CKV_AWS_363", ["AwsSolutions-L1"], "Lambda uses a supported, current runtime", (stacks, fail) => {
    for (const fn of stacks.resources("aws_lambda_function")) if (!SUPPORTED_RUNTIMES.has(fn.config.runtime)) fail(fn, `runtime ${fn.config.runtime}`);
  }),
  rule("CKV_AWS_50", ["AVD-AWS-0066"], "Lambda has X-Ray tracing", (stacks, fail) => {
    for (const fn of stacks.resources("aws_lambda_function")) if (blocks(fn.config.tracing_config)[0]?.mode !== "Active") fail(fn);
  }),
  rule("CKV_AWS_115", [], "Lambda has a concurrency limit", (stacks, fail) => {
    for (const fn of stacks.resources("aws_lambda_function")) if (fn.config.reserved_concurrent_executions === undefined) fail(fn);
  }),
  rule("CKV_AWS_116", [], "Lambda has a DLQ for asynchronous invocations", (stacks, fail) => {
    for (const fn of stacks.resources("aws_lambda_function")) if (blocks(fn.config.dead_letter_config).length === 0) fail(fn);
  }),
  rule("LambdaEventSourceMappingDestination", [], "Stream consumer has an on-failure destination", (stacks, fail) => {
    for (const m of stacks.resources("aws_lambda_event_source_mapping")) {
      if (!blocks(blocks(m.config.destination_config)[0]?.on_failure)[0]?.destination_arn) fail(m);
    }
  }),
  rule("CKV_AWS_66", ["CKV_AWS_338", "CloudWatchLogGroupRetentionPeriod"], "Log group has a retention period", (stacks, fail) => {
    for (const g of stacks.resources("aws_cloudwatch_log_group")) if (!(g.config.retention_in_days > 0)) fail(g);
  }),
  rule("LambdaLogGroup", [], "Every function logs to a log group the stack owns", (stacks, fail) => {
    for (const fn of stacks.resources("aws_lambda_function")) {
      const group = blocks(fn.config.logging_config)[0]?.log_group;
      if (!group || !/^\$\{aws_cloudwatch_log_group\./.test(group)) fail(fn);
    }
  }),

  // DynamoDB
  rule("CKV_AWS_28", ["AVD-AWS-0024", "AwsSolutions-DDB3"], "DynamoDB table has point-in-time recovery", (stacks, fail) => {
    for (const t of stacks.resources("aws_dynamodb_table")) if (blocks(t.config.point_in_time_recovery)[0]?.enabled !== true) fail(t);
  }),
  rule("DynamoDBEncryption", [], "DynamoDB table is encrypted with a KMS key (at least AWS-managed)", (stacks, fail) => {
    for (const t of stacks.resources("aws_dynamodb_table")) if (blocks(t.config.server_side_encryption)[0]?.enabled !== true) fail(t);
  }),
  rule("CKV_AWS_119", ["AVD-AWS-0025"], "DynamoDB table uses a customer-managed key", (stacks, fail) => {
    for (const t of stacks.resources("aws_dynamodb_table")) if (!blocks(t.config.server_side_encryption)[0]?.kms_key_arn) fail(t);
  }),
  rule("DynamoDBDeletionProtectionProd", [], "The prod table is deletion-protected", (stacks, fail) => {
    for (const t of stacks.resources("aws_dynamodb_table")) if (t.stack.startsWith("prod-") && t.config.deletion_protection_enabled !== true) fail(t);
  }),

  // Firehose, Glue, Athena, SQS
  rule("CKV_AWS_240", ["AwsSolutions-KDF1"], "Firehose stream is encrypted", (stacks, fail) => {
    for (const f of stacks.resources("aws_kinesis_firehose_delivery_stream")) if (blocks(f.config.server_side_encryption)[0]?.enabled !== true) fail(f);
  }),
  rule("CKV_AWS_241", [], "Firehose stream uses a customer-managed key", (stacks, fail) => {
    for (const f of stacks.resources("aws_kinesis_firehose_delivery_stream")) {
      if (blocks(f.config.server_side_encryption)[0]?.key_type !== "CUSTOMER_MANAGED_CMK") fail(f);
    }
  }),
  rule("CKV_AWS_94", ["CKV_AWS_99"], "Glue Data Catalog is encrypted", (stacks, fail) => {
    const encrypted = stacks.resources("aws_glue_data_catalog_encryption_settings").length > 0;
    for (const db of stacks.resources("aws_glue_catalog_database")) if (!encrypted) fail(db);
  }),
  rule("CKV_AWS_82", ["AVD-AWS-0007"], "Athena workgroup enforces its configuration", (stacks, fail) => {
    for (const w of stacks.resources("aws_athena_workgroup")) if (blocks(w.config.configuration)[0]?.enforce_workgroup_configuration !== true) fail(w);
  }),
  rule("CKV_AWS_159", ["AVD-AWS-0006"], "Athena results are encrypted", (stacks, fail) => {
    for (const w of stacks.resources("aws_athena_workgroup")) {
      const result = blocks(blocks(w.config.configuration)[0]?.result_configuration)[0];
      if (!blocks(result?.encryption_configuration)[0]?.encryption_option) fail(w);
    }
  }),
  rule("AthenaBytesScannedCutoff", [], "Athena workgroup caps bytes scanned per query (>= 10 MB)", (stacks, fail) => {
    for (const w of stacks.resources("aws_athena_workgroup")) {
      if (!(blocks(w.config.configuration)[0]?.bytes_scanned_cutoff_per_query >= 10485760)) fail(w);
    }
  }),
  rule("CKV_AWS_27", ["AVD-AWS-0096", "AwsSolutions-SQS2"], "SQS queue is encrypted", (stacks, fail) => {
    for (const q of stacks.resources("aws_sqs_queue")) if (!q.config.sqs_managed_sse_enabled && !q.config.kms_master_key_id) fail(q);
  }),
  rule("AwsSolutions-SQS4", [], "SQS queue policy denies requests without TLS", (stacks, fail) => {
    for (const q of stacks.resources("aws_sqs_queue")) {
      const statements = stacks.referring("aws_sqs_queue_policy", "queue_url", q).flatMap((p) => stacks.statements(p.stack, p.config.policy));
      if (!denyInsecureTransport(statements)) fail(q);
    }
  }),
  rule("CKV_AWS_72", ["CKV_AWS_168", "CKV_AWS_387"], "SQS queue policy allows no * principal or action", (stacks, fail) => {
    for (const p of stacks.resources("aws_sqs_queue_policy")) {
      const statements = stacks.statements(p.stack, p.config.policy);
      if (allowsEveryone(statements) || statements.some((s) => (s.effect ?? "Allow") === "Allow" && [s.actions].flat().includes("*"))) fail(p);
    }
  }),

  // IAM
  rule("CKV_AWS_62", ["CKV_AWS_63", "AVD-AWS-0057", "CKV_AWS_286", "CKV_AWS_287", "CKV_AWS_288", "CKV_AWS_289", "CKV_AWS_290"], "IAM allows no * action", (stacks, fail) => {
    for (const p of stacks.resources("aws_iam_role_policy")) {
      for (const s of stacks.statements(p.stack, p.config.policy)) {
        if ((s.effect ?? "Allow") === "Allow" && [s.actions].flat().some((a: string) => a === "*" || a.endsWith(":*"))) fail(p, `action ${[s.actions].flat().join(", ")}`);
      }
    }
  }),
  rule("CKV_AWS_355", [], "IAM allows no * resource", (stacks, fail) => {
    for (const p of stacks.resources("aws_iam_role_policy")) {
      for (const s of stacks.statements(p.stack, p.config.policy)) {
        if ((s.effect ?? "Allow") === "Allow" && [s.resources].flat().includes("*")) fail(p, `actions ${[s.actions].flat().join(", ")} on *`);
      }
    }
  }),
  rule("AwsSolutions-IAM5", [], "IAM resources contain no wildcard", (stacks, fail) => {
    for (const p of stacks.resources("aws_iam_role_policy")) {
      for (const s of stacks.statements(p.stack, p.config.policy)) {
        for (const resource of [s.resources].flat().filter((r: string) => typeof r === "string" && r.includes("*"))) {
          fail(p, `${[s.actions].flat().join(", ")} on ${resource.replace(/\$\{[^}]+\}/g, "<ref>")}`);
        }
      }
    }
  }),
  rule("CKV_AWS_274", ["AwsSolutions-IAM4"], "No AWS-managed or administrator policies", (stacks, fail) => {
    for (const a of stacks.resources("aws_iam_role_policy_attachment")) fail(a, `attaches ${a.config.policy_arn}`);
    for (const r of stacks.resources("aws_iam_role")) if (blocks(r.config.managed_policy_arns).length > 0) fail(r);
  }),
];
