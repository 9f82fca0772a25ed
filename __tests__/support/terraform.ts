import { execFileSync } from "node:child_process";
import { findProviderMirror, terraformEnvironment } from "../../scripts/provider-mirror";

export interface TerraformTooling {
  env?: NodeJS.ProcessEnv;
  /** Why Terraform cannot run offline here, when it cannot. */
  missing?: string;
}

/**
 * Terraform pointed at the machine's provider mirror, never the registry, or why it cannot run.
 */
export function offlineTerraform(workDir: string): TerraformTooling {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore" });
  } catch {
    return { missing: "terraform is not on PATH" };
  }
  const mirror = findProviderMirror();
  if (!mirror.path) return { missing: mirror.reason };
  return { env: terraformEnvironment(workDir, mirror.path) };
}

/** Outside CI a missing tool is reported and the check is not run; under CI=true it fails. */
export function requireTooling(tooling: TerraformTooling): tooling is { env: NodeJS.ProcessEnv } {
  if (!tooling.missing) return true;
  const message = `Terraform checks cannot run: ${tooling.missing}`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`NOT RUN: ${message}`);
  return false;
}
