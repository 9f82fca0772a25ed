import { buildSite } from "../site/build";
import { SECURITY_HEADERS } from "../site/security-headers";
import { policyStatements, resources, synthAll } from "./support/synth";

const { stacks } = synthAll();
const site = stacks["dev-site"];
const api = stacks["dev-api"];
const [distribution] = resources(site, "aws_cloudfront_distribution");

function remoteOutput(reference: string): string {
  const match = /\$\{data\.terraform_remote_state\.cross-stack-reference-input-dev-api\.outputs\.([^}]+)\}/.exec(reference);
  if (!match) throw new Error(`not a remote state reference: ${reference}`);
  return api.output?.[match[1]]?.value;
}

describe("api -> site wiring (remote state)", () => {
  it("routes /api/* to the REST API and stage read from the API stack's state", () => {
    expect(site.data?.terraform_remote_state?.["cross-stack-reference-input-dev-api"]).toMatchObject({
      backend: "local",
      config: { path: "../../../state/dev-api.tfstate" },
    });
    const origin = distribution.origin.find((o: { origin_id: string }) => o.origin_id === "api");
    expect(origin.domain_name).toMatch(/^\$\{data\.terraform_remote_state\..+\}\.execute-api\.us-east-1\.amazonaws\.com$/);
    expect(remoteOutput(origin.domain_name)).toMatch(/^\$\{aws_api_gateway_rest_api\.[^.]+\.id\}$/);
    expect(origin.origin_path).toMatch(/^\/\$\{data\.terraform_remote_state\./);
    expect(remoteOutput(origin.origin_path)).toMatch(/^\$\{aws_api_gateway_stage\.[^.]+\.stage_name\}$/);
    expect(origin.custom_origin_config).toMatchObject({ origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] });
  });

  it("sends the API stack's generated origin secret to the API, through a sensitive output", () => {
    const origin = distribution.origin.find((o: { origin_id: string }) => o.origin_id === "api");
    expect(origin.custom_header).toEqual([{ name: "x-origin-verify", value: expect.stringMatching(/^\$\{data\.terraform_remote_state\./) }]);
    expect(remoteOutput(origin.custom_header[0].value)).toMatch(/^\$\{aws_api_gateway_api_key\.origin-secret_value_[0-9A-F]+\.value\}$/);
    const output = Object.values<{ value: string; sensitive?: boolean }>(api.output ?? {}).find((o) => /origin-secret/.test(o.value));
    expect(output?.sensitive).toBe(true);
  });
});

describe("CloudFront", () => {
  it("serves the private bucket through origin access control, on its regional domain name", () => {
    const origin = distribution.origin.find((o: { origin_id: string }) => o.origin_id === "site");
    expect(origin.domain_name).toMatch(/\.bucket_regional_domain_name\}$/);
    expect(origin.origin_access_control_id).toMatch(/aws_cloudfront_origin_access_control/);
    const [oac] = resources(site, "aws_cloudfront_origin_access_control");
    expect(oac).toMatchObject({ origin_access_control_origin_type: "s3", signing_behavior: "always", signing_protocol: "sigv4" });
  });

  it("redirects to HTTPS, compresses and adds the security headers on every behaviour", () => {
    const behaviours = [distribution.default_cache_behavior, ...distribution.ordered_cache_behavior];
    for (const behaviour of behaviours) {
      expect(behaviour).toMatchObject({ viewer_protocol_policy: "redirect-to-https", compress: true });
      expect(behaviour.response_headers_policy_id).toMatch(/aws_cloudfront_response_headers_policy/);
    }
    expect(distribution).toMatchObject({ default_root_object: "index.html", is_ipv6_enabled: true, enabled: true });
    expect(distribution.logging_config).toMatchObject({ include_cookies: false, prefix: "cloudfront/" });
  });

  it("never caches writes and caches the article list only briefly", () => {
    const [openapi, list, rest] = distribution.ordered_cache_behavior;
    expect(openapi).toMatchObject({ path_pattern: "/api/openapi.json", target_origin_id: "site", allowed_methods: ["GET", "HEAD"] });
    expect(list.path_pattern).toBe("/api/articles");
    expect(rest.path_pattern).toBe("/api/*");
    for (const behaviour of [list, rest]) {
      expect(behaviour.cached_methods).toEqual(["GET", "HEAD"]);
      expect(behaviour.allowed_methods).toEqual(expect.arrayContaining(["POST", "PATCH", "DELETE"]));
      expect(behaviour.origin_request_policy_id).toMatch(/aws_cloudfront_origin_request_policy/);
    }
    expect(rest.cache_policy_id).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
    const [listPolicy] = resources(site, "aws_cloudfront_cache_policy");
    expect(listPolicy).toMatchObject({ min_ttl: 0, default_ttl: 5, max_ttl: 5 });
    expect(listPolicy.parameters_in_cache_key_and_forwarded_to_origin.query_strings_config.query_strings.items).toEqual(["cursor", "limit"]);
  });

  it("forwards query strings, the API key and the viewer's country and device, never the Host", () => {
    const [policy] = resources(site, "aws_cloudfront_origin_request_policy");
    expect(policy.query_strings_config.query_string_behavior).toBe("all");
    expect(policy.headers_config.headers.items).toEqual(
      expect.arrayContaining(["x-api-key", "CloudFront-Viewer-Country", "CloudFront-Is-Mobile-Viewer", "CloudFront-Is-Tablet-Viewer", "CloudFront-Is-SmartTV-Viewer", "CloudFront-Is-Desktop-Viewer"]),
    );
    expect(policy.headers_config.headers.items).not.toContain("Host");
  });

  it("sends HSTS for a year with subdomains and preload, a self-only CSP, nosniff, DENY and a referrer policy", () => {
    const [policy] = resources(site, "aws_cloudfront_response_headers_policy");
    expect(policy.security_headers_config).toEqual({
      strict_transport_security: { access_control_max_age_sec: 31536000, include_subdomains: true, preload: true, override: true },
      content_security_policy: { content_security_policy: SECURITY_HEADERS.contentSecurityPolicy, override: true },
      content_type_options: { override: true },
      frame_options: { frame_option: "DENY", override: true },
      referrer_policy: { referrer_policy: "strict-origin-when-cross-origin", override: true },
    });
    expect(SECURITY_HEADERS.contentSecurityPolicy).toContain("script-src 'self'");
    expect(SECURITY_HEADERS.contentSecurityPolicy).not.toMatch(/unsafe|https?:|\*/);
  });
});

