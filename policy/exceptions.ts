import { COMPILED_ROUTES } from "../functions/compiled-routes";
import { EnvironmentConfig, loadEnvironments } from "../config/environment";

/**
 * Deliberate exceptions to the policy rules: each names the rule, the resources (construct paths;
 * `*` within a segment, `**` across) and why. The policy test fails on any finding not listed
 * here, and on any entry here that no longer matches a finding.
 */
export interface PolicyException {
  rule: string;
  resource: string;
  /** Text the finding must contain, when one resource has findings with different reasons. */
  finding?: string;
  reason: string;
}

const LOG_BUCKETS = ["*-analytics/access-logs/bucket", "*-site/logs/bucket"];

const STATIC_EXCEPTIONS: PolicyException[] = [
  // S3
  ...LOG_BUCKETS.map((resource) => ({
    rule: "CKV_AWS_18",
    resource,
    reason: "A log bucket does not log its own access (the logs would log themselves); every data bucket logs into it",
  })),
  {
    rule: "CKV_AWS_18",
    resource: "state/state/bucket",
    reason: "The state bucket is written only by Terraform runs, which CloudTrail records; a log bucket just for it would cost more than it tells",
  },
  {
    rule: "CKV_AWS_21",
    resource: "**/bucket",
    reason: "No bucket holds a primary copy: the lake is rebuilt from the table's stream/PITR, the site from source, logs and query results are disposable; versioning would only add storage cost.",
  },
  {
    rule: "CKV2_AWS_65",
    resource: "*-site/logs/bucket",
    reason: "CloudFront standard logging delivers with an ACL grant, which needs ACLs enabled (BucketOwnerPreferred) on its log bucket; the bucket stays private (public access block, TLS-only policy)",
  },

  // CloudFront (the domain and WAF exceptions follow from each environment's config, below)
  { rule: "CKV_AWS_374", resource: "*-site/cdn/distribution", reason: "A public blog for readers everywhere: no geo restriction" },
  { rule: "CKV_AWS_310", resource: "*-site/cdn/distribution", reason: "One region, one bucket and one API: there is no second origin to fail over to" },

  // API Gateway
  // Routes without a key are public by the route table's own declaration (apiKey: false).
  ...COMPILED_ROUTES.filter((route) => !route.apiKey).map((route) => ({
    rule: "CKV_AWS_59",
    resource: `*-api/rest-api/method-${route.slug}`,
    reason:
      route.method === "GET"
        ? "Public read of a public blog: no key by design; stage throttling applies"
        : "Anyone may publish and like on this blog (the product's premise): the handler validates the body, the route is throttled, and a like is one counter increment; edits and deletions require the API key",
  })),
  {
    rule: "CKV_AWS_59",
    resource: "*-api/rest-api/method-not-allowed*",
    reason: "The ANY method of a route's path only answers 405 with Allow from a MOCK integration: it reaches no function and no data",
  },
  { rule: "CKV_AWS_73", resource: "*-api/rest-api/stage", reason: "X-Ray tracing is off to avoid its per-trace cost; CloudWatch metrics, JSON access logs and execution logs cover the API" },
  { rule: "CKV_AWS_120", resource: "*-api/rest-api/stage", reason: "CloudFront caches the article list; an API Gateway cache cluster would cost per hour for no gain" },

  // Lambda
  { rule: "CKV_AWS_173", resource: "**/function", reason: "Environment variables hold only resource names and settings (rule CKV_AWS_45 checks for secrets); a customer-managed key would add cost for nothing to protect" },
  {
    rule: "CKV_AWS_45",
    resource: "*-api/*/function",
    finding: "ORIGIN_VERIFY_SECRET",
    reason: "The origin secret opens no AWS resource: it only proves a request passed CloudFront (and its WAF). AWS generates it and the JSON holds only a reference; whoever can read function configuration could read it, which the README records as residual risk. Fetching it from Secrets Manager per cold start would add cost and latency for the same trust boundary",
  },
  { rule: "CKV_AWS_50", resource: "**/function", reason: "X-Ray is off to avoid its cost and the unscopable xray:* resource it needs; structured logs and metrics cover the functions" },
  {
    rule: "CKV_AWS_115",
    resource: "**/function",
    reason: "Reserved concurrency fails deployments on accounts with the default concurrency quota of 10; stage throttling and the stream mapping's parallelization factor bound concurrency instead",
  },
  { rule: "CKV_AWS_116", resource: "*-api/*/function", reason: "API functions are invoked synchronously by API Gateway, never asynchronously: a DLQ would never receive anything" },
  {
    rule: "CKV_AWS_116",
    resource: "*-analytics/stream-reader/*/function",
    reason: "Invoked by an event source mapping, not asynchronously: failures go to the mapping's on-failure SQS destination (rule LambdaEventSourceMappingDestination)",
  },

  // DynamoDB, Firehose, Glue
  { rule: "CKV_AWS_119", resource: "*-api/articles/table", reason: "Encrypted at rest with the AWS-managed KMS key; a customer-managed key adds cost and key administration without a compliance need" },
  { rule: "CKV_AWS_241", resource: "*-analytics/*/stream", reason: "Server-side encryption with an AWS-owned key; a customer-managed key adds cost and key administration without a compliance need" },
  {
    rule: "CKV_AWS_94",
    resource: "*-analytics/database",
    reason: "Data Catalog encryption is one setting per account and region (aws_glue_data_catalog_encryption_settings), like API Gateway's CloudWatch role; it belongs to the account's baseline, not to this app",
  },

  // IAM wildcards, each scoped as tightly as the service allows
  {
    rule: "AwsSolutions-IAM5",
    resource: "**/role-policy",
    finding: "logs:CreateLogStream, logs:PutLogEvents on <ref>:*",
    reason: "Log streams are created at run time inside the function's own log group (<log group ARN>:*)",
  },
  {
    rule: "AwsSolutions-IAM5",
    resource: "*-analytics/stream-reader/*/role-policy",
    finding: "dynamodb:ListStreams on <ref>/stream/*",
    reason: "The stream's label changes whenever the stream is re-enabled; the grant covers only this table's streams (<table ARN>/stream/*)",
  },
  {
    rule: "AwsSolutions-IAM5",
    resource: "*-analytics/table-*/role-policy",
    finding: "s3:AbortMultipartUpload, s3:PutObject on <ref>/",
    reason: "Firehose writes objects with generated names under its own table's prefixes only (<bucket>/<table>/* and <bucket>/errors/<table>/*)",
  },
  {
    rule: "AwsSolutions-IAM5",
    resource: "account-*/apigateway/cloudwatch-role-policy",
    reason: "API Gateway's account-level logging role writes the log groups of every API in this account and region, which it creates itself (API-Gateway-Execution-Logs_<api id>/<stage>)",
  },
];

/** The exceptions for these environments: the domain and WAF ones only where the feature is off. */
export function exceptionsFor(environments: EnvironmentConfig[]): PolicyException[] {
  const distribution = (env: EnvironmentConfig) => `${env.name}-site/cdn/distribution`;
  return [
    ...STATIC_EXCEPTIONS,
    ...environments
      .filter((env) => !env.site.domain)
      .map((env) => ({
        rule: "CKV_AWS_174",
        resource: distribution(env),
        reason: "No site.domain: with CloudFront's default certificate the viewer minimum protocol cannot be raised; setting a domain gives an ACM certificate with TLSv1.2_2021",
      })),
    ...environments
      .filter((env) => !env.site.waf.enabled)
      .map((env) => ({
        rule: "CKV_AWS_68",
        resource: distribution(env),
        reason: "site.waf is off here: the web ACL's fixed monthly cost (README) exceeds a development environment's; API stage throttling, validation and the usage plan bound abuse",
      })),
  ];
}

export const EXCEPTIONS: PolicyException[] = exceptionsFor(loadEnvironments());
