import { App } from "cdktf";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { EnvironmentConfig, loadEnvironments } from "../config/environment";
import { buildApp } from "../main";
import { findProviderMirror, terraformEnvironment } from "./provider-mirror";

/**
 * `npm run plan [-- <stack name or glob>...] [--offline] [--detailed-exitcode]`: synthesizes, then runs terraform plan
 * for every stack in dependency order and prints what each would add, change and destroy.
 * With AWS credentials it plans against the account; without them (or with --offline) it plans
 * offline: local throwaway state, placeholder credentials, provider skip flags and placeholder
 * values for other stacks' outputs, all as override files beside the synthesized JSON.
 * --detailed-exitcode exits 2 when any stack has changes (drift detection).
 */

const ROOT = resolve(__dirname, "..");
const DEFAULT_OUT = join(ROOT, "cdktf.out");
const OVERRIDE = "zz_plan_offline_override.tf.json";

interface Manifest {
  stacks: Record<string, { name: string; workingDirectory: string; dependencies: string[] }>;
}

export interface PlanSummary {
  stack: string;
  add: number;
  change: number;
  destroy: number;
  /** With `detailedExitcode`: Terraform's verdict (exit code 2), which also counts output changes. */
  changed?: boolean;
}

export interface PlanOptions {
  /** The environments to synthesize instead of config/*.json. */
  environments?: EnvironmentConfig[];
  /** Runs terraform plan with -detailed-exitcode, for drift detection. */
  detailedExitcode?: boolean;
}

function hasCredentials(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_FULL_URI);
}

function globMatch(pattern: string, name: string): boolean {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(name);
}

/** Stacks in an order where every stack comes after the ones it reads. */
export function dependencyOrder(manifest: Manifest): string[] {
  const order: string[] = [];
  const visit = (name: string) => {
    if (order.includes(name)) return;
    for (const dependency of manifest.stacks[name].dependencies) visit(dependency);
    order.push(name);
  };
  Object.keys(manifest.stacks).sort().forEach(visit);
  return order;
}

/** A value shaped like what an output holds, for planning without the producing stack's state. */
function placeholder(expression: string): string {
  if (/stream_arn\}$/.test(expression)) return "arn:aws:dynamodb:us-east-1:123456789012:table/placeholder/stream/2026-01-01T00:00:00.000";
  if (/dynamodb_table\.[^.]+\.arn\}$/.test(expression)) return "arn:aws:dynamodb:us-east-1:123456789012:table/placeholder";
  if (/\.arn\}$/.test(expression)) return "arn:aws:iam::123456789012:role/placeholder";
  if (/stage_name\}$/.test(expression)) return "api";
  return "placeholder";
}

function offlineOverride(out: string, stackDir: string, stateDir: string, stack: string, manifest: Manifest): object {
  const json = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8"));
  const remoteStates: Record<string, object> = {};
  for (const name of Object.keys(json.data?.terraform_remote_state ?? {})) {
    const producer = name.replace(/^cross-stack-reference-input-/, "");
    const producerJson = JSON.parse(readFileSync(join(out, manifest.stacks[producer].workingDirectory, "cdk.tf.json"), "utf8"));
    const defaults = Object.fromEntries(
      Object.entries<{ value: unknown }>(producerJson.output ?? {}).map(([output, { value }]) => [output, placeholder(String(value))]),
    );
    // An empty state, not a missing one: Terraform applies `defaults` only to the former.
    const path = join(stateDir, `${producer}.placeholder.tfstate`);
    writeFileSync(path, JSON.stringify({ version: 4, serial: 1, lineage: "offline-plan", outputs: {}, resources: [] }));
    remoteStates[name] = { backend: "local", config: { path }, defaults };
  }
  return {
    terraform: { backend: { local: { path: join(stateDir, `${stack}.tfstate`) } } },
    // Override files merge provider blocks by alias, so every aliased provider needs its own.
    provider: {
      aws: (json.provider.aws as { alias?: string }[]).map(({ alias }) => ({
        ...(alias ? { alias } : {}),
        access_key: "offline-plan",
        secret_key: "offline-plan",
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
      })),
    },
    ...(Object.keys(remoteStates).length ? { data: { terraform_remote_state: remoteStates } } : {}),
  };
}

