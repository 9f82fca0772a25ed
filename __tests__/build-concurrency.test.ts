import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectCopy } from "./support/project-copy";

const PROCESSES = 6;

/** What one process built: the site's files and the function bundles, with their hashes. */
const BUILD = `
const { buildSite } = require("./site/build");
const { bundleFunction } = require("./constructs/bundle");
const site = buildSite();
const bundles = [["health", "functions/handlers/health.ts"], ["stream-reader", "functions/handlers/stream-reader.ts"]]
  .map(([name, entry]) => bundleFunction(name, entry));
console.log(JSON.stringify({ site, bundles }));
`;

function build(cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "-e", BUILD], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("builds in separate processes at the same time", () => {
  it("all succeed and produce identical output, complete on disk", async () => {
    // A fresh copy: no earlier build output, so every process really builds.
    const project = projectCopy();
    const results = await Promise.all(Array.from({ length: PROCESSES }, () => build(project)));
    for (const result of results) expect({ code: result.code, stderr: result.stderr.replace(/^.*NodeVersionSupportWarning[\s\S]*$/m, "") }).toEqual({ code: 0, stderr: "" });
    const outputs = results.map((result) => JSON.parse(result.stdout.trim().split("\n").pop()!));
    for (const output of outputs.slice(1)) expect(output).toEqual(outputs[0]);

    const { site, bundles } = outputs[0];
    for (const file of site.files as { key: string; bytes: number }[]) expect(readFileSync(join(site.dir, file.key)).length).toBe(file.bytes);
    for (const bundle of bundles as { zipPath: string; zipBytes: number }[]) expect(readFileSync(bundle.zipPath).length).toBe(bundle.zipBytes);
    // No temporary directory is left behind by the processes that lost the race.
    expect(readdirSync(join(project, ".build", "site")).filter((name) => name.includes(".tmp-"))).toEqual([]);
  });
});
