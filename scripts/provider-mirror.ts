import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The directory of a Terraform filesystem mirror holding the AWS provider, i.e. the parent of a
 * `registry.terraform.io` directory. TF_PROVIDER_MIRROR wins; otherwise the machine is searched
 * (a few levels deep), so nothing machine-specific is written into the project.
 */
export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): { path?: string; reason?: string } {
  const configured = env.TF_PROVIDER_MIRROR;
  if (configured) {
    return existsSync(join(configured, "registry.terraform.io", "hashicorp", "aws"))
      ? { path: configured }
      : { reason: `TF_PROVIDER_MIRROR=${configured} holds no registry.terraform.io/hashicorp/aws` };
  }
  try {
    const found = execFileSync(
      "find",
      ["/", "-maxdepth", "5", "(", "-path", "/proc", "-o", "-path", "/sys", "-o", "-name", "node_modules", ")", "-prune", "-o",
        "-type", "d", "-path", "*/registry.terraform.io/hashicorp/aws", "-print"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 30000 },
    )
      .split("\n")
      .filter(Boolean)
      .sort();
    if (found.length > 0) return { path: dirname(dirname(dirname(found[0]))) };
  } catch (error) {
    // find exits non-zero on unreadable directories yet still prints what it found.
    const out = String((error as { stdout?: string }).stdout ?? "").split("\n").filter(Boolean).sort();
    if (out.length > 0) return { path: dirname(dirname(dirname(out[0]))) };
  }
  return { reason: "no Terraform provider mirror found: set TF_PROVIDER_MIRROR to the directory that contains registry.terraform.io" };
}

/**
 * The environment for running Terraform without the registry: a generated CLI config that
 * installs providers from the mirror, with a shared plugin cache (linked, not copied per stack).
 */
export function terraformEnvironment(workDir: string, mirrorPath: string): NodeJS.ProcessEnv {
  const cache = join(workDir, "plugin-cache");
  const config = join(workDir, "terraform.tfrc");
  mkdirSync(cache, { recursive: true });
  writeFileSync(
    config,
    [
      "provider_installation {",
      `  filesystem_mirror {\n    path    = ${JSON.stringify(mirrorPath)}\n    include = ["registry.terraform.io/*/*"]\n  }`,
      '  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }',
      "}",
      `plugin_cache_dir = ${JSON.stringify(cache)}`,
      "",
    ].join("\n"),
  );
  return { ...process.env, TF_CLI_CONFIG_FILE: config, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
}

if (require.main === module) {
  const mirror = findProviderMirror();
  if (!mirror.path) {
    console.error(mirror.reason);
    process.exit(1);
  }
  console.log(mirror.path);
}
