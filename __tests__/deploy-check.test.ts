import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { API_MODELS } from "../deploy-check/api-models";
import { ENUM, UNMAPPED_ATTRIBUTE, UNMAPPED_TYPE } from "../deploy-check/api-model-check";
import { checkDeploy } from "../deploy-check/check";
import { APPLY_RULES } from "../deploy-check/rules";
import { TerraformJson } from "../policy/terraform";
import { PROJECT_ROOT } from "../constructs/bundle";
import { edgeEnvironment } from "./support/environment";
import { synthAll } from "./support/synth";

const { stacks, outdir } = synthAll();
// The custom-domain + WAF configuration edge.test.ts synthesizes (issue #14): certificate, DNS, web ACL.
const edge = synthAll([edgeEnvironment()]);
type Stacks = Record<string, TerraformJson>;
const clone = (from: Stacks = stacks): Stacks => JSON.parse(JSON.stringify(from));
const cloneEdge = (): Stacks => clone(edge.stacks);
const all = (s: Stacks, stack: string, type: string): any[] => Object.values(s[stack].resource![type]);
const first = (s: Stacks, stack: string, type: string): any => all(s, stack, type)[0];
const byKey = (s: Stacks, stack: string, key: string): any => all(s, stack, "aws_s3_object").find((o) => o.key === key);

const rule = (s: Stacks, name: string): any => first(s, "edge-site", "aws_wafv2_web_acl").rule.find((r: { name: string }) => r.name === name);

function problemRules(mutated: Stacks): string[] {
  return [...new Set(checkDeploy(mutated).problems.map((p) => p.rule))];
}

function runCheck(out: string): { status: number; stdout: string } {
  try {
    return { status: 0, stdout: execFileSync(process.execPath, ["--import", "tsx", "deploy-check/check.ts", "--out", out], { cwd: PROJECT_ROOT, encoding: "utf8" }) };
  } catch (error) {
    return error as { status: number; stdout: string };
  }
}

