import { App, Testing } from "cdktf";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { testEnvironment } from "./support/environment";
import { PROJECT_ROOT } from "../constructs/bundle";
import { ApiStack } from "../stacks/api-stack";
import { resources, synthAll, TerraformJson } from "./support/synth";

const { stacks } = synthAll();
const runbook = readFileSync(join(PROJECT_ROOT, "docs", "RUNBOOK.md"), "utf8");
const sections = [...runbook.matchAll(/^## ([a-z0-9-]+)$/gm)].map((m) => m[1]);
const alarmStacks = ["dev-api", "dev-analytics", "prod-api", "prod-analytics", "prod-site"];

function alarms(stack: TerraformJson): any[] {
  return resources(stack, "aws_cloudwatch_metric_alarm");
}

describe("alarms", () => {
  it.each(alarmStacks)("%s: every alarm notifies its own stack's topic on alarm and on recovery", (name) => {
    const stack = stacks[name];
    const [topic] = resources(stack, "aws_sns_topic");
    expect(topic.kms_master_key_id).toBe("alias/aws/sns");
    const topicRef = expect.stringMatching(/^\$\{aws_sns_topic\.[^.]+\.arn\}$/);
    expect(alarms(stack).length).toBeGreaterThan(0);
    for (const alarm of alarms(stack)) {
      expect(alarm.alarm_actions).toEqual([topicRef]);
      expect(alarm.ok_actions).toEqual([topicRef]);
    }
  });

  it.each(alarmStacks)("%s: every function has error, throttle and p99 duration alarms", (name) => {
    const names = alarms(stacks[name]).map((a) => a.alarm_name);
    for (const fn of resources(stacks[name], "aws_lambda_function")) {
      for (const suffix of ["errors", "throttles", "duration-p99"]) expect(names).toContain(`${fn.function_name}-${suffix}`);
    }
  });

  it("cover the API, the table, the stream, the DLQ and each Firehose stream", () => {
    const api = alarms(stacks["dev-api"]).map((a) => a.alarm_name);
    expect(api).toEqual(expect.arrayContaining(["blog-dev-api-5xx", "blog-dev-api-4xx-rate", "blog-dev-api-latency-p99", "blog-dev-table-throttles", "blog-dev-table-system-errors"]));
    const analytics = alarms(stacks["dev-analytics"]).map((a) => a.alarm_name);
    expect(analytics).toEqual(
      expect.arrayContaining([
        "blog-dev-stream-reader-iterator-age",
        "blog-dev-stream-reader-dlq-messages",
        "blog-dev-lake-articles-freshness",
        "blog-dev-lake-articles-conversion-failures",
        "blog-dev-lake-likes-freshness",
        "blog-dev-lake-likes-conversion-failures",
      ]),
    );
  });

  it("alarm on metrics of resources that exist, by their real names", () => {
    const api = stacks["dev-api"];
    const analytics = stacks["dev-analytics"];
    const functions = [...resources(api, "aws_lambda_function"), ...resources(analytics, "aws_lambda_function")].map((f) => f.function_name);
    const dimensions = [...alarms(api), ...alarms(analytics)].flatMap((a) => [a.dimensions ?? {}, ...(a.metric_query ?? []).map((q: any) => q.metric?.dimensions ?? {})]);
    for (const d of dimensions) {
      if (d.FunctionName) expect(functions).toContain(d.FunctionName);
      if (d.TableName) expect(d.TableName).toBe(resources(api, "aws_dynamodb_table")[0].name);
      if (d.ApiName) expect(d.ApiName).toBe(resources(api, "aws_api_gateway_rest_api")[0].name);
      if (d.QueueName) expect(d.QueueName).toBe(resources(analytics, "aws_sqs_queue")[0].name);
      if (d.DeliveryStreamName) expect(resources(analytics, "aws_kinesis_firehose_delivery_stream").map((s) => s.name)).toContain(d.DeliveryStreamName);
    }
  });

  it("each link to a runbook section that exists, and every section is used", () => {
    const used = new Set<string>();
    for (const name of alarmStacks) {
      for (const alarm of alarms(stacks[name])) {
        const anchor = /Runbook: docs\/RUNBOOK\.md#([a-z0-9-]+)$/.exec(alarm.alarm_description)?.[1];
        expect(sections).toContain(anchor);
        used.add(anchor!);
      }
    }
    expect([...used].sort()).toEqual([...sections].sort());
  });

  it("subscribe the configured e-mail address", () => {
    const env = testEnvironment("ops", { alarms: { email: "oncall@example.com" } });
    const json = JSON.parse(Testing.synth(new ApiStack(Testing.app() as App, "ops-api", env))) as TerraformJson;
    expect(resources(json, "aws_sns_topic_subscription")).toEqual([expect.objectContaining({ protocol: "email", endpoint: "oncall@example.com" })]);
    expect(resources(stacks["dev-api"], "aws_sns_topic_subscription")).toEqual([]);
  });
});

describe("dashboard", () => {
  it("shows the environment's real functions, table, queue and delivery streams", () => {
    const [dashboard] = resources(stacks["dev-api"], "aws_cloudwatch_dashboard");
    const body = JSON.parse(dashboard.dashboard_body);
    const text = JSON.stringify(body);
    for (const stack of ["dev-api", "dev-analytics"]) {
      for (const fn of resources(stacks[stack], "aws_lambda_function")) expect(text).toContain(`"${fn.function_name}"`);
    }
    expect(text).toContain(`"${resources(stacks["dev-analytics"], "aws_sqs_queue")[0].name}"`);
    for (const stream of resources(stacks["dev-analytics"], "aws_kinesis_firehose_delivery_stream")) expect(text).toContain(`"${stream.name}"`);
    expect(body.widgets.length).toBeGreaterThanOrEqual(6);
  });
});
