import { checkPolicy, synthesizeAll } from "../policy/check";
import { EXCEPTIONS } from "../policy/exceptions";
import { RULES } from "../policy/rules";
import { TerraformJson } from "../policy/terraform";

const stacks = synthesizeAll();
const clone = (): Record<string, TerraformJson> => JSON.parse(JSON.stringify(stacks));
const first = (json: TerraformJson, type: string) => Object.values(json.resource![type])[0];

function openRules(mutated: Record<string, TerraformJson>): string[] {
  return [...new Set(checkPolicy(mutated).open.map((finding) => finding.rule))];
}

describe("policy rules over the synthesized Terraform", () => {
  it("find nothing that is not a listed, reasoned exception", () => {
    const report = checkPolicy(stacks);
    expect(report.open).toEqual([]);
    expect(report.findings.length).toBe(report.excepted.length);
  });

  it("list no stale exception, and every exception gives a reason", () => {
    expect(checkPolicy(stacks).stale).toEqual([]);
    for (const exception of EXCEPTIONS) {
      expect(RULES.map((rule) => rule.id)).toContain(exception.rule);
      expect(exception.reason.length).toBeGreaterThan(30);
    }
  });

  it("report a stale exception", () => {
    const report = checkPolicy(stacks, [...EXCEPTIONS, { rule: "CKV_AWS_28", resource: "*-api/articles/table", reason: "stale on purpose" }]);
    expect(report.stale.map((e) => e.reason)).toEqual(["stale on purpose"]);
  });

  it.each([
    ["CKV_AWS_53", (s: Record<string, TerraformJson>) => (first(s["dev-site"], "aws_s3_bucket_public_access_block").restrict_public_buckets = false)],
    ["AwsSolutions-S10", (s: Record<string, TerraformJson>) => delete s["dev-analytics"].resource!.aws_s3_bucket_policy],
    ["CKV_AWS_34", (s: Record<string, TerraformJson>) => (first(s["prod-site"], "aws_cloudfront_distribution").ordered_cache_behavior[2].viewer_protocol_policy = "allow-all")],
    ["CKV2_AWS_53", (s: Record<string, TerraformJson>) => delete first(s["dev-api"], "aws_api_gateway_method").request_validator_id],
    ["CKV_AWS_276", (s: Record<string, TerraformJson>) => (first(s["dev-api"], "aws_api_gateway_method_settings").settings.data_trace_enabled = true)],
    ["CKV_AWS_364", (s: Record<string, TerraformJson>) => (first(s["dev-api"], "aws_lambda_permission").principal = "*")],
    ["CKV_AWS_45", (s: Record<string, TerraformJson>) => (first(s["dev-api"], "aws_lambda_function").environment.variables.DB_PASSWORD = "hunter2")],
    ["CKV_AWS_363", (s: Record<string, TerraformJson>) => (first(s["dev-api"], "aws_lambda_function").runtime = "nodejs16.x")],
    ["CKV_AWS_66", (s: Record<string, TerraformJson>) => delete first(s["dev-api"], "aws_cloudwatch_log_group").retention_in_days],
    ["LambdaEventSourceMappingDestination", (s: Record<string, TerraformJson>) => delete first(s["dev-analytics"], "aws_lambda_event_source_mapping").destination_config],
    ["CKV_AWS_28", (s: Record<string, TerraformJson>) => (first(s["dev-api"], "aws_dynamodb_table").point_in_time_recovery.enabled = false)],
    ["DynamoDBDeletionProtectionProd", (s: Record<string, TerraformJson>) => (first(s["prod-api"], "aws_dynamodb_table").deletion_protection_enabled = false)],
    ["CKV_AWS_240", (s: Record<string, TerraformJson>) => (first(s["dev-analytics"], "aws_kinesis_firehose_delivery_stream").server_side_encryption.enabled = false)],
    ["CKV_AWS_82", (s: Record<string, TerraformJson>) => (first(s["dev-analytics"], "aws_athena_workgroup").configuration.enforce_workgroup_configuration = false)],
    ["CKV_AWS_27", (s: Record<string, TerraformJson>) => (first(s["dev-analytics"], "aws_sqs_queue").sqs_managed_sse_enabled = false)],
    ["CKV_AWS_62", (s: Record<string, TerraformJson>) => (Object.values(s["dev-api"].data!.aws_iam_policy_document).find((d) => d.statement.length > 1 && !d.statement[0].principals).statement[1].actions = ["dynamodb:*"])],
    ["CKV_AWS_355", (s: Record<string, TerraformJson>) => (Object.values(s["dev-api"].data!.aws_iam_policy_document).find((d) => d.statement.length > 1 && !d.statement[0].principals).statement[1].resources = ["*"])],
  ])("%s finds the flaw it is keyed to", (ruleId, mutate) => {
    const mutated = clone();
    mutate(mutated);
    expect(openRules(mutated)).toContain(ruleId);
  });
});
