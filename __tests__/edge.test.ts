import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../config/environment";
import { BLOCKED_REQUESTS_ALARM_THRESHOLD, writeRouteMatch } from "../constructs/web-acl";
import { COMPILED_ROUTES } from "../functions/compiled-routes";
import { checkPolicy } from "../policy/check";
import { EXCEPTIONS, exceptionsFor } from "../policy/exceptions";
import { plan } from "../scripts/plan";
import { EDGE_DOMAIN as DOMAIN, edgeEnvironment, testEnvironment } from "./support/environment";
import { resources, synthAll, TerraformJson } from "./support/synth";
import { offlineTerraform, requireTooling } from "./support/terraform";

const edgeEnvironments = [edgeEnvironment()];
const edge = synthAll(edgeEnvironments);
const site = edge.stacks["edge-site"];
const real = synthAll();
const [distribution] = resources(site, "aws_cloudfront_distribution");
const [acl] = resources(site, "aws_wafv2_web_acl");

function ref(type: string, stack: TerraformJson = site): RegExp {
  const names = Object.keys(stack.resource[type] ?? {}).join("|");
  return new RegExp(`^\\$\\{${type}\\.(${names})\\.`);
}

function usEast1Provider(stack: TerraformJson) {
  const providers = [(stack as { provider?: { aws?: { alias?: string } | { alias?: string }[] } }).provider?.aws].flat();
  return providers.find((p) => p?.alias === "us_east_1");
}

describe("site configuration", () => {
  const bad = (site: object) => () => testEnvironment("bad", { site });

  it("refuses a malformed domain name or zone id, naming the field", () => {
    for (const name of ["Blog.Example.com", "blog", "-blog.example.com", "blog..example.com", "https://blog.example.com", "blog.example.com."]) {
      expect(bad({ domain: { ...DOMAIN, name } })).toThrow(/site\.domain\.name: must be a lowercase DNS name/);
    }
    for (const hostedZoneId of ["", "z0123", "0123456789", "Z01234 56789", "/hostedzone/Z0123456789"]) {
      expect(bad({ domain: { ...DOMAIN, hostedZoneId } })).toThrow(/site\.domain\.hostedZoneId: must be a Route 53 hosted zone id/);
    }
    expect(bad({ domain: { name: DOMAIN.name } })).toThrow(/site\.domain\.hostedZoneId/);
    expect(bad({ domain: { ...DOMAIN, certificateArn: "arn" } })).toThrow(ConfigError);
  });

  it("refuses a rate limit below WAF's minimum, and unknown WAF fields", () => {
    expect(bad({ waf: { rateLimitPer5Min: 9 } })).toThrow(/site\.waf\.rateLimitPer5Min/);
    expect(bad({ waf: { enabled: "yes" } })).toThrow(/site\.waf\.enabled/);
    expect(bad({ waf: { rules: [] } })).toThrow(ConfigError);
  });

  it("turns the WAF on by default for prod only, and lets the file decide", () => {
    expect(testEnvironment("prod").site.waf).toEqual({ enabled: true, rateLimitPer5Min: 300 });
    expect(testEnvironment("dev").site.waf).toEqual({ enabled: false, rateLimitPer5Min: 300 });
    expect(testEnvironment("prod", { site: { waf: { enabled: false } } }).site.waf.enabled).toBe(false);
    expect(testEnvironment("dev", { site: { waf: { enabled: true } } }).site.waf.enabled).toBe(true);
    expect(testEnvironment("dev").site.domain).toBeUndefined();
  });
});

