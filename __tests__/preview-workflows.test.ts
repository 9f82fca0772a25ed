import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../constructs/bundle";
import { loadEnvironment } from "../config/environment";
import { plan } from "../scripts/plan";
import { previewConfig, previewEnvironment } from "../scripts/preview-config";
import { offlineTerraform, requireTooling } from "./support/terraform";

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, string> };

function workflow(file: string) {
  return parse(readFileSync(join(PROJECT_ROOT, ".github", "workflows", file), "utf8"));
}

function indexOf(steps: Step[], predicate: (step: Step) => boolean): number {
  const index = steps.findIndex(predicate);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
}

const usesOidc = (step: Step) => step.uses?.startsWith("aws-actions/configure-aws-credentials") ?? false;

const preview = workflow("preview.yml");
const drift = workflow("drift.yml");
const devFile = JSON.parse(readFileSync(join(PROJECT_ROOT, "config", "dev.json"), "utf8"));
const STATE = { bucket: "serverless-blog-tfstate-example", region: "us-east-1" };

describe("preview workflow", () => {
  const deploy: Step[] = preview.jobs.deploy.steps;
  const destroy: Step[] = preview.jobs.destroy.steps;

  it("runs on the pull request's life cycle with OIDC, one run per pull request, never cancelled midway", () => {
    expect(Object.keys(preview.on)).toEqual(["pull_request"]);
    expect(preview.on.pull_request.types).toEqual(expect.arrayContaining(["labeled", "synchronize", "closed"]));
    expect(preview.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
    expect(preview.concurrency).toEqual({ group: "preview-${{ github.event.pull_request.number }}", "cancel-in-progress": false });
  });

  it("deploys only pull requests labelled preview, and destroys on close or when the label goes", () => {
    expect(preview.jobs.deploy.if).toContain("contains(github.event.pull_request.labels.*.name, 'preview')");
    expect(preview.jobs.deploy.if).toContain("github.event.action != 'closed'");
    expect(preview.jobs.destroy.if).toContain("github.event.action == 'closed'");
    expect(preview.jobs.destroy.if).toContain("github.event.label.name == 'preview'");
  });

  it("derives pr<N>, checks, deploys, re-plans through npm run plan and comments the site URL, in that order", () => {
    const credentials = indexOf(deploy, usesOidc);
    const derive = indexOf(deploy, (s) => s.run?.includes("npm run -s preview:config -- \"$PR_NUMBER\"") ?? false);
    const check = indexOf(deploy, (s) => s.run?.includes("check:deploy") ?? false);
    const apply = indexOf(deploy, (s) => s.run?.includes('npx cdktf deploy "$PREVIEW_ENV-*"') ?? false);
    const replan = indexOf(deploy, (s) => s.run?.includes('npm run -s plan -- --detailed-exitcode "$PREVIEW_ENV-*"') ?? false);
    const comment = indexOf(deploy, (s) => s.uses?.startsWith("actions/github-script") ?? false);
    expect([credentials, derive, check, apply, replan, comment]).toEqual([...[credentials, derive, check, apply, replan, comment]].sort((a, b) => a - b));
    expect(deploy[credentials].with?.["role-to-assume"]).toBe("${{ vars.AWS_PREVIEW_ROLE_ARN }}");
    expect(deploy[comment].with?.script).toContain("site_url");
    expect(deploy[comment].with?.script).toContain("<!-- preview-environment -->");
  });

  it("destroys the same derived environment with the same role", () => {
    const credentials = indexOf(destroy, usesOidc);
    const derive = indexOf(destroy, (s) => s.run?.includes("npm run -s preview:config") ?? false);
    const remove = indexOf(destroy, (s) => s.run?.includes('npx cdktf destroy "$PREVIEW_ENV-*" --auto-approve') ?? false);
    expect(credentials).toBeLessThan(derive);
    expect(derive).toBeLessThan(remove);
    expect(destroy[credentials].with?.["role-to-assume"]).toBe("${{ vars.AWS_PREVIEW_ROLE_ARN }}");
  });

  it("pins the Terraform version the machines use", () => {
    for (const steps of [deploy, destroy]) expect(steps.find((s) => s.uses?.startsWith("hashicorp/setup-terraform"))?.with?.terraform_version).toBe("1.11.4");
  });
});

describe("drift workflow", () => {
  const steps: Step[] = drift.jobs.plan.steps;

  it("runs on a schedule (and by hand) with OIDC and read-only rights", () => {
    expect(Object.keys(drift.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(drift.on.schedule[0].cron).toMatch(/^\S+ \S+ \* \* \*$/);
    expect(drift.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  it("plans every stack through npm run plan with -detailed-exitcode, and fails with the summary on drift", () => {
    const credentials = indexOf(steps, usesOidc);
    const planStep = indexOf(steps, (s) => s.run?.includes("npm run -s plan -- --detailed-exitcode >") ?? false);
    expect(credentials).toBeLessThan(planStep);
    expect(steps[credentials].with?.["role-to-assume"]).toBe("${{ vars.AWS_PLAN_ROLE_ARN }}");
    expect(steps[planStep].run).toContain("GITHUB_STEP_SUMMARY");
    expect(steps[planStep].run).toContain('exit "$status"');
  });
});

describe("preview environments", () => {
  it("are dev under the name pr<N>: own prefix, own S3 state key, no deletion protection, no WAF, no domain", () => {
    const dev = loadEnvironment(join(PROJECT_ROOT, "config", "dev.json"));
    const env = previewEnvironment(devFile, 42, STATE);
    expect(env).toMatchObject({
      name: "pr42",
      namePrefix: "blog-pr42",
      deletionProtection: false,
      manageApiGatewayAccount: false,
      backend: { type: "s3", bucket: STATE.bucket, region: STATE.region, keyPrefix: "preview/pr42", useLockfile: true },
    });
    expect(env.site.waf.enabled).toBe(false);
    expect(env.site.domain).toBeUndefined();
    expect({ api: env.api, lambda: env.lambda, region: env.region, ttl: env.articleTtlDays }).toEqual({
      api: dev.api,
      lambda: dev.lambda,
      region: dev.region,
      ttl: dev.articleTtlDays,
    });
  });

  it("refuses what is not a pull request number", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => previewConfig(devFile, bad, STATE)).toThrow("not a pull request number");
  });

  it("plans offline, every stack of pr<N>, with its own S3 state key", () => {
    if (!requireTooling(offlineTerraform(mkdtempSync(join(tmpdir(), "preview-tooling-"))))) return;
    const out = mkdtempSync(join(tmpdir(), "preview-plan-"));
    const summaries = plan(["pr7-*"], true, out, { environments: [previewEnvironment(devFile, 7, STATE)] });
    expect(summaries.map((s) => s.stack)).toEqual(["pr7-api", "pr7-analytics", "pr7-site"]);
    for (const summary of summaries) {
      const json = JSON.parse(readFileSync(join(out, "stacks", summary.stack, "cdk.tf.json"), "utf8"));
      expect(json.terraform.backend.s3).toMatchObject({ bucket: STATE.bucket, key: `preview/pr7/${summary.stack}.tfstate` });
      expect(summary.add).toBeGreaterThan(0);
      expect(summary.destroy).toBe(0);
    }
  }, 300000);
});
