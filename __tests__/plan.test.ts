import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dependencyOrder, hasRemoteState, plan, planMode } from "../scripts/plan";
import { testEnvironment } from "./support/environment";
import { offlineTerraform, requireTooling } from "./support/terraform";

describe("npm run plan, offline", () => {
  it("plans every selected stack after the stacks it reads, creating exactly the synthesized resources", () => {
    if (!requireTooling(offlineTerraform(mkdtempSync(join(tmpdir(), "plan-tooling-"))))) return;
    const out = mkdtempSync(join(tmpdir(), "plan-out-"));
    const summaries = plan(["dev-*", "state"], true, out);
    expect(summaries.map((s) => s.stack)).toEqual(["dev-api", "dev-analytics", "dev-site", "state"]);
    for (const summary of summaries) {
      const json = JSON.parse(readFileSync(join(out, "stacks", summary.stack, "cdk.tf.json"), "utf8"));
      const resources = Object.values<Record<string, unknown>>(json.resource).reduce((n, group) => n + Object.keys(group).length, 0);
      expect(summary).toEqual({ stack: summary.stack, add: resources, change: 0, destroy: 0 });
    }
  }, 180000);

  it("orders stacks by their remote-state dependencies", () => {
    const order = dependencyOrder({
      stacks: {
        "a-site": { name: "a-site", workingDirectory: "", dependencies: ["a-api"] },
        "a-api": { name: "a-api", workingDirectory: "", dependencies: [] },
        "a-analytics": { name: "a-analytics", workingDirectory: "", dependencies: ["a-api"] },
      },
    });
    expect(order.indexOf("a-api")).toBeLessThan(order.indexOf("a-site"));
    expect(order.indexOf("a-api")).toBeLessThan(order.indexOf("a-analytics"));
  });
});

describe("npm run plan: online or offline", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  /** Only the given files: no credential variables, no instance metadata. */
  function isolate(files: { credentials?: string; config?: string }): void {
    const dir = mkdtempSync(join(tmpdir(), "plan-credentials-"));
    for (const name of Object.keys(process.env)) if (name.startsWith("AWS_")) delete process.env[name];
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, "credentials");
    process.env.AWS_CONFIG_FILE = join(dir, "config");
    process.env.AWS_EC2_METADATA_DISABLED = "true";
    if (files.credentials) writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, files.credentials);
    if (files.config) writeFileSync(process.env.AWS_CONFIG_FILE, files.config);
  }

  it("plans online with credentials from `aws configure` alone (no variables), and says why", async () => {
    isolate({ credentials: "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n" });
    const mode = await planMode([]);
    expect(mode.offline).toBe(false);
    expect(mode.reason).toMatch(/default credential chain found credentials/);
  });

  it("plans offline without credentials, and says why", async () => {
    isolate({});
    const mode = await planMode([]);
    expect(mode).toEqual({ offline: true, reason: expect.stringMatching(/default credential chain found no credentials/) });
  });

  it("plans offline when asked, whatever the credentials", async () => {
    isolate({ credentials: "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n" });
    expect(await planMode(["--offline"])).toEqual({ offline: true, reason: "--offline was given" });
  });

  it("plans only stacks whose state is in S3 when the real state is required (CI)", () => {
    const environments = [
      testEnvironment("dev"),
      testEnvironment("prod", { backend: { type: "s3", bucket: "acme-state", region: "us-east-1", keyPrefix: "blog" } }),
    ];
    expect(["dev-api", "prod-api", "prod-site", "state", "account-us-east-1"].filter((stack) => hasRemoteState(stack, environments))).toEqual([
      "prod-api",
      "prod-site",
    ]);
  });
});