describe("site bucket and files", () => {
  it("lets only this distribution read the bucket, over TLS", () => {
    const policies = resources(site, "aws_s3_bucket_policy").map((p) => policyStatements(site, p.policy));
    const sitePolicy = policies.find((statements) => statements.some((s) => s.sid === "CloudFrontReadsTheSite"))!;
    const grant = sitePolicy.find((s) => s.sid === "CloudFrontReadsTheSite");
    expect(grant).toMatchObject({ actions: ["s3:GetObject"], principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }] });
    expect(grant.condition).toEqual([
      { test: "StringEquals", variable: "AWS:SourceArn", values: [expect.stringMatching(/aws_cloudfront_distribution\..+\.arn/)] },
    ]);
    expect(sitePolicy[0].sid).toBe("DenyInsecureTransport");
  });

  it("enforces bucket ownership on the site bucket; only the CloudFront log bucket keeps ACLs", () => {
    const rules = resources(site, "aws_s3_bucket_ownership_controls").map((o) => o.rule.object_ownership).sort();
    expect(rules).toEqual(["BucketOwnerEnforced", "BucketOwnerPreferred"]);
  });

  it("uploads every built file with its content type, long caching for hashed assets and revalidation for the page", () => {
    const objects = resources(site, "aws_s3_object");
    const build = buildSite();
    expect(objects.map((o) => o.key).sort()).toEqual(build.files.map((f) => f.key).sort());
    const page = objects.find((o) => o.key === "index.html");
    expect(page).toMatchObject({ content_type: "text/html; charset=utf-8", cache_control: "no-cache" });
    for (const asset of objects.filter((o) => o.key.startsWith("assets/"))) {
      expect(asset.key).toMatch(/-[A-Z0-9]{8}\.(js|css)$/);
      expect(asset.cache_control).toBe("public, max-age=31536000, immutable");
      expect(asset.source).toMatch(/^assets\//);
      expect(asset.source_hash).toMatch(/^[0-9a-f]{32}$/);
    }
  });
});
