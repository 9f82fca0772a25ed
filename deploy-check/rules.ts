import { blocks, Json, Resource, Stacks } from "../policy/terraform";
import { Problem, problemAt } from "./problem";

/**
 * What AWS enforces when it creates or updates resources, and no schema expresses: constraints
 * across resources, ordering, key policies and service minimums. Each rule names the AWS page
 * that documents it.
 */
export interface ApplyRule {
  id: string;
  doc: string;
  title: string;
  check(stacks: Stacks, fail: (resource: Resource, attribute: string, message: string) => void): void;
}

const REFERENCE = /\$\{(aws_[a-z0-9_]+)\.([^.}]+)(?:\.([a-z0-9_]+))?\}/g;

/** Resources a string attribute refers to, in the same stack. */
function referred(stacks: Stacks, from: Resource, value: Json): Resource[] {
  if (typeof value !== "string") return [];
  return [...value.matchAll(REFERENCE)].flatMap(([, type, name]) => stacks.resources(type).filter((r) => r.stack === from.stack && r.name === name));
}

function refersTo(stacks: Stacks, from: Resource, value: Json, target: Resource): boolean {
  return referred(stacks, from, value).some((r) => r.type === target.type && r.name === target.name);
}

function dependsOn(resource: Resource, target: Resource): boolean {
  return [resource.config.depends_on ?? []].flat().includes(`${target.type}.${target.name}`);
}

function statementsAllow(statements: Json[], principal: string, actions: string[]): boolean {
  return actions.every((action) =>
    statements.some(
      (s) =>
        (s.effect ?? s.Effect ?? "Allow") === "Allow" &&
        blocks(s.principals ?? s.Principal).some((p: Json) => [p.identifiers ?? p.Service].flat().includes(principal)) &&
        [s.actions ?? s.Action].flat().some((a: string) => a === action || a === "kms:*" || (a.endsWith("*") && action.startsWith(a.slice(0, -1)))),
    ),
  );
}

/** The region of the provider a resource is created through: its alias, or the stack's default provider. */
function regionOf(stacks: Stacks, resource: Resource): string | undefined {
  const alias = typeof resource.config.provider === "string" ? resource.config.provider.replace(/^aws\./, "") : undefined;
  return blocks(stacks.stacks[resource.stack]?.provider?.aws).find((p: Json) => (alias ? p.alias === alias : !p.alias))?.region;
}

/** The ACM certificate a distribution serves, and the validation resource it reads the ARN through, when its stack manages them. */
function servedCertificate(stacks: Stacks, distribution: Resource): { certificate?: Resource; validation?: Resource } {
  const arn = blocks(distribution.config.viewer_certificate)[0]?.acm_certificate_arn;
  const targets = referred(stacks, distribution, arn);
  const validation = targets.find((r) => r.type === "aws_acm_certificate_validation");
  const certificate =
    targets.find((r) => r.type === "aws_acm_certificate") ??
    (validation && referred(stacks, validation, validation.config.certificate_arn).find((r) => r.type === "aws_acm_certificate"));
  return { certificate, validation };
}

function functionAssociations(distribution: Resource): { path: string; association: Json }[] {
  return [
    ...blocks(distribution.config.default_cache_behavior).flatMap((b: Json) => blocks(b.function_association).map((association) => ({ path: "default_cache_behavior", association }))),
    ...blocks(distribution.config.ordered_cache_behavior).flatMap((b: Json) => blocks(b.function_association).map((association) => ({ path: "ordered_cache_behavior", association }))),
  ];
}

/** Whether a certificate name (possibly a one-label wildcard) covers a host name. */
function covers(certificateName: string, host: string): boolean {
  if (certificateName === host) return true;
  return certificateName.startsWith("*.") && host.slice(host.indexOf(".") + 1) === certificateName.slice(2) && !host.startsWith("*.");
}

/** CloudFront's quota on a function's code (Functions quotas: "Maximum size of a function"). */
const CLOUDFRONT_FUNCTION_MAX_BYTES = 10 * 1024;
/** WAF's bounds on a rate-based rule (high-level settings: "The lowest limit setting allowed is 10"). */
const WAF_RATE_LIMIT = { min: 10, max: 2_000_000_000, windows: [60, 120, 300, 600] };
/** CustomResponse.ResponseCode and CustomResponseBody.Content bounds (WAF API reference). */
const WAF_CUSTOM_RESPONSE = { minCode: 200, maxCode: 599, maxBodyChars: 10240 };
/** Rule action blocks (RuleAction) and override actions (OverrideAction) the WAF API accepts. */
const WAF_ACTIONS = ["allow", "block", "count", "captcha", "challenge"];
const WAF_OVERRIDE_ACTIONS = ["count", "none"];
/** Statements that reference a rule group: their rule takes an override action instead of an action. */
const WAF_GROUP_STATEMENTS = ["managed_rule_group_statement", "rule_group_reference_statement"];

