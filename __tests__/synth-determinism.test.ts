import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "../constructs/bundle";

function files(root: string, dir = root): Record<string, Buffer> {
  const found: Record<string, Buffer> = {};
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) Object.assign(found, files(root, path));
    else found[relative(root, path)] = readFileSync(path);
  }
  return found;
}

/** A synth in its own process, as `cdktf synth` runs it: bundling included, nothing cached. */
function synthInFreshProcess(): Record<string, Buffer> {
  const outdir = mkdtempSync(join(tmpdir(), "determinism-"));
  execFileSync(process.execPath, [join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "main.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });
  return files(outdir);
}

describe("synth determinism", () => {
  it("two synths produce byte-identical Terraform JSON, manifests and function zips", () => {
    const first = synthInFreshProcess();
    const second = synthInFreshProcess();
    expect(Object.keys(first).filter((name) => name.endsWith(".zip")).length).toBeGreaterThanOrEqual(14);
    expect(Object.keys(second)).toEqual(Object.keys(first));
    for (const name of Object.keys(first)) {
      expect({ name, same: first[name].equals(second[name]) }).toEqual({ name, same: true });
    }
  });
});
