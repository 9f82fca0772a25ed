import { App, Testing } from "cdktf";
import { testEnvironment } from "./support/environment";
import { GATEWAY_RESPONSES } from "../functions/http/errors";
import { COMPILED_ROUTES, RESOURCE_METHODS } from "../functions/compiled-routes";
import { TABLE } from "../functions/table";
import { ApiStack } from "../stacks/api-stack";
import { policyStatements, resources, synthAll, TerraformJson } from "./support/synth";
import { PROJECT_ROOT } from "../constructs/bundle";
import { existsSync } from "node:fs";
import { join } from "node:path";

const { stacks } = synthAll();
const dev = stacks["dev-api"];
const prod = stacks["prod-api"];

describe("S3 backend", () => {
  it("uses the configured bucket and key prefix with encryption and native lock file", () => {
    const env = testEnvironment("stage", {
      region: "eu-west-1",
      backend: { type: "s3", bucket: "acme-tf-state", region: "eu-west-1", keyPrefix: "blog" },
    });
    const stack = new ApiStack(Testing.app() as App, "stage-api", env);
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
    expect(json.terraform.backend.s3).toEqual({
      bucket: "acme-tf-state",
      key: "blog/stage-api.tfstate",
      region: "eu-west-1",
      encrypt: true,
      use_lockfile: true,
    });
  });
});

describe("DynamoDB table", () => {
  const [table] = resources(dev, "aws_dynamodb_table");

  it("is on demand with PITR, encryption, TTL and a NEW_AND_OLD_IMAGES stream", () => {
    expect(table).toMatchObject({
      billing_mode: "PAY_PER_REQUEST",
      hash_key: "pk",
      range_key: "sk",
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      ttl: { attribute_name: TABLE.ttlAttribute, enabled: true },
      stream_enabled: true,
      stream_view_type: "NEW_AND_OLD_IMAGES",
    });
  });

  it("has the sparse listing index, which never projects the author's e-mail", () => {
    expect(table.global_secondary_index).toEqual([
      {
        name: TABLE.articlesIndex.name,
        hash_key: "listKey",
        range_key: "publishedAt",
        projection_type: "INCLUDE",
        non_key_attributes: [...TABLE.articlesIndex.projectedAttributes],
      },
    ]);
    expect(table.global_secondary_index[0].non_key_attributes).not.toContain("authorEmail");
  });

  it("is deletion-protected where the environment asks for it", () => {
    expect(table.deletion_protection_enabled).toBe(false);
    expect(resources(prod, "aws_dynamodb_table")[0].deletion_protection_enabled).toBe(true);
  });
});

describe("route functions", () => {
  const functions = resources(dev, "aws_lambda_function");

  it("has one function per route, on nodejs22.x arm64, with a handler file", () => {
    expect(functions.map((fn) => fn.function_name).sort()).toEqual(COMPILED_ROUTES.map((r) => `blog-dev-${r.slug}`).sort());
    for (const fn of functions) {
      expect(fn).toMatchObject({ runtime: "nodejs22.x", architectures: ["arm64"], handler: "index.handler", memory_size: 256, timeout: 10 });
      expect(fn.filename).toMatch(/^assets\/.+\.zip$/);
      expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    }
    for (const route of COMPILED_ROUTES) expect(existsSync(join(PROJECT_ROOT, route.handlerEntry))).toBe(true);
  });

  it("gives every function the same declared environment", () => {
    for (const fn of functions) {
      expect(Object.keys(fn.environment.variables).sort()).toEqual(["ARTICLE_TTL_SECONDS", "NODE_OPTIONS", "TABLE_NAME"]);
      expect(fn.environment.variables.ARTICLE_TTL_SECONDS).toBe(String(30 * 86400));
    }
  });

  it("gives every function its own log group with retention", () => {
    const groups = resources(dev, "aws_cloudwatch_log_group");
    for (const fn of functions) {
      const group = groups.find((g) => g.name === `/aws/lambda/${fn.function_name}`);
      expect(group?.retention_in_days).toBe(14);
    }
    for (const group of groups) expect(group.retention_in_days).toBe(14);
  });

  it("grants each function exactly its route's table actions, on the table or index ARN, and its own logs", () => {
    const roles = dev.resource.aws_iam_role_policy;
    for (const route of COMPILED_ROUTES) {
      const policy = Object.entries(roles).find(([key]) => key.startsWith(`${route.slug}_role-policy`))?.[1];
      expect(policy).toBeDefined();
      const statements = policyStatements(dev, policy.policy);
      const [logs, ...table] = statements;
      expect(logs.actions).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
      expect(logs.resources).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.[^}]+\.arn\}:\*$/)]);
      expect(table.map((s) => s.actions)).toEqual(route.grants.map((grant) => grant.actions));
      table.forEach((statement, i) => {
        const arn = "${aws_dynamodb_table.articles_table_53126008.arn}";
        expect(statement.resources).toEqual([route.grants[i].target === "table" ? arn : `${arn}/index/${TABLE.articlesIndex.name}`]);
      });
    }
  });

  it("never grants a * action or resource", () => {
    for (const document of Object.values(dev.data?.aws_iam_policy_document ?? {})) {
      for (const statement of [document.statement].flat()) {
        for (const action of statement.actions ?? []) expect(action).not.toMatch(/\*/);
        for (const resource of statement.resources ?? []) expect(resource).not.toBe("*");
      }
    }
  });
});