/** The mirror when the machine has one (offline machines), else Terraform's usual installation. */
function terraformEnv(workDir: string): NodeJS.ProcessEnv {
  const mirror = findProviderMirror();
  if (mirror.path) return terraformEnvironment(workDir, mirror.path);
  return { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
}

export function plan(patterns: string[], offline: boolean, out: string = DEFAULT_OUT, options: PlanOptions = {}): PlanSummary[] {
  rmSync(out, { recursive: true, force: true });
  buildApp(new App({ outdir: out }), options.environments).synth();
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
  const selected = dependencyOrder(manifest).filter((name) => patterns.length === 0 || patterns.some((p) => globMatch(p, name)));
  const workDir = mkdtempSync(join(tmpdir(), "plan-"));
  const env = terraformEnv(workDir);
  const stateDir = join(workDir, "state");
  mkdirSync(stateDir, { recursive: true });
  const summaries: PlanSummary[] = [];
  for (const stack of selected) {
    const cwd = join(out, manifest.stacks[stack].workingDirectory);
    if (offline) writeFileSync(join(cwd, OVERRIDE), JSON.stringify(offlineOverride(out, cwd, stateDir, stack, manifest), null, 2));
    const run = (args: string[]) => execFileSync("terraform", args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
    try {
      run(["init", "-input=false", "-no-color", "-reconfigure"]);
      let changed = false;
      try {
        run(["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan", ...(options.detailedExitcode ? ["-detailed-exitcode"] : [])]);
      } catch (error) {
        // -detailed-exitcode: 2 means the plan succeeded and found changes.
        if (!(options.detailedExitcode && (error as { status?: number }).status === 2)) throw error;
        changed = true;
      }
      const shown = JSON.parse(run(["show", "-json", "tfplan"])) as { resource_changes?: { change: { actions: string[] } }[] };
      const summary: PlanSummary = { stack, add: 0, change: 0, destroy: 0, ...(options.detailedExitcode ? { changed } : {}) };
      for (const { change } of shown.resource_changes ?? []) {
        if (change.actions.includes("create")) summary.add += 1;
        if (change.actions.includes("delete")) summary.destroy += 1;
        if (change.actions.includes("update")) summary.change += 1;
      }
      summaries.push(summary);
    } catch (error) {
      const detail = (error as { stderr?: string }).stderr ?? String(error);
      throw new Error(`terraform failed for ${stack}:\n${detail}`);
    } finally {
      if (offline) rmSync(join(cwd, OVERRIDE), { force: true });
    }
  }
  rmSync(workDir, { recursive: true, force: true });
  return summaries;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const offline = args.includes("--offline") || !hasCredentials(process.env);
  const detailedExitcode = args.includes("--detailed-exitcode");
  const patterns = args.filter((arg) => !arg.startsWith("--"));
  console.log(
    offline
      ? "Planning OFFLINE: no AWS credentials (or --offline). Local throwaway state, placeholder credentials and placeholder values for other stacks' outputs: this shows what a first deploy would create."
      : "Planning against the AWS account of the current credentials.",
  );
  try {
    const localState = loadEnvironments().filter((env) => env.backend.type === "local").map((env) => env.name);
    // A CI runner starts with no local state, so every resource would look missing.
    if (detailedExitcode && !offline && process.env.CI === "true" && localState.length > 0) {
      throw new Error(`Drift detection in CI needs shared state; these environments keep state on one machine: ${localState.join(", ")}. Give them an S3 backend (README, Configuration).`);
    }
    const summaries = plan(patterns, offline, DEFAULT_OUT, { detailedExitcode });
    const width = Math.max(5, ...summaries.map((s) => s.stack.length));
    console.log(`\n${"stack".padEnd(width)}  add  change  destroy`);
    for (const s of summaries) console.log(`${s.stack.padEnd(width)}  ${String(s.add).padStart(3)}  ${String(s.change).padStart(6)}  ${String(s.destroy).padStart(7)}`);
    if (existsSync(DEFAULT_OUT)) console.log(`\nPlans are in ${DEFAULT_OUT}/stacks/<stack>/tfplan`);
    const drifted = summaries.filter((s) => s.changed).map((s) => s.stack);
    if (drifted.length > 0) {
      console.log(`\nCHANGES PENDING (terraform plan -detailed-exitcode returned 2): ${drifted.join(", ")}`);
      process.exit(2);
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