describe("custom domain", () => {
  it("has a certificate for the name in us-east-1, through the provider alias", () => {
    expect(usEast1Provider(site)).toMatchObject({ region: "us-east-1", alias: "us_east_1" });
    const [certificate] = resources(site, "aws_acm_certificate");
    expect(certificate).toMatchObject({ provider: "aws.us_east_1", domain_name: DOMAIN.name, validation_method: "DNS" });
    expect(certificate.lifecycle).toEqual({ create_before_destroy: true });
  });

  it("is validated by DNS records in the hosted zone, one per challenge, and the distribution waits for the validation", () => {
    const records = resources(site, "aws_route53_record");
    const challenge = records.find((r) => r.for_each);
    expect(challenge.for_each).toMatch(/tolist\(aws_acm_certificate\.[^.]+\.domain_validation_options\)/);
    expect(challenge).toMatchObject({ zone_id: DOMAIN.hostedZoneId, name: "${each.value.resource_record_name}", records: ["${each.value.resource_record_value}"] });
    const [validation] = resources(site, "aws_acm_certificate_validation");
    expect(validation.provider).toBe("aws.us_east_1");
    expect(validation.validation_record_fqdns).toMatch(/aws_route53_record\.[^:]+: val\.fqdn/);
    expect(distribution.viewer_certificate.acm_certificate_arn).toMatch(/^\$\{aws_acm_certificate_validation\.[^.]+\.certificate_arn\}$/);
  });

  it("serves the alias with SNI and TLS 1.2 (2021 policy) at least", () => {
    expect(distribution.aliases).toEqual([DOMAIN.name]);
    expect(distribution.viewer_certificate).toMatchObject({ ssl_support_method: "sni-only", minimum_protocol_version: "TLSv1.2_2021" });
    expect(distribution.viewer_certificate.cloudfront_default_certificate).toBeUndefined();
  });

  it("points A and AAAA alias records at the distribution, and the site URL at the name", () => {
    const aliases = resources(site, "aws_route53_record").filter((r) => r.alias);
    expect(aliases.map((r) => r.type).sort()).toEqual(["A", "AAAA"]);
    for (const record of aliases) {
      expect(record).toMatchObject({ zone_id: DOMAIN.hostedZoneId, name: DOMAIN.name });
      expect(record.alias.name).toMatch(ref("aws_cloudfront_distribution"));
      expect(record.alias.zone_id).toMatch(/\.hosted_zone_id\}$/);
    }
    expect(site.output?.site_url.value).toBe(`https://${DOMAIN.name}`);
  });

  it("is absent without site.domain: CloudFront's default certificate, no us-east-1 resources in dev", () => {
    const dev = real.stacks["dev-site"];
    const [devDistribution] = resources(dev, "aws_cloudfront_distribution");
    expect(devDistribution.viewer_certificate).toEqual({ cloudfront_default_certificate: true });
    expect(devDistribution.aliases).toBeUndefined();
    expect(usEast1Provider(dev)).toBeUndefined();
    for (const type of ["aws_acm_certificate", "aws_route53_record", "aws_wafv2_web_acl"]) expect(resources(dev, type)).toHaveLength(0);
  });
});

describe("web ACL", () => {
  const rules: any[] = acl.rule;
  const rule = (name: string) => rules.find((r) => r.name === name);
  const bodies = Object.fromEntries(acl.custom_response_body.map((b: { key: string; content: string }) => [b.key, JSON.parse(b.content)]));

  it("is a CLOUDFRONT-scope ACL in us-east-1, attached to the distribution, allowing by default", () => {
    expect(acl).toMatchObject({ provider: "aws.us_east_1", scope: "CLOUDFRONT", default_action: { allow: {} } });
    expect(distribution.web_acl_id).toMatch(/^\$\{aws_wafv2_web_acl\.[^.]+\.arn\}$/);
  });

  it("holds AWS's IP reputation, common and known-bad-inputs groups, each enforced by a block on its labels", () => {
    const groups = rules.filter((r) => r.statement.managed_rule_group_statement);
    expect(groups.map((r) => r.statement.managed_rule_group_statement.name).sort()).toEqual([
      "AWSManagedRulesAmazonIpReputationList",
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
    ]);
    for (const group of groups) {
      expect(group.statement.managed_rule_group_statement.vendor_name).toBe("AWS");
      expect(group.override_action).toEqual({ count: {} });
      const block = rule(`block-${group.name}`);
      expect(block.priority).toBeGreaterThan(group.priority);
      expect(block.action).toEqual({ block: { custom_response: { response_code: 403, custom_response_body_key: "forbidden" } } });
      expect(JSON.stringify(block.statement)).toMatch(/"key":"awswaf:managed:aws:[a-z-]+:","scope":"NAMESPACE"/);
    }
  });

  it("lets articles longer than the common rule set's 8 KB body limit through", () => {
    expect(JSON.stringify(rule("block-common").statement)).toContain('"not_statement":{"statement":[{"label_match_statement":{"key":"awswaf:managed:aws:core-rule-set:SizeRestrictions_Body","scope":"LABEL"}}]}');
  });

  it("limits each client IP on exactly the route table's write routes, with 429", () => {
    const limit = rule("rate-limit-writes");
    expect(limit.action).toEqual({ block: { custom_response: { response_code: 429, custom_response_body_key: "throttled" } } });
    expect(limit.statement.rate_based_statement).toMatchObject({ limit: 250, aggregate_key_type: "IP", evaluation_window_sec: 300 });
    const [methodMatch, pathMatch] = limit.statement.rate_based_statement.scope_down_statement.and_statement.statement.map((s: any) => s.regex_match_statement);
    expect(methodMatch.field_to_match).toEqual({ method: {} });
    expect(pathMatch.field_to_match).toEqual({ uri_path: {} });
    const method = new RegExp(methodMatch.regex_string);
    const path = new RegExp(pathMatch.regex_string);
    for (const route of COMPILED_ROUTES) {
      const concrete = `${route.resource.replace(/\{[^}]+\}/g, "01JABCDEFGHJKMNPQRSTVWXYZ0")}`;
      const covered = method.test(route.method) && path.test(concrete);
      expect({ route: route.name, covered }).toEqual({ route: route.name, covered: route.method !== "GET" });
    }
    expect(path.test("/api/articles/x/likes/extra")).toBe(false);
    expect(path.test("/articles")).toBe(false);
  });

  it("follows the route table: a new write route is rate limited without touching the ACL", () => {
    const extra = [...COMPILED_ROUTES, { ...COMPILED_ROUTES[0], method: "POST" as const, resource: "/api/articles/{id}/reports" }];
    expect(new RegExp(writeRouteMatch(extra).pathRegex).test("/api/articles/abc/reports")).toBe(true);
    expect(new RegExp(writeRouteMatch(COMPILED_ROUTES).pathRegex).test("/api/articles/abc/reports")).toBe(false);
  });

  it("answers refusals in the API's JSON error shape", () => {
    expect(bodies).toEqual({
      throttled: { error: { code: "THROTTLED", message: expect.any(String) } },
      forbidden: { error: { code: "FORBIDDEN", message: expect.any(String) } },
    });
    for (const body of acl.custom_response_body) expect(body.content_type).toBe("APPLICATION_JSON");
  });

  it("has metrics and sampled requests on the ACL and every rule", () => {
    for (const config of [acl.visibility_config, ...rules.map((r) => r.visibility_config)]) {
      expect(config).toMatchObject({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true });
    }
    expect(new Set(rules.map((r) => r.visibility_config.metric_name)).size).toBe(rules.length);
    expect(new Set(rules.map((r) => r.priority)).size).toBe(rules.length);
  });

  it("alarms on blocked requests in us-east-1, notifying a topic in us-east-1", () => {
    const [alarm] = resources(site, "aws_cloudwatch_metric_alarm");
    expect(alarm).toMatchObject({
      provider: "aws.us_east_1",
      namespace: "AWS/WAFV2",
      metric_name: "BlockedRequests",
      dimensions: { WebACL: acl.name, Rule: "ALL" },
      threshold: BLOCKED_REQUESTS_ALARM_THRESHOLD,
    });
    const [topic] = resources(site, "aws_sns_topic");
    expect(topic.provider).toBe("aws.us_east_1");
    expect(alarm.alarm_actions).toEqual([expect.stringMatching(ref("aws_sns_topic"))]);
  });

  it("is on in prod and off in dev", () => {
    expect(resources(real.stacks["prod-site"], "aws_wafv2_web_acl")).toHaveLength(1);
    expect(resources(real.stacks["dev-site"], "aws_wafv2_web_acl")).toHaveLength(0);
  });
});