describe("REST API", () => {
  const methods = resources(dev, "aws_api_gateway_method");

  it("has one parameter-validated method per route, with an API key only on admin routes", () => {
    expect(methods.filter((m) => m.http_method !== "ANY")).toHaveLength(COMPILED_ROUTES.length);
    const [validator] = resources(dev, "aws_api_gateway_request_validator");
    // The handler validates bodies, so the field-level 400 is the same on AWS as locally.
    expect(validator).toMatchObject({ validate_request_body: false, validate_request_parameters: true });
    for (const route of COMPILED_ROUTES) {
      const method = dev.resource.aws_api_gateway_method[Object.keys(dev.resource.aws_api_gateway_method).find((k) => k.includes(`method-${route.slug}_`))!];
      expect(method).toMatchObject({ http_method: route.method, authorization: "NONE", api_key_required: route.apiKey });
      expect(method.request_validator_id).toMatch(/aws_api_gateway_request_validator/);
      if (route.body) expect(method.request_models).toEqual({ "application/json": expect.stringContaining("aws_api_gateway_model") });
      if (route.pathParameters.includes("id")) expect(method.request_parameters).toMatchObject({ "method.request.path.id": true });
    }
    expect(COMPILED_ROUTES.filter((r) => r.apiKey).map((r) => r.name).sort()).toEqual(["deleteArticle", "updateArticle"]);
  });

  it("answers other methods on every route path with 405, Allow and the JSON error shape", () => {
    const any = methods.filter((m) => m.http_method === "ANY");
    expect(any).toHaveLength(RESOURCE_METHODS.size);
    const answers = resources(dev, "aws_api_gateway_integration_response");
    expect(answers.map((a) => a.response_parameters["method.response.header.Allow"]).sort()).toEqual(
      [...RESOURCE_METHODS.values()].map((allowed) => `'${allowed.join(", ")}'`).sort(),
    );
    for (const answer of answers) {
      expect(answer.status_code).toBe("405");
      expect(JSON.parse(answer.response_templates["application/json"]).error.code).toBe("METHOD_NOT_ALLOWED");
    }
  });

  it("builds the resource tree under /api from the route paths", () => {
    const parts = resources(dev, "aws_api_gateway_resource").map((r) => r.path_part).sort();
    const fromRoutes = new Set(COMPILED_ROUTES.flatMap((route) => route.resource.split("/").filter(Boolean)));
    expect(parts).toEqual([...fromRoutes].sort());
    expect(parts).toEqual(expect.arrayContaining(["api", "articles", "likes", "{id}"]));
  });

  it("publishes the request schemas as draft-4 models", () => {
    const models = resources(dev, "aws_api_gateway_model");
    expect(models.map((m) => m.name).sort()).toEqual(["CreateArticle", "UpdateArticle"]);
    for (const model of models) {
      expect(model.content_type).toBe("application/json");
      expect(JSON.parse(model.schema).$schema).toBe("http://json-schema.org/draft-04/schema#");
    }
  });

  it("proxies each method to its own function and lets only that method and path invoke it", () => {
    const proxies = Object.entries(dev.resource.aws_api_gateway_integration)
      .filter(([key]) => !key.includes("not-allowed"))
      .map(([, integration]) => integration as any);
    expect(proxies).toHaveLength(COMPILED_ROUTES.length);
    for (const integration of proxies) expect(integration).toMatchObject({ type: "AWS_PROXY", integration_http_method: "POST" });
    const arns = resources(dev, "aws_lambda_permission").map((p) => p.source_arn.replace(/^\$\{[^}]+\}/, "<api>")).sort();
    expect(arns).toEqual(COMPILED_ROUTES.map((route) => `<api>/*/${route.method}${route.arnPath}`).sort());
    expect(arns).toEqual(expect.arrayContaining(["<api>/*/POST/api/articles/*/likes", "<api>/*/DELETE/api/articles/*"]));
  });

  it("redeploys when anything in the API changes", () => {
    const [deployment] = resources(dev, "aws_api_gateway_deployment");
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    expect(deployment.triggers.redeployment).toMatch(/^\$\{sha1\(jsonencode\(\[/);
    for (const type of ["aws_api_gateway_method", "aws_api_gateway_integration", "aws_api_gateway_resource", "aws_api_gateway_model", "aws_api_gateway_gateway_response"]) {
      for (const key of Object.keys(dev.resource[type])) expect(deployment.triggers.redeployment).toContain(`${type}.${key}.id`);
    }
  });

  it("has stage api with JSON access logs, and throttling, metrics and execution logs without data trace", () => {
    const [stage] = resources(dev, "aws_api_gateway_stage");
    expect(stage.stage_name).toBe("api");
    expect(JSON.parse(stage.access_log_settings.format)).toMatchObject({ requestId: "$context.requestId", status: "$context.status" });
    const [settings] = resources(dev, "aws_api_gateway_method_settings");
    expect(settings).toMatchObject({
      method_path: "*/*",
      settings: { metrics_enabled: true, logging_level: "INFO", data_trace_enabled: false, throttling_rate_limit: 20, throttling_burst_limit: 40 },
    });
    expect(resources(prod, "aws_api_gateway_method_settings")[0].settings.throttling_rate_limit).toBe(100);
    expect(resources(dev, "aws_api_gateway_account")).toHaveLength(1);
  });

  it("answers gateway errors in the handlers' JSON error shape, unknown routes with 404", () => {
    const responses = resources(dev, "aws_api_gateway_gateway_response");
    expect(responses.map((r) => r.response_type).sort()).toEqual(Object.keys(GATEWAY_RESPONSES).sort());
    const missing = responses.find((r) => r.response_type === "MISSING_AUTHENTICATION_TOKEN");
    expect(missing.status_code).toBe("404");
    expect(JSON.parse(missing.response_templates["application/json"])).toEqual({ error: { code: "NOT_FOUND", message: "No such route" } });
    const body = responses.find((r) => r.response_type === "BAD_REQUEST_BODY");
    expect(body.response_templates["application/json"]).toBe('{"error":{"code":"VALIDATION_FAILED","message":$context.error.messageString}}');
  });

  it("has a usage plan with an admin API key", () => {
    expect(resources(dev, "aws_api_gateway_usage_plan")).toHaveLength(1);
    expect(resources(dev, "aws_api_gateway_api_key")[0]).toMatchObject({ name: "blog-dev-admin", enabled: true });
    expect(resources(dev, "aws_api_gateway_usage_plan_key")[0].key_type).toBe("API_KEY");
  });

  it("exports what the analytics and site stacks will read", () => {
    expect(Object.keys(dev.output ?? {})).toEqual(
      expect.arrayContaining(["admin_api_key_id", "api_url", "rest_api_id", "stage_name", "table_name", "table_stream_arn"]),
    );
  });
});
