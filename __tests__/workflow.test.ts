import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../constructs/bundle";

const workflow = parse(readFileSync(join(PROJECT_ROOT, ".github", "workflows", "pull-request.yml"), "utf8"));
const steps: { uses?: string; run?: string; if?: string; with?: Record<string, string> }[] = workflow.jobs["test-and-plan"].steps;

describe("pull request workflow", () => {
  it("runs on pull requests with OIDC and the right to comment, nothing more", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(workflow.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
  });

  it("installs, tests, then plans with credentials from the repository's role, and comments once", () => {
    const order = (predicate: (s: (typeof steps)[number]) => boolean) => steps.findIndex(predicate);
    const install = order((s) => s.run === "npm ci");
    const test = order((s) => s.run === "npm test");
    const credentials = order((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials") ?? false);
    const check = order((s) => s.run === "npm run -s check:deploy -- --out cdktf.out");
    const planStep = order((s) => s.run?.includes("npm run -s plan") ?? false);
    const comment = order((s) => s.uses?.startsWith("actions/github-script") ?? false);
    expect([install, check, test, credentials, planStep, comment].every((i) => i >= 0)).toBe(true);
    expect(install).toBeLessThan(check);
    expect(check).toBeLessThan(test);
    expect(test).toBeLessThan(credentials);
    expect(credentials).toBeLessThan(planStep);
    expect(planStep).toBeLessThan(comment);
    expect(steps[credentials].with?.["role-to-assume"]).toBe("${{ vars.AWS_PLAN_ROLE_ARN }}");
    expect(steps[comment].with?.script).toContain("updateComment");
    expect(steps[comment].with?.script).toContain("<!-- cdktf-plan-summary -->");
  });

  it("plans against the real state only (S3 backend from config), and says so when it cannot", () => {
    const planStep = steps.find((s) => s.run?.includes("npm run -s plan"))!;
    expect(planStep.run).toContain("--remote-state-only");
    expect(planStep.run).toMatch(/"\$status" -eq 3/);
    expect(planStep.run).toContain("::warning title=No Terraform plan::");
    expect(steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"))?.if).toBe("vars.AWS_PLAN_ROLE_ARN != ''");
    expect(steps.find((s) => s.uses?.startsWith("actions/github-script"))?.if).toBe("${{ !cancelled() }}");
  });

  it("pins the Terraform version the machines use", () => {
    const setup = steps.find((s) => s.uses?.startsWith("hashicorp/setup-terraform"));
    expect(setup?.with?.terraform_version).toBe("1.11.4");
  });
});
