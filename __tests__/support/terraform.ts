import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { findProviderMirror } from "../../scripts/provider-mirror";

export interface TerraformTooling {
  env?: NodeJS.ProcessEnv;
  /** Why Terraform cannot run offline here, when it cannot. */
  missing?: string;
}

/**
 * Terraform pointed at the machine's provider mirror through a generated CLI config (and a shared
 * plugin cache, so the provider is linked rather than copied per stack). Never the registry.
 */
export function offlineTerraform(workDir: string): TerraformTooling {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore" });
  } catch {
    return { missing: "terraform is not on PATH" };
  }
  const mirror = findProviderMirror();
  if (!mirror.path) return { missing: mirror.reason };
  const cliConfig = join(workDir, "terraform.tfrc");
  writeFileSync(
    cliConfig,
    [
      "provider_installation {",
      `  filesystem_mirror {\n    path    = ${JSON.stringify(mirror.path)}\n    include = ["registry.terraform.io/*/*"]\n  }`,
      '  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }',
      "}",
      `plugin_cache_dir = ${JSON.stringify(join(workDir, "plugin-cache"))}`,
      "",
    ].join("\n"),
  );
  execFileSync("mkdir", ["-p", join(workDir, "plugin-cache")]);
  return {
    env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" },
  };
}

/** Outside CI a missing tool is reported and the check is not run; under CI=true it fails. */
export function requireTooling(tooling: TerraformTooling): tooling is { env: NodeJS.ProcessEnv } {
  if (!tooling.missing) return true;
  const message = `Terraform checks cannot run: ${tooling.missing}`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`NOT RUN: ${message}`);
  return false;
}
