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
