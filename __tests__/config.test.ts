import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadEnvironment, loadEnvironments, parseEnvironment } from "../config/environment";
import { MINIMAL_ENVIRONMENT } from "./support/environment";

const valid = MINIMAL_ENVIRONMENT;

describe("environment configuration", () => {
  it("loads every config/<env>.json in name order", () => {
    const envs = loadEnvironments();
    expect(envs.map((env) => env.name)).toEqual(["dev", "prod"]);
    expect(envs.find((env) => env.name === "prod")?.deletionProtection).toBe(true);
  });

  it("fills defaults: 30-day TTL, local backend under state/, API Gateway account left to the account stack", () => {
    const env = parseEnvironment("test", valid, "test.json");
    expect(env.articleTtlDays).toBe(30);
    expect(env.backend).toEqual({ type: "local", directory: "state" });
    expect(env.manageApiGatewayAccount).toBe(false);
  });

  it("makes who hears an alarm an explicit choice: an address or null, never left out", () => {
    const { alarms, ...withoutAlarms } = valid;
    expect(alarms).toEqual({ email: null });
    expect(() => parseEnvironment("dev", withoutAlarms, "d.json")).toThrow(/d\.json: alarms/);
    expect(() => parseEnvironment("dev", { ...valid, alarms: {} }, "d.json")).toThrow(/alarms\.email: must be an e-mail address, or null/);
    expect(parseEnvironment("dev", { ...valid, alarms: { email: "oncall@example.com" } }, "d.json").alarms.email).toBe("oncall@example.com");
  });

  it("names the file and the field that is wrong", () => {
    expect(() => parseEnvironment("dev", { ...valid, api: { throttlingRateLimit: "fast", throttlingBurstLimit: 20 } }, "config/dev.json")).toThrow(
      /config\/dev\.json: api\.throttlingRateLimit: .*number/,
    );
    expect(() => parseEnvironment("dev", { ...valid, logRetentionDays: 10 }, "config/dev.json")).toThrow(
      /config\/dev\.json: logRetentionDays: must be one of CloudWatch's retention periods/,
    );
    expect(() => parseEnvironment("dev", { ...valid, surprise: true }, "config/dev.json")).toThrow(/config\/dev\.json: \(root\): .*surprise/);
    expect(() => parseEnvironment("dev", { ...valid, lambda: { memoryMb: 256, timeoutSeconds: 60 } }, "c.json")).toThrow(
      /lambda\.timeoutSeconds/,
    );
  });

  it("rejects a burst limit below the rate limit", () => {
    expect(() => parseEnvironment("dev", { ...valid, api: { throttlingRateLimit: 50, throttlingBurstLimit: 10 } }, "d.json")).toThrow(
      /api\.throttlingBurstLimit: must be at least api\.throttlingRateLimit/,
    );
  });

  it("accepts an S3 backend with native locking on by default, and refuses absolute local paths", () => {
    const s3 = parseEnvironment("dev", { ...valid, backend: { type: "s3", bucket: "my-state", region: "us-east-1", keyPrefix: "blog" } }, "d.json");
    expect(s3.backend).toEqual({ type: "s3", bucket: "my-state", region: "us-east-1", keyPrefix: "blog", useLockfile: true });
    expect(() => parseEnvironment("dev", { ...valid, backend: { type: "local", directory: "/var/state" } }, "d.json")).toThrow(
      /backend\.directory: must be a relative path/,
    );
    expect(() => parseEnvironment("dev", { ...valid, backend: { type: "gcs" } }, "d.json")).toThrow(ConfigError);
  });

  it("reports unreadable JSON with the file name", () => {
    const dir = mkdtempSync(join(tmpdir(), "config-"));
    writeFileSync(join(dir, "dev.json"), "{ not json");
    expect(() => loadEnvironment(join(dir, "dev.json"))).toThrow(/dev\.json: cannot read JSON/);
  });
});
