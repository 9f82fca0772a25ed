import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthAll } from "./support/synth";
import { offlineTerraform, requireTooling } from "./support/terraform";

const { outdir, stacks } = synthAll();
const tooling = offlineTerraform(mkdtempSync(join(tmpdir(), "terraform-")));

describe("terraform validate (offline, provider from the filesystem mirror)", () => {
  it.each(Object.keys(stacks))("%s is valid", (name) => {
    if (!requireTooling(tooling)) return;
    const cwd = join(outdir, "stacks", name);
    execFileSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd, env: tooling.env, stdio: "pipe" });
    const result = JSON.parse(
      execFileSync("terraform", ["validate", "-json", "-no-color"], { cwd, env: tooling.env, encoding: "utf8" }),
    ) as { valid: boolean; error_count: number; warning_count: number; diagnostics: unknown[] };
    expect(result).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
  });
});
