import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { synthesizeInto } from "../policy/check";
import { Stacks, TerraformJson } from "../policy/terraform";
import { checkApiModels, Coverage } from "./api-model-check";
import { formatProblem, Problem } from "./problem";
import { APPLY_RULES, checkApplyRules } from "./rules";

export interface DeployReport {
  problems: Problem[];
  coverage: Coverage;
}

export function checkDeploy(stacks: Record<string, TerraformJson>): DeployReport {
  const view = new Stacks(stacks);
  const models = checkApiModels(view);
  return { problems: [...models.problems, ...checkApplyRules(view)], coverage: models.coverage };
}

/** Every stack of a synth output directory (cdktf.out), by name. */
export function readSynth(out: string): Record<string, TerraformJson> {
  const dir = join(out, "stacks");
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, JSON.parse(readFileSync(join(dir, name, "cdk.tf.json"), "utf8")) as TerraformJson]),
  );
}

function synthesizeFresh(): Record<string, TerraformJson> {
  const out = mkdtempSync(join(tmpdir(), "deploy-check-"));
  try {
    synthesizeInto(out);
    return readSynth(out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--out");
  const stacks = at >= 0 ? readSynth(resolve(args[at + 1] ?? "cdktf.out")) : synthesizeFresh();
  const { problems, coverage } = checkDeploy(stacks);
  for (const problem of problems) console.log(formatProblem(problem));
  console.log(
    `\ncheck:deploy: ${Object.keys(stacks).length} stacks; AWS API models: ${coverage.resourceTypes} resource types mapped, ` +
      `${coverage.attributes} attributes (${coverage.enumAttributes} checked against service-model enums, ${coverage.valuesChecked} values in this synth); ` +
      `${APPLY_RULES.length} apply-time rules; ${problems.length} problems`,
  );
  process.exit(problems.length > 0 ? 1 : 0);
}