const COMPRESSION_FLAGS = ["enable_accept_encoding_gzip", "enable_accept_encoding_brotli"];
const STREAM_READ = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"];
/** Lambda refuses these as environment variable names (CreateFunction: "reserved keys"). */
const LAMBDA_RESERVED_ENV = [
  "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
];

export const APPLY_RULES: ApplyRule[] = [
  {
    id: "DEPLOY-CF-LOG-BUCKET-ACL",
    doc: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html#AccessLogsBucketAndFileOwnership",
    title: "A distribution's standard-log bucket has ACLs enabled (not BucketOwnerEnforced) before the distribution is created",
    check(stacks, fail) {
      for (const distribution of stacks.resources("aws_cloudfront_distribution")) {
        for (const logging of blocks(distribution.config.logging_config)) {
          for (const bucket of referred(stacks, distribution, logging.bucket).filter((r) => r.type === "aws_s3_bucket")) {
            if (!/\.bucket_domain_name\}$/.test(logging.bucket)) fail(distribution, "logging_config.bucket", "must be the bucket's domain name (bucket.s3.amazonaws.com)");
            const ownership = stacks.referring("aws_s3_bucket_ownership_controls", "bucket", bucket);
            const acls = ownership.filter((o) => blocks(o.config.rule).some((r: Json) => r.object_ownership !== "BucketOwnerEnforced"));
            if (acls.length === 0) fail(distribution, "logging_config.bucket", `log bucket ${bucket.name} has ACLs disabled (BucketOwnerEnforced): CloudFront cannot deliver logs`);
            else if (!acls.some((o) => dependsOn(distribution, o))) {
              fail(distribution, "depends_on", `not ordered after ${acls[0].type}.${acls[0].name}: a new bucket starts with ACLs disabled, so creation races`);
            }
          }
        }
      }
    },
  },
  {
    id: "DEPLOY-SNS-ALARM-KMS",
    doc: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services",
    title: "An encrypted SNS topic that alarms notify uses a customer-managed key whose policy lets CloudWatch use it",
    check(stacks, fail) {
      for (const topic of stacks.resources("aws_sns_topic")) {
        const notified = stacks.resources("aws_cloudwatch_metric_alarm").some(
          (alarm) => alarm.stack === topic.stack && [...[alarm.config.alarm_actions ?? []].flat(), ...[alarm.config.ok_actions ?? []].flat()].some((a: string) => a.includes(`aws_sns_topic.${topic.name}.`)),
        );
        const key = topic.config.kms_master_key_id;
        if (!notified || key === undefined) continue;
        const [kmsKey] = referred(stacks, topic, key).filter((r) => r.type === "aws_kms_key");
        if (!kmsKey) {
          fail(topic, "kms_master_key_id", `"${key}" is not a customer-managed key of this stack: CloudWatch cannot use the AWS-managed SNS key, notifications are dropped`);
          continue;
        }
        const policies = [kmsKey.config.policy, ...stacks.resources("aws_kms_key_policy").filter((p) => refersTo(stacks, p, p.config.key_id, kmsKey)).map((p) => p.config.policy)];
        const statements = policies.filter(Boolean).flatMap((policy) => stacks.statements(topic.stack, policy));
        if (!statementsAllow(statements, "cloudwatch.amazonaws.com", ["kms:Decrypt", "kms:GenerateDataKey"])) {
          fail(topic, "kms_master_key_id", `key ${kmsKey.name}'s policy does not allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*`);
        }
      }
    },
  },
  {
    id: "DEPLOY-CF-CACHE-DISABLED-COMPRESSION",
    doc: "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ParametersInCacheKeyAndForwardedToOrigin.html",
    title: "A cache policy with caching disabled (max TTL 0) enables no compression and forwards nothing in the cache key",
    check(stacks, fail) {
      for (const policy of stacks.resources("aws_cloudfront_cache_policy")) {
        if (Number(policy.config.max_ttl ?? 31536000) !== 0) continue;
        for (const parameters of blocks(policy.config.parameters_in_cache_key_and_forwarded_to_origin)) {
          for (const flag of COMPRESSION_FLAGS) {
            if (parameters[flag]) fail(policy, `parameters_in_cache_key_and_forwarded_to_origin.${flag}`, "must be false when all TTLs are 0 (use the managed CachingDisabled policy)");
          }
        }
      }
    },
  },
  {
    id: "DEPLOY-FIREHOSE-CONVERSION-BUFFER",
    doc: "https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html",
    title: "Record format conversion needs a buffer size of at least 64 MiB",
    check(stacks, fail) {
      for (const stream of stacks.resources("aws_kinesis_firehose_delivery_stream")) {
        for (const s3 of blocks(stream.config.extended_s3_configuration)) {
          const conversion = blocks(s3.data_format_conversion_configuration)[0];
          if (conversion && conversion.enabled !== false && Number(s3.buffering_size ?? 5) < 64) {
            fail(stream, "extended_s3_configuration.buffering_size", `${s3.buffering_size ?? 5} MiB is below the 64 MiB format conversion requires`);
          }
        }
      }
    },
  },
  {
    id: "DEPLOY-FIREHOSE-CONVERSION-UNCOMPRESSED",
    doc: "https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html",
    title: "With record format conversion the stream's own compression is UNCOMPRESSED (the serializer compresses)",
    check(stacks, fail) {
      for (const stream of stacks.resources("aws_kinesis_firehose_delivery_stream")) {
        for (const s3 of blocks(stream.config.extended_s3_configuration)) {
          const conversion = blocks(s3.data_format_conversion_configuration)[0];
          if (conversion && conversion.enabled !== false && (s3.compression_format ?? "UNCOMPRESSED") !== "UNCOMPRESSED") {
            fail(stream, "extended_s3_configuration.compression_format", `${s3.compression_format}: must be UNCOMPRESSED with format conversion`);
          }
        }
      }
    },
  },
  {
    id: "DEPLOY-FIREHOSE-ERROR-PREFIX",
    doc: "https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html",
    title: "A prefix with !{...} expressions needs an error output prefix containing !{firehose:error-output-type}",
    check(stacks, fail) {
      for (const stream of stacks.resources("aws_kinesis_firehose_delivery_stream")) {
        for (const s3 of blocks(stream.config.extended_s3_configuration)) {
          if (typeof s3.prefix === "string" && s3.prefix.includes("!{") && !String(s3.error_output_prefix ?? "").includes("!{firehose:error-output-type}")) {
            fail(stream, "extended_s3_configuration.error_output_prefix", "must contain !{firehose:error-output-type} when the prefix uses expressions");
          }
        }
      }
    },
  },
  {
    id: "DEPLOY-APIGW-DEFAULT-RESPONSE-STATUS",
    doc: "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
    title: "DEFAULT_4XX / DEFAULT_5XX set no status code (it would overwrite every other response type's status)",
    check(stacks, fail) {
      for (const response of stacks.resources("aws_api_gateway_gateway_response")) {
        if (/^DEFAULT_[45]XX$/.test(response.config.response_type) && response.config.status_code !== undefined) {
          fail(response, "status_code", `${response.config.response_type} with status ${response.config.status_code} turns e.g. a 504 integration timeout into ${response.config.status_code}`);
        }
      }
    },
  },
  {
    id: "DEPLOY-APIGW-DEPLOYMENT-TRIGGER",
    doc: "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-deployments.html",
    title: "A deployment is replaced (create before destroy) whenever any resource of its API changes",
    check(stacks, fail) {
      const served = ["aws_api_gateway_resource", "aws_api_gateway_method", "aws_api_gateway_integration", "aws_api_gateway_model", "aws_api_gateway_gateway_response", "aws_api_gateway_request_validator"];
      for (const deployment of stacks.resources("aws_api_gateway_deployment")) {
        const trigger = JSON.stringify(deployment.config.triggers ?? {});
        if (deployment.config.lifecycle?.create_before_destroy !== true) fail(deployment, "lifecycle.create_before_destroy", "must be true, or replacing it deletes the stage's deployment first");
        for (const type of served) {
          for (const part of stacks.resources(type).filter((r) => r.stack === deployment.stack && r.config.rest_api_id === deployment.config.rest_api_id)) {
            if (!trigger.includes(`${type}.${part.name}.`)) fail(deployment, "triggers", `does not change when ${type}.${part.name} changes: the stage would keep serving the old API`);
          }
        }
      }
    },
  },
  {
    id: "DEPLOY-APIGW-ACCOUNT-ROLE",
    doc: "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
    title: "Stages that log need the account's CloudWatch role: one aws_api_gateway_account per region in the app, ordered before stages of its own stack",
    check(stacks, fail) {
      const region = (stack: string) => blocks(stacks.stacks[stack].provider?.aws)[0]?.region as string;
      const accounts = stacks.resources("aws_api_gateway_account");
      for (const account of accounts) {
        const others = accounts.filter((a) => a !== account && region(a.stack) === region(account.stack));
        if (others.length > 0) fail(account, "cloudwatch_role_arn", `also managed by ${others.map((a) => a.stack).join(", ")} in ${region(account.stack)}: one account-wide setting, they overwrite each other and a destroy removes the other's role`);
      }
      for (const stage of stacks.resources("aws_api_gateway_stage")) {
        const local = accounts.filter((a) => a.stack === stage.stack);
        if (!accounts.some((a) => region(a.stack) === region(stage.stack))) fail(stage, "access_log_settings", `no aws_api_gateway_account in ${region(stage.stack)} anywhere in the app: logging needs the account's CloudWatch role`);
        else if (local.length > 0 && !local.some((a) => dependsOn(stage, a))) fail(stage, "depends_on", `not ordered after ${local[0].type}.${local[0].name}`);
      }
    },
  },
  {
    id: "DEPLOY-DDB-ATTRIBUTE-DEFINITIONS",
    doc: "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html#DDB-CreateTable-request-AttributeDefinitions",
    title: "A table defines exactly the attributes its table and index keys use",
    check(stacks, fail) {
      for (const table of stacks.resources("aws_dynamodb_table")) {
        const c = table.config;
        const keys = new Set<string>([c.hash_key, c.range_key, ...[...blocks(c.global_secondary_index), ...blocks(c.local_secondary_index)].flatMap((i: Json) => [i.hash_key, i.range_key])].filter(Boolean));
        const defined = new Set<string>(blocks(c.attribute).map((a: Json) => a.name));
        for (const name of defined) if (!keys.has(name)) fail(table, "attribute", `${name} is defined but no key uses it (CreateTable refuses unused attribute definitions)`);
        for (const name of keys) if (!defined.has(name)) fail(table, "attribute", `key attribute ${name} is not defined`);
      }
    },
  },
  {
    id: "DEPLOY-LAMBDA-RESERVED-ENV",
    doc: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime",
    title: "A function sets no reserved environment variable",
    check(stacks, fail) {
      for (const fn of stacks.resources("aws_lambda_function")) {
        for (const environment of blocks(fn.config.environment)) {
          for (const name of Object.keys(environment.variables ?? {})) if (LAMBDA_RESERVED_ENV.includes(name)) fail(fn, `environment.variables.${name}`, "is reserved by Lambda");
        }
      }
    },
  },
  {
    id: "DEPLOY-ESM-ROLE-READY",
    doc: "https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#services-dynamodb-permissions",
    title: "A stream event source mapping is created after the policy that lets its function read the stream and send to its failure destination",
    check(stacks, fail) {
      for (const mapping of stacks.resources("aws_lambda_event_source_mapping")) {
        const [fn] = referred(stacks, mapping, mapping.config.function_name).filter((r) => r.type === "aws_lambda_function");
        if (!fn) continue;
        const roles = referred(stacks, fn, fn.config.role).filter((r) => r.type === "aws_iam_role");
        const policies = stacks.resources("aws_iam_role_policy").filter((p) => roles.some((role) => refersTo(stacks, p, p.config.role, role)));
        const ready = policies.filter((p) => dependsOn(mapping, p));
        const statements = ready.flatMap((p) => stacks.statements(p.stack, p.config.policy));
        const actions = new Set(statements.filter((s) => (s.effect ?? "Allow") === "Allow").flatMap((s) => [s.actions].flat()));
        const needed = [...(/dynamodb/.test(String(mapping.config.event_source_arn)) ? STREAM_READ : []), ...(blocks(mapping.config.destination_config).length ? ["sqs:SendMessage"] : [])];
        const missing = needed.filter((a) => !actions.has(a));
        if (missing.length > 0) fail(mapping, "depends_on", `not ordered after a role policy granting ${missing.join(", ")}: CreateEventSourceMapping checks the role's permissions`);
      }
    },
  },
  {
    id: "DEPLOY-FIREHOSE-GLUE-ROLE-READY",
    doc: "https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html#using-iam-glue",
    title: "A stream converting records is created after the policy that lets its role read the Glue table (CreateDeliveryStream calls Glue with it)",
    check(stacks, fail) {
      for (const stream of stacks.resources("aws_kinesis_firehose_delivery_stream")) {
        for (const s3 of blocks(stream.config.extended_s3_configuration)) {
          const schema = blocks(blocks(s3.data_format_conversion_configuration)[0]?.schema_configuration)[0];
          if (!schema) continue;
          const roles = referred(stacks, stream, schema.role_arn).filter((r) => r.type === "aws_iam_role");
          const ready = stacks
            .resources("aws_iam_role_policy")
            .filter((p) => roles.some((role) => refersTo(stacks, p, p.config.role, role)) && dependsOn(stream, p))
            .flatMap((p) => stacks.statements(p.stack, p.config.policy))
            .flatMap((s) => [s.actions].flat());
          if (!ready.includes("glue:GetTable") && !ready.includes("glue:GetTableVersions")) {
            fail(stream, "depends_on", "not ordered after a policy granting its conversion role glue:GetTable*: creation fails with \"Access was denied when calling Glue\"");
          }
        }
      }
    },
  },
  {
    id: "DEPLOY-LAMBDA-LOG-GROUP-FIRST",
    doc: "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html",
    title: "A function whose log group Terraform manages is created after that group (else Lambda creates it first and CreateLogGroup fails)",
    check(stacks, fail) {
      for (const fn of stacks.resources("aws_lambda_function")) {
        const group = blocks(fn.config.logging_config)[0]?.log_group;
        const managed = [
          ...referred(stacks, fn, group).filter((r) => r.type === "aws_cloudwatch_log_group"),
          ...stacks.resources("aws_cloudwatch_log_group").filter((g) => g.stack === fn.stack && g.config.name === `/aws/lambda/${fn.config.function_name}`),
        ];
        for (const logGroup of managed) if (!dependsOn(fn, logGroup) && !refersTo(stacks, fn, group, logGroup)) fail(fn, "depends_on", `not ordered after ${logGroup.type}.${logGroup.name}`);
      }
    },
  },
  {
    id: "DEPLOY-APIGW-EXECUTION-LOG-GROUP-FIRST",
    doc: "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
    title: "Execution logging is turned on only after Terraform created the stage's execution log group (else API Gateway creates it first, without retention)",
    check(stacks, fail) {
      for (const settings of stacks.resources("aws_api_gateway_method_settings")) {
        const level = blocks(settings.config.settings)[0]?.logging_level;
        if (!level || level === "OFF") continue;
        const groups = stacks
          .resources("aws_cloudwatch_log_group")
          .filter((g) => g.stack === settings.stack && String(g.config.name).startsWith("API-Gateway-Execution-Logs_") && dependsOn(settings, g));
        if (groups.length === 0) fail(settings, "depends_on", "not ordered after the API-Gateway-Execution-Logs_<api>/<stage> log group");
      }
    },
  },
  {
    id: "DEPLOY-S3-HTML-AFTER-ASSETS",
    doc: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/UpdatingExistingObjects.html",
    title: "An HTML object is uploaded after the assets it references (no page pointing at a missing file)",
    check(stacks, fail) {
      const objects = stacks.resources("aws_s3_object");
      for (const page of objects.filter((o) => String(o.config.content_type).startsWith("text/html"))) {
        for (const asset of objects.filter((o) => o !== page && o.stack === page.stack && o.config.bucket === page.config.bucket)) {
          if (!dependsOn(page, asset)) fail(page, "depends_on", `uploaded in parallel with ${asset.config.key}`);
        }
      }
    },
  },
  {
    id: "DEPLOY-TF-LOCKFILE-VERSION",
    doc: "https://developer.hashicorp.com/terraform/language/backend/s3#state-locking",
    title: "A stack using the S3 native lock file requires Terraform >= 1.10",
    check(stacks, fail) {
      for (const [stack, json] of Object.entries(stacks.stacks)) {
        const terraform = json.terraform ?? {};
        if (!terraform.backend?.s3?.use_lockfile) continue;
        const version = String(terraform.required_version ?? "");
        const minimum = /^>=\s*(\d+)\.(\d+)/.exec(version);
        if (!minimum || Number(minimum[1]) < 1 || (Number(minimum[1]) === 1 && Number(minimum[2]) < 10)) {
          fail({ stack, type: "terraform", name: "settings", path: stack, config: terraform }, "required_version", `"${version}" allows Terraform < 1.10, which ignores use_lockfile`);
        }
      }
    },
  },
  {
    id: "DEPLOY-CF-OAC-REGIONAL-DOMAIN",
    doc: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html",
    title: "An origin with origin access control uses the bucket's regional domain name, not a website endpoint",
    check(stacks, fail) {
      for (const distribution of stacks.resources("aws_cloudfront_distribution")) {
        for (const origin of blocks(distribution.config.origin)) {
          if (origin.origin_access_control_id && !/\.bucket_regional_domain_name\}$|\.s3\.[a-z0-9-]+\.amazonaws\.com$/.test(origin.domain_name)) {
            fail(distribution, "origin.domain_name", `origin ${origin.origin_id} uses origin access control with ${origin.domain_name}`);
          }
        }
      }
    },
  },
  {
    id: "DEPLOY-ATHENA-CUTOFF-MIN",
    doc: "https://docs.aws.amazon.com/athena/latest/APIReference/API_WorkGroupConfiguration.html",
    title: "An Athena workgroup's bytes-scanned cutoff is at least 10 MB",
    check(stacks, fail) {
      for (const workgroup of stacks.resources("aws_athena_workgroup")) {
        const cutoff = blocks(workgroup.config.configuration)[0]?.bytes_scanned_cutoff_per_query;
        if (cutoff !== undefined && Number(cutoff) < 10485760) fail(workgroup, "configuration.bytes_scanned_cutoff_per_query", `${cutoff} is below 10485760`);
      }
    },
  },
  {
    id: "DEPLOY-CF-FUNCTION-SIZE",
    doc: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-functions",
    title: "A CloudFront Function's code is at most 10 KB",
    check(stacks, fail) {
      for (const fn of stacks.resources("aws_cloudfront_function")) {
        const bytes = typeof fn.config.code === "string" ? Buffer.byteLength(fn.config.code, "utf8") : 0;
        if (bytes > CLOUDFRONT_FUNCTION_MAX_BYTES) fail(fn, "code", `${bytes} bytes exceed the ${CLOUDFRONT_FUNCTION_MAX_BYTES}-byte function size quota (FunctionSizeLimitExceeded)`);
      }
    },
  },
  {
    id: "DEPLOY-CF-FUNCTION-VIEWER-EVENT",
    doc: "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_FunctionAssociation.html",
    title: "A CloudFront Function runs on viewer-request or viewer-response only (origin events are Lambda@Edge's)",
    check(stacks, fail) {
      for (const distribution of stacks.resources("aws_cloudfront_distribution")) {
        for (const { path, association } of functionAssociations(distribution)) {
          // Values outside the API's EventType enumeration are AWS-MODEL-ENUM's to report.
          if (/^origin-/.test(association.event_type)) fail(distribution, `${path}.function_association.event_type`, `${association.event_type}: CloudFront Functions take viewer events only`);
        }
      }
    },
  },
  {
    id: "DEPLOY-CF-FUNCTION-PUBLISHED",
    doc: "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateFunction.html",
    title: "A CloudFront Function a cache behavior uses is published to LIVE (a new function is DEVELOPMENT only)",
    check(stacks, fail) {
      for (const distribution of stacks.resources("aws_cloudfront_distribution")) {
        for (const { path, association } of functionAssociations(distribution)) {
          for (const fn of referred(stacks, distribution, association.function_arn).filter((r) => r.type === "aws_cloudfront_function")) {
            if (fn.config.publish === false) fail(distribution, `${path}.function_association.function_arn`, `function ${fn.config.name} has publish = false: only a LIVE function can be associated`);
          }
        }
      }
    },
  },
  {
    id: "DEPLOY-CF-CERT-US-EAST-1",
    doc: "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html",
    title: "The ACM certificate a distribution serves (and the validation that waits for it) is in us-east-1",
    check(stacks, fail) {
      for (const distribution of stacks.resources("aws_cloudfront_distribution")) {
        for (const resource of Object.values(servedCertificate(stacks, distribution))) {
          const region = resource && regionOf(stacks, resource);
          if (resource && region !== "us-east-1") fail(resource, "provider", `${region ?? "no region"}: CloudFront takes ACM certificates from us-east-1 only (use a provider alias)`);
        }
      }
    },
  },
  {
    id: "DEPLOY-CF-CERT-ISSUED",
    doc: "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html",
    title: "A distribution reads a certificate its stack requests through aws_acm_certificate_validation, so it waits until ACM has issued it",
    check(stacks, fail) {
      for (const distribution of stacks.resources("aws_cloudfront_distribution")) {
        const { certificate, validation } = servedCertificate(stacks, distribution);
        if (certificate && !validation) fail(distribution, "viewer_certificate.acm_certificate_arn", `uses ${certificate.type}.${certificate.name} directly: CloudFront refuses a certificate still pending validation`);
      }
    },
  },
  {
    id: "DEPLOY-CF-ALIAS-CERT-NAME",
    doc: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html#alternate-domain-names-requirements",
    title: "Every alternate domain name of a distribution is covered by its certificate's domain name or subject alternative names",
    check(stacks, fail) {
      for (const distribution of stacks.resources("aws_cloudfront_distribution")) {
        const { certificate } = servedCertificate(stacks, distribution);
        if (!certificate) continue;
        const names: Json[] = [certificate.config.domain_name, ...blocks(certificate.config.subject_alternative_names)];
        if (names.some((name) => typeof name !== "string" || name.includes("${"))) continue;
        for (const alias of blocks(distribution.config.aliases)) {
          if (typeof alias === "string" && !alias.includes("${") && !names.some((name) => covers(name, alias))) {
            fail(distribution, "aliases", `${alias} is not covered by certificate ${certificate.name} (${names.join(", ")}): InvalidViewerCertificate`);
          }
        }
      }
    },
  },
  {
    id: "DEPLOY-ACM-DNS-VALIDATION",
    doc: "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html",
    title: "A DNS-validated certificate gets its validation records from its own domain_validation_options, and its validation waits for those records",
    check(stacks, fail) {
      for (const certificate of stacks.resources("aws_acm_certificate").filter((c) => c.config.validation_method === "DNS")) {
        const options = `aws_acm_certificate.${certificate.name}.domain_validation_options`;
        const records = stacks.resources("aws_route53_record").filter((r) => r.stack === certificate.stack && JSON.stringify(r.config).includes(options));
        const validations = stacks.resources("aws_acm_certificate_validation").filter((v) => refersTo(stacks, v, v.config.certificate_arn, certificate));
        if (records.length === 0) fail(certificate, "domain_validation_options", "no aws_route53_record is created from them: the certificate stays PENDING_VALIDATION");
        for (const validation of validations) {
          const waits = JSON.stringify(validation.config.validation_record_fqdns ?? "");
          for (const record of records) if (!waits.includes(`aws_route53_record.${record.name}`)) fail(validation, "validation_record_fqdns", `does not wait for aws_route53_record.${record.name}: it can time out before the record exists`);
        }
      }
    },
  },
  {
    id: "DEPLOY-WAF-CLOUDFRONT-US-EAST-1",
    doc: "https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html#WAF-CreateWebACL-request-Scope",
    title: "A CLOUDFRONT-scope web ACL is created in us-east-1, and a distribution names a CLOUDFRONT-scope web ACL by its ARN",
    check(stacks, fail) {
      for (const acl of stacks.resources("aws_wafv2_web_acl").filter((a) => a.config.scope === "CLOUDFRONT")) {
        const region = regionOf(stacks, acl);
        if (region !== "us-east-1") fail(acl, "provider", `${region ?? "no region"}: CLOUDFRONT scope exists only in us-east-1 (use a provider alias)`);
      }
      for (const distribution of stacks.resources("aws_cloudfront_distribution")) {
        for (const acl of referred(stacks, distribution, distribution.config.web_acl_id).filter((r) => r.type === "aws_wafv2_web_acl")) {
          if (acl.config.scope === "REGIONAL") fail(distribution, "web_acl_id", `web ACL ${acl.config.name} has scope ${acl.config.scope}: CloudFront takes CLOUDFRONT scope only`);
          if (!String(distribution.config.web_acl_id).endsWith(".arn}")) fail(distribution, "web_acl_id", "must be the WAFv2 web ACL's ARN (its id names a WAF Classic ACL)");
        }
      }
    },
  },
  {
    id: "DEPLOY-WAF-RATE-LIMIT",
    doc: "https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html",
    title: "A rate-based rule's limit is 10 to 2,000,000,000 and its evaluation window 60, 120, 300 or 600 seconds",
    check(stacks, fail) {
      for (const acl of stacks.resources("aws_wafv2_web_acl")) {
        for (const rule of blocks(acl.config.rule)) {
          for (const rate of blocks(rule.statement?.rate_based_statement)) {
            const limit = Number(rate.limit);
            if (!(limit >= WAF_RATE_LIMIT.min && limit <= WAF_RATE_LIMIT.max)) fail(acl, "rule.statement.rate_based_statement.limit", `rule ${rule.name}: ${rate.limit} is outside ${WAF_RATE_LIMIT.min}..${WAF_RATE_LIMIT.max}`);
            if (rate.evaluation_window_sec !== undefined && !WAF_RATE_LIMIT.windows.includes(Number(rate.evaluation_window_sec))) {
              fail(acl, "rule.statement.rate_based_statement.evaluation_window_sec", `rule ${rule.name}: ${rate.evaluation_window_sec} is not one of ${WAF_RATE_LIMIT.windows.join(", ")}`);
            }
          }
        }
      }
    },
  },
  {
    id: "DEPLOY-WAF-CUSTOM-RESPONSE",
    doc: "https://docs.aws.amazon.com/waf/latest/APIReference/API_CustomResponse.html",
    title: "A custom response names a body the web ACL defines, with a status of 200 to 599; each body is 1 to 10,240 characters",
    check(stacks, fail) {
      for (const acl of stacks.resources("aws_wafv2_web_acl")) {
        const bodies = blocks(acl.config.custom_response_body);
        for (const body of bodies) {
          const length = String(body.content ?? "").length;
          if (length < 1 || length > WAF_CUSTOM_RESPONSE.maxBodyChars) fail(acl, "custom_response_body.content", `body ${body.key}: ${length} characters, outside 1..${WAF_CUSTOM_RESPONSE.maxBodyChars}`);
        }
        const responses = [
          ...blocks(acl.config.default_action?.block).map((block: Json) => ({ at: "default_action.block.custom_response", response: block.custom_response })),
          ...blocks(acl.config.rule).flatMap((rule: Json) => blocks(rule.action?.block).map((block: Json) => ({ at: `rule ${rule.name} action.block.custom_response`, response: block.custom_response }))),
        ];
        for (const { at, response } of responses.filter((r) => r.response)) {
          const key = response.custom_response_body_key;
          if (key !== undefined && !bodies.some((body: Json) => body.key === key)) fail(acl, "custom_response_body", `${at} names body "${key}", which the web ACL does not define`);
          const code = Number(response.response_code);
          if (!(code >= WAF_CUSTOM_RESPONSE.minCode && code <= WAF_CUSTOM_RESPONSE.maxCode)) fail(acl, "rule.action.block.custom_response.response_code", `${at}: ${response.response_code} is outside 200..599`);
        }
      }
    },
  },
  {
    id: "DEPLOY-WAF-RULE-ACTION",
    doc: "https://docs.aws.amazon.com/waf/latest/APIReference/API_Rule.html",
    title: "A rule referencing a rule group has one override action (count or none) and no action; any other rule one action (allow, block, count, captcha, challenge)",
    check(stacks, fail) {
      for (const acl of stacks.resources("aws_wafv2_web_acl")) {
        for (const rule of blocks(acl.config.rule)) {
          const group = WAF_GROUP_STATEMENTS.some((statement) => rule.statement?.[statement] !== undefined);
          const [present, absent, allowed] = group ? ["override_action", "action", WAF_OVERRIDE_ACTIONS] : ["action", "override_action", WAF_ACTIONS];
          const chosen = Object.keys(blocks(rule[present])[0] ?? {});
          if (rule[absent] !== undefined) fail(acl, `rule.${absent}`, `rule ${rule.name}: ${group ? "a rule group reference takes override_action" : "only a rule group reference takes override_action"}, not ${absent}`);
          if (chosen.length !== 1 || !allowed.includes(chosen[0])) fail(acl, `rule.${present}`, `rule ${rule.name}: needs exactly one of ${allowed.join(", ")} (has ${chosen.join(", ") || "none"})`);
        }
      }
    },
  },
];

export function checkApplyRules(stacks: Stacks, rules: ApplyRule[] = APPLY_RULES): Problem[] {
  return rules.flatMap((rule) => {
    const problems: Problem[] = [];
    rule.check(stacks, (resource, attribute, message) => problems.push(problemAt(resource, attribute, rule.id, rule.doc, message)));
    return problems;
  });
}
