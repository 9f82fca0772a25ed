import { App } from "cdktf";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../../main";

export type TerraformJson = {
  terraform: Record<string, any>;
  resource: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
};

/** Synthesizes the whole app (every environment) into a fresh directory, as `cdktf synth` does. */
export function synthAll(): { outdir: string; stacks: Record<string, TerraformJson>; text: Record<string, string> } {
  const outdir = mkdtempSync(join(tmpdir(), "synth-"));
  buildApp(new App({ outdir })).synth();
  const stacks: Record<string, TerraformJson> = {};
  const text: Record<string, string> = {};
  for (const name of readdirSync(join(outdir, "stacks")).sort()) {
    text[name] = readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8");
    stacks[name] = JSON.parse(text[name]);
  }
  return { outdir, stacks, text };
}

/** The configurations of every resource of one type. */
export function resources(stack: TerraformJson, type: string): any[] {
  return Object.values(stack.resource[type] ?? {});
}

/** Resolves "${data.aws_iam_policy_document.X.json}" to that document's statements. */
export function policyStatements(stack: TerraformJson, reference: string): any[] {
  const match = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(reference);
  if (!match) throw new Error(`not a policy document reference: ${reference}`);
  const document = stack.data?.aws_iam_policy_document?.[match[1]];
  if (!document) throw new Error(`no policy document ${match[1]}`);
  return [document.statement].flat();
}
