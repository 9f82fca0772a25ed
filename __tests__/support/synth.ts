import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnvironmentConfig } from "../../config/environment";
import { synthesizeInto } from "../../policy/check";

export type TerraformJson = {
  terraform: Record<string, any>;
  resource: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
};

/** Synthesizes the whole app (every environment) into a fresh directory, kept for terraform to read. */
export function synthAll(environments?: EnvironmentConfig[]): { outdir: string; stacks: Record<string, TerraformJson>; text: Record<string, string> } {
  const outdir = mkdtempSync(join(tmpdir(), "synth-"));
  const text = synthesizeInto(outdir, environments);
  const stacks = Object.fromEntries(Object.entries(text).map(([name, json]) => [name, JSON.parse(json) as TerraformJson]));
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
