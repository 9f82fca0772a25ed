import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { errorBody } from "../functions/http/errors";
import type { CompiledRoute } from "../functions/compiled-routes";
import { Alarms } from "./alarms";

export interface WebAclProps {
  namePrefix: string;
  /** The route table: the rate limit covers the routes that change data. */
  routes: readonly CompiledRoute[];
  /** Requests per client IP per 5 minutes on the write routes. */
  rateLimitPer5Min: number;
  /** A CLOUDFRONT-scope web ACL, its metrics and its alarm live in us-east-1. */
  usEast1: TerraformProvider;
  alarmEmail: string | null;
}

/** Blocked requests within 5 minutes that page someone. */
export const BLOCKED_REQUESTS_ALARM_THRESHOLD = 100;

/** The write routes as WAF sees them: the methods, and one regex over their viewer paths. */
export function writeRouteMatch(routes: readonly Pick<CompiledRoute, "method" | "resource">[]): { methods: string[]; pathRegex: string } {
  const writes = routes.filter((route) => route.method !== "GET");
  const methods = [...new Set(writes.map((route) => route.method))].sort();
  const paths = [...new Set(writes.map((route) => route.resource.replace(/\{[^}]+\}/g, "[^/]+")))].sort();
  return { methods, pathRegex: `^(${paths.join("|")})/?$` };
}

/** Managed rule groups run in count mode; the rules below block on their labels with a JSON body. */
const MANAGED_GROUPS = [
  {
    name: "ip-reputation",
    group: "AWSManagedRulesAmazonIpReputationList",
    labels: "awswaf:managed:aws:amazon-ip-list:",
    // AWS ships the DDoS list as count-only: it labels addresses that may be shared by real readers.
    exceptLabel: "awswaf:managed:aws:amazon-ip-list:AWSManagedIPDDoSList",
  },
  {
    name: "common",
    group: "AWSManagedRulesCommonRuleSet",
    labels: "awswaf:managed:aws:core-rule-set:",
    // An article may be up to the API's body limit, above this rule's 8 KB; API Gateway's model bounds it.
    exceptLabel: "awswaf:managed:aws:core-rule-set:SizeRestrictions_Body",
  },
  { name: "known-bad-inputs", group: "AWSManagedRulesKnownBadInputsRuleSet", labels: "awswaf:managed:aws:known-bad-inputs:" },
] as const;

const BODIES = {
  throttled: errorBody("THROTTLED", "Too many requests from this address; try again in a few minutes"),
  forbidden: errorBody("FORBIDDEN", "Request blocked by the firewall"),
};

function visibility(metricName: string) {
  return { cloudwatch_metrics_enabled: true, metric_name: metricName, sampled_requests_enabled: true };
}

function regexMatch(regex: string, field: "method" | "uri_path") {
  return { regex_match_statement: { regex_string: regex, field_to_match: { [field]: {} }, text_transformation: [{ priority: 0, type: "NONE" }] } };
}

function blockWith(status: number, key: keyof typeof BODIES) {
  return { block: { custom_response: { response_code: status, custom_response_body_key: key } } };
}

/**
 * A CLOUDFRONT-scope web ACL: AWS's IP reputation, common and known-bad-inputs rule groups, and a
 * per-client-IP rate limit on the write routes. Refusals carry the API's JSON error shape (403,
 * 429) instead of WAF's default page. Every rule has metrics and sampled requests, and blocked
 * requests raise an alarm.
 */
export class WebAcl extends Construct {
  readonly acl: Wafv2WebAcl;
  /** The us-east-1 topic its blocked-requests alarm notifies. */
  readonly alarmTopicArn: string;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const metric = (rule: string) => `${props.namePrefix}-${rule}`;
    const writes = writeRouteMatch(props.routes);

    const rules: object[] = [];
    MANAGED_GROUPS.forEach((managed, i) => {
      rules.push({
        name: managed.name,
        priority: i,
        override_action: { count: {} },
        statement: { managed_rule_group_statement: { vendor_name: "AWS", name: managed.group } },
        visibility_config: visibility(metric(managed.name)),
      });
    });
    MANAGED_GROUPS.forEach((managed, i) => {
      const matched = { label_match_statement: { scope: "NAMESPACE", key: managed.labels } };
      const statement =
        "exceptLabel" in managed
          ? { and_statement: { statement: [matched, { not_statement: { statement: [{ label_match_statement: { scope: "LABEL", key: managed.exceptLabel } }] } }] } }
          : matched;
      rules.push({
        name: `block-${managed.name}`,
        priority: MANAGED_GROUPS.length + i,
        action: blockWith(403, "forbidden"),
        statement,
        visibility_config: visibility(metric(`block-${managed.name}`)),
      });
    });
    rules.push({
      name: "rate-limit-writes",
      priority: 2 * MANAGED_GROUPS.length,
      action: blockWith(429, "throttled"),
      statement: {
        rate_based_statement: {
          limit: props.rateLimitPer5Min,
          aggregate_key_type: "IP",
          evaluation_window_sec: 300,
          scope_down_statement: {
            and_statement: { statement: [regexMatch(`^(${writes.methods.join("|")})$`, "method"), regexMatch(writes.pathRegex, "uri_path")] },
          },
        },
      },
      visibility_config: visibility(metric("rate-limit-writes")),
    });

    const name = `${props.namePrefix}-edge`;
    this.acl = new Wafv2WebAcl(this, "acl", {
      provider: props.usEast1,
      name,
      description: "Managed protections and a per-client rate limit on writes, in front of CloudFront",
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      customResponseBody: Object.entries(BODIES).map(([key, body]) => ({ key, contentType: "APPLICATION_JSON", content: JSON.stringify(body) })),
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: metric("edge"), sampledRequestsEnabled: true },
    });
    // The provider's generated types stop above the statement blocks; the override keeps drift detection (rule_json has none).
    this.acl.addOverride("rule", rules);

    const alarms = new Alarms(this, "alarms", { topicName: `${props.namePrefix}-edge-alarms`, email: props.alarmEmail, provider: props.usEast1 });
    this.alarmTopicArn = alarms.topic.arn;
    alarms.add(`${props.namePrefix}-waf-blocked`, `The web ACL blocked ${BLOCKED_REQUESTS_ALARM_THRESHOLD} or more requests in 5 minutes`, "waf-blocked", {
      namespace: "AWS/WAFV2",
      metricName: "BlockedRequests",
      // CloudFront web ACLs report in us-east-1 without a Region dimension.
      dimensions: { WebACL: name, Rule: "ALL" },
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: BLOCKED_REQUESTS_ALARM_THRESHOLD,
    });
  }
}
