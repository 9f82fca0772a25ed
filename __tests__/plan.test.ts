import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dependencyOrder, plan } from "../scripts/plan";
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
