import { EnvironmentConfig, parseEnvironment } from "../../config/environment";

/** The smallest valid environment file's contents, for tests that build their own. */
export const MINIMAL_ENVIRONMENT = {
  region: "eu-west-1",
  namePrefix: "blog-test",
  api: { throttlingRateLimit: 10, throttlingBurstLimit: 20 },
  lambda: { memoryMb: 256, timeoutSeconds: 10 },
  logRetentionDays: 14,
  deletionProtection: false,
  alarms: { email: null },
};

export function testEnvironment(name: string, overrides: Record<string, unknown> = {}): EnvironmentConfig {
  return parseEnvironment(name, { ...MINIMAL_ENVIRONMENT, namePrefix: `blog-${name}`, ...overrides }, `${name}.json`);
}

export const EDGE_DOMAIN = { name: "blog.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" };

/**
 * The custom-domain + WAF environment (issue #14). eu-west-1 on purpose: the certificate and the
 * web ACL must still land in us-east-1.
 */
export function edgeEnvironment(): EnvironmentConfig {
  return testEnvironment("edge", { region: "eu-west-1", site: { domain: EDGE_DOMAIN, waf: { enabled: true, rateLimitPer5Min: 250 } } });
}