describe("policy exceptions follow the features", () => {
  const excepted = (stacks: Record<string, TerraformJson>, exceptions = EXCEPTIONS) =>
    checkPolicy(stacks as any, exceptions).excepted.map(({ finding }) => `${finding.rule} ${finding.resource}`);

  it("with a domain and a WAF, nothing about TLS or WAF needs an exception", () => {
    const report = checkPolicy(edge.stacks as any, exceptionsFor(edgeEnvironments));
    expect(report.open).toEqual([]);
    expect(report.stale).toEqual([]);
    expect(report.findings.filter((f) => ["CKV_AWS_174", "CKV_AWS_68"].includes(f.rule))).toEqual([]);
  });

  it("in the repository's environments, only where the feature is off", () => {
    const list = excepted(real.stacks);
    expect(list).toEqual(expect.arrayContaining(["CKV_AWS_68 dev-site/cdn/distribution", "CKV_AWS_174 dev-site/cdn/distribution", "CKV_AWS_174 prod-site/cdn/distribution"]));
    expect(list).not.toContain("CKV_AWS_68 prod-site/cdn/distribution");
  });
});

describe("a config with site.domain and site.waf, offline", () => {
  it("passes terraform validate", () => {
    const tooling = offlineTerraform(mkdtempSync(join(tmpdir(), "edge-validate-")));
    if (!requireTooling(tooling)) return;
    for (const name of ["edge-api", "edge-site"]) {
      const cwd = join(edge.outdir, "stacks", name);
      execFileSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd, env: tooling.env, stdio: "pipe" });
      const result = JSON.parse(execFileSync("terraform", ["validate", "-json", "-no-color"], { cwd, env: tooling.env, encoding: "utf8" }));
      expect({ name, ...result }).toMatchObject({ name, valid: true, error_count: 0, warning_count: 0 });
    }
  }, 180000);

  it("plans the API and the site, creating exactly the synthesized resources", () => {
    if (!requireTooling(offlineTerraform(mkdtempSync(join(tmpdir(), "edge-plan-tooling-"))))) return;
    const out = mkdtempSync(join(tmpdir(), "edge-plan-"));
    const summaries = plan(["edge-api", "edge-site"], true, out, { environments: edgeEnvironments });
    expect(summaries.map((s) => s.stack)).toEqual(["edge-api", "edge-site"]);
    for (const summary of summaries) {
      const json = JSON.parse(readFileSync(join(out, "stacks", summary.stack, "cdk.tf.json"), "utf8"));
      const count = Object.values<Record<string, unknown>>(json.resource).reduce((n, group) => n + Object.keys(group).length, 0);
      // The validation record is one resource with one instance per name on the certificate (here one).
      expect(summary).toEqual({ stack: summary.stack, add: count, change: 0, destroy: 0 });
    }
  }, 400000);
});
