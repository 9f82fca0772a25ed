import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PROJECT_ROOT } from "../../constructs/bundle";

/**
 * A private copy of the project's files (tracked and new, not ignored) sharing node_modules, so
 * a command that writes into the project (cdktf.out, openapi.json, .build) runs as printed
 * without touching the files other test workers read.
 */
export function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "project-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: PROJECT_ROOT })
    .toString()
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(PROJECT_ROOT, file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(PROJECT_ROOT, file), join(dir, file));
  }
  symlinkSync(join(PROJECT_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}