describe("npm run check:deploy", () => {
  it("passes on the real synth of every environment, mapping every resource type it uses", () => {
    const report = checkDeploy(stacks);
    expect(report.problems).toEqual([]);
    const used = new Set(Object.values(stacks).flatMap((json) => Object.keys(json.resource ?? {})));
    for (const type of used) expect(Object.keys(API_MODELS)).toContain(type);
    expect(report.coverage.enumAttributes).toBeGreaterThanOrEqual(40);
    expect(report.coverage.valuesChecked).toBeGreaterThan(300);
  });

  it("passes on the custom-domain + WAF configuration, mapping every resource type it adds (issue #14)", () => {
    expect(checkDeploy(edge.stacks).problems).toEqual([]);
    const used = new Set(Object.values(edge.stacks).flatMap((json) => Object.keys(json.resource ?? {})));
    for (const type of ["aws_acm_certificate", "aws_acm_certificate_validation", "aws_route53_record", "aws_wafv2_web_acl", "aws_cloudfront_function"]) expect(used).toContain(type);
    for (const type of used) expect(Object.keys(API_MODELS)).toContain(type);
    const { status, stdout } = runCheck(edge.outdir);
    expect(stdout).toMatch(/0 problems$/m);
    expect(status).toBe(0);
  });

  it("reads an existing synth with --out, prints the coverage and exits 0; the README documents it", () => {
    expect(readFileSync(join(PROJECT_ROOT, "README.md"), "utf8")).toContain("npm run check:deploy");
    const { status, stdout: output } = runCheck(outdir);
    expect(status).toBe(0);
    expect(output).toMatch(/resource types mapped, \d+ attributes \(\d+ checked against service-model enums/);
    expect(output).toMatch(/0 problems$/m);
  });

  it("fails with one line per problem naming stack, address, attribute, rule and the AWS documentation", () => {
    const mutated = clone();
    const responses = mutated["dev-api"].resource!.aws_api_gateway_gateway_response;
    const name = Object.keys(responses).find((key) => responses[key].response_type === "INVALID_API_KEY")!;
    responses[name].response_type = "API_KEY_INVALID";
    const dir = mkdtempSync(join(tmpdir(), "deploy-check-"));
    for (const [stack, json] of Object.entries(mutated)) {
      mkdirSync(join(dir, "stacks", stack), { recursive: true });
      writeFileSync(join(dir, "stacks", stack, "cdk.tf.json"), JSON.stringify(json));
    }
    const failure = runCheck(dir);
    expect(failure.status).toBe(1);
    expect(failure.stdout).toContain(
      `dev-api  aws_api_gateway_gateway_response.${name}  response_type  [${ENUM}]  "API_KEY_INVALID" is not a valid apigateway:PutGatewayResponse responseType`,
    );
    expect(failure.stdout).toContain("https://docs.aws.amazon.com/apigateway/latest/api/API_PutGatewayResponse.html");
  });

  describe("AWS API models", () => {
    it.each<[string, (s: Stacks) => void]>([
      ["a CloudFront price class", (s) => (first(s, "dev-site", "aws_cloudfront_distribution").price_class = "PriceClass_50")],
      ["a Lambda runtime", (s) => (first(s, "dev-api", "aws_lambda_function").runtime = "node22.x")],
      ["a DynamoDB projection type", (s) => (first(s, "dev-api", "aws_dynamodb_table").global_secondary_index[0].projection_type = "SOME")],
      ["an S3 object ownership", (s) => (first(s, "dev-site", "aws_s3_bucket_ownership_controls").rule.object_ownership = "BucketOwner")],
      ["a Firehose Parquet compression", (s) => {
        const stream = first(s, "dev-analytics", "aws_kinesis_firehose_delivery_stream");
        stream.extended_s3_configuration.data_format_conversion_configuration.output_format_configuration.serializer.parquet_ser_de.compression = "Snappy";
      }],
      ["an alarm comparison operator", (s) => (first(s, "dev-api", "aws_cloudwatch_metric_alarm").comparison_operator = "GreaterThan")],
      ["a CloudFront Function runtime", (s) => (first(s, "dev-site", "aws_cloudfront_function").runtime = "cloudfront-js-3.0")],
      ["a CloudFront function association event type", (s) => (first(s, "dev-site", "aws_cloudfront_distribution").default_cache_behavior.function_association[0].event_type = "viewer_request")],
    ])("refuse %s outside the service model's enumeration", (_, mutate) => {
      const mutated = clone();
      mutate(mutated);
      expect(problemRules(mutated)).toEqual([ENUM]);
    });

    it.each<[string, (s: Stacks) => void]>([
      ["an ACM validation method", (s) => (first(s, "edge-site", "aws_acm_certificate").validation_method = "DNS_TXT")],
      ["a Route 53 record type", (s) => (all(s, "edge-site", "aws_route53_record").find((r) => r.type === "AAAA").type = "ALIAS")],
      ["a WAF scope", (s) => (first(s, "edge-site", "aws_wafv2_web_acl").scope = "GLOBAL")],
      ["a WAF custom response content type", (s) => (first(s, "edge-site", "aws_wafv2_web_acl").custom_response_body[0].content_type = "application/json")],
      ["a WAF rate-based aggregate key type", (s) => (rule(s, "rate-limit-writes").statement.rate_based_statement.aggregate_key_type = "SOURCE_IP")],
      ["a WAF text transformation nested in a scope-down statement", (s) => {
        const [method] = rule(s, "rate-limit-writes").statement.rate_based_statement.scope_down_statement.and_statement.statement;
        method.regex_match_statement.text_transformation[0].type = "LOWER_CASE";
      }],
      ["a WAF label match scope inside a not statement", (s) => {
        const [, not] = rule(s, "block-common").statement.and_statement.statement;
        not.not_statement.statement[0].label_match_statement.scope = "LABELS";
      }],
    ])("refuse %s of the custom-domain + WAF configuration outside the service model's enumeration", (_, mutate) => {
      const mutated = cloneEdge();
      mutate(mutated);
      expect(problemRules(mutated)).toEqual([ENUM]);
    });

    it("refuse a resource type with no mapping", () => {
      const mutated = clone();
      mutated["dev-site"].resource!.aws_wafv2_ip_set = { allowed: { name: "x", scope: "CLOUDFRONT", ip_address_version: "IPV4" } };
      expect(problemRules(mutated)).toEqual([UNMAPPED_TYPE]);
    });

    it("refuse a literal attribute with no mapping (a new enum-like setting cannot slip through)", () => {
      const mutated = clone();
      first(mutated, "dev-site", "aws_cloudfront_distribution").default_cache_behavior.realtime_log_config_arn = "arn:aws:cloudfront::1:realtime-log-config/x";
      expect(problemRules(mutated)).toEqual([UNMAPPED_ATTRIBUTE]);
    });
  });

  const mutations: [string, (s: Stacks) => void][] = [
    ["DEPLOY-CF-LOG-BUCKET-ACL", (s) => delete first(s, "dev-site", "aws_cloudfront_distribution").depends_on],
    ["DEPLOY-SNS-ALARM-KMS", (s) => (first(s, "dev-api", "aws_sns_topic").kms_master_key_id = "alias/aws/sns")],
    ["DEPLOY-CF-CACHE-DISABLED-COMPRESSION", (s) => Object.assign(first(s, "dev-site", "aws_cloudfront_cache_policy"), { default_ttl: 0, max_ttl: 0 })],
    ["DEPLOY-FIREHOSE-CONVERSION-BUFFER", (s) => (first(s, "dev-analytics", "aws_kinesis_firehose_delivery_stream").extended_s3_configuration.buffering_size = 5)],
    ["DEPLOY-FIREHOSE-CONVERSION-UNCOMPRESSED", (s) => (first(s, "dev-analytics", "aws_kinesis_firehose_delivery_stream").extended_s3_configuration.compression_format = "GZIP")],
    ["DEPLOY-FIREHOSE-ERROR-PREFIX", (s) => (first(s, "dev-analytics", "aws_kinesis_firehose_delivery_stream").extended_s3_configuration.error_output_prefix = "errors/")],
    ["DEPLOY-APIGW-DEFAULT-RESPONSE-STATUS", (s) => (all(s, "dev-api", "aws_api_gateway_gateway_response").find((r) => r.response_type === "DEFAULT_5XX").status_code = "500")],
    ["DEPLOY-APIGW-DEPLOYMENT-TRIGGER", (s) => (first(s, "dev-api", "aws_api_gateway_deployment").triggers.redeployment = "${sha1(jsonencode([]))}")],
    ["DEPLOY-APIGW-ACCOUNT-ROLE", (s) => (s["dev-api"].resource!.aws_api_gateway_account = s["account-us-east-1"].resource!.aws_api_gateway_account)],
    ["DEPLOY-DDB-ATTRIBUTE-DEFINITIONS", (s) => first(s, "dev-api", "aws_dynamodb_table").attribute.push({ name: "title", type: "S" })],
    ["DEPLOY-LAMBDA-RESERVED-ENV", (s) => (first(s, "dev-api", "aws_lambda_function").environment.variables.AWS_REGION = "us-east-1")],
    ["DEPLOY-ESM-ROLE-READY", (s) => delete first(s, "dev-analytics", "aws_lambda_event_source_mapping").depends_on],
    ["DEPLOY-FIREHOSE-GLUE-ROLE-READY", (s) => delete first(s, "dev-analytics", "aws_kinesis_firehose_delivery_stream").depends_on],
    ["DEPLOY-LAMBDA-LOG-GROUP-FIRST", (s) => {
      const fn = first(s, "dev-api", "aws_lambda_function");
      delete fn.depends_on;
      delete fn.logging_config.log_group;
    }],
    ["DEPLOY-APIGW-EXECUTION-LOG-GROUP-FIRST", (s) => delete first(s, "dev-api", "aws_api_gateway_method_settings").depends_on],
    ["DEPLOY-S3-HTML-AFTER-ASSETS", (s) => byKey(s, "dev-site", "index.html").depends_on.pop()],
    ["DEPLOY-TF-LOCKFILE-VERSION", (s) => {
      s["dev-api"].terraform = { ...s["dev-api"].terraform, backend: { s3: { bucket: "b", key: "k", region: "us-east-1", use_lockfile: true } }, required_version: ">= 1.5" };
    }],
    ["DEPLOY-CF-OAC-REGIONAL-DOMAIN", (s) => {
      const origin = first(s, "dev-site", "aws_cloudfront_distribution").origin.find((o: { origin_id: string }) => o.origin_id === "site");
      origin.domain_name = origin.domain_name.replace("bucket_regional_domain_name", "website_endpoint");
    }],
    ["DEPLOY-ATHENA-CUTOFF-MIN", (s) => (first(s, "dev-analytics", "aws_athena_workgroup").configuration.bytes_scanned_cutoff_per_query = 1048576)],
    ["DEPLOY-CF-FUNCTION-SIZE", (s) => (first(s, "dev-site", "aws_cloudfront_function").code += `// ${"x".repeat(10 * 1024)}\n`)],
    ["DEPLOY-CF-FUNCTION-VIEWER-EVENT", (s) => (first(s, "dev-site", "aws_cloudfront_distribution").default_cache_behavior.function_association[0].event_type = "origin-request")],
    ["DEPLOY-CF-FUNCTION-PUBLISHED", (s) => (first(s, "dev-site", "aws_cloudfront_function").publish = false)],
  ];

  /** Rules about resources only the custom-domain + WAF configuration synthesizes. */
  const edgeMutations: [string, (s: Stacks) => void][] = [
    ["DEPLOY-CF-CERT-US-EAST-1", (s) => delete first(s, "edge-site", "aws_acm_certificate").provider],
    ["DEPLOY-CF-CERT-ISSUED", (s) => {
      const [certificate] = Object.keys(s["edge-site"].resource!.aws_acm_certificate);
      first(s, "edge-site", "aws_cloudfront_distribution").viewer_certificate.acm_certificate_arn = `\${aws_acm_certificate.${certificate}.arn}`;
    }],
    ["DEPLOY-CF-ALIAS-CERT-NAME", (s) => (first(s, "edge-site", "aws_cloudfront_distribution").aliases = ["www.example.com"])],
    ["DEPLOY-ACM-DNS-VALIDATION", (s) => delete first(s, "edge-site", "aws_acm_certificate_validation").validation_record_fqdns],
    ["DEPLOY-WAF-CLOUDFRONT-US-EAST-1", (s) => delete first(s, "edge-site", "aws_wafv2_web_acl").provider],
    ["DEPLOY-WAF-RATE-LIMIT", (s) => (rule(s, "rate-limit-writes").statement.rate_based_statement.limit = 9)],
    ["DEPLOY-WAF-CUSTOM-RESPONSE", (s) => (rule(s, "rate-limit-writes").action.block.custom_response.custom_response_body_key = "slow-down")],
    ["DEPLOY-WAF-RULE-ACTION", (s) => {
      const managed = rule(s, "common");
      managed.action = managed.override_action;
      delete managed.override_action;
    }],
  ];

  it("has a mutation test for every apply-time rule, and every rule a documentation link", () => {
    expect([...mutations, ...edgeMutations].map(([id]) => id).sort()).toEqual(APPLY_RULES.map((rule) => rule.id).sort());
    for (const rule of APPLY_RULES) expect(rule.doc).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|developer\.hashicorp\.com)\//);
  });

  it.each(mutations)("%s fails a minimally mutated synth", (id, mutate) => {
    const mutated = clone();
    mutate(mutated);
    expect(problemRules(mutated)).toEqual([id]);
  });

  it.each(edgeMutations)("%s fails a minimally mutated synth of the custom-domain + WAF configuration", (id, mutate) => {
    const mutated = cloneEdge();
    mutate(mutated);
    expect(problemRules(mutated)).toEqual([id]);
  });
});
