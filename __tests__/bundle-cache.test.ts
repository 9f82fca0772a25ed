import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { PROJECT_ROOT } from "../constructs/bundle";

interface Reported {
  bundles: { name: string; zipPath: string; sha256: string }[];
  /** esbuild runs in that process. */
  builds: number;
}

const ENTRIES = [
  ["health", "functions/handlers/health.ts"],
  ["create-article", "functions/handlers/create-article.ts"],
];

/** Bundles ENTRIES in a fresh process, against the given cache folder. */
function bundleInProcess(cacheDir: string): Promise<Reported> {
  const script = `
    const { bundleFunction, bundleStats } = require("./constructs/bundle");
    const bundles = ${JSON.stringify(ENTRIES)}.map(([name, entry]) => ({ name, ...bundleFunction(name, entry) }));
    process.stdout.write(JSON.stringify({ bundles, builds: bundleStats.builds }));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { cwd: PROJECT_ROOT, env: { ...process.env, BUNDLE_CACHE_DIR: cacheDir } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(stdout) as Reported) : reject(new Error(`exit ${code}: ${stderr}`))));
  });
}

describe("function bundle cache", () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "bundle-cache-"));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it("lets several processes bundle the same functions at once, with one identical result", async () => {
    const results = await Promise.all([1, 2, 3].map(() => bundleInProcess(cacheDir)));
    for (const result of results) expect(result.bundles).toEqual(results[0].bundles);
    // Every bundle folder is complete (renamed into place whole); no staging folder is left behind.
    expect(readdirSync(cacheDir).filter((entry) => entry.startsWith("."))).toEqual([]);
    for (const bundle of results[0].bundles) {
      const files = unzipSync(readFileSync(bundle.zipPath));
      expect(Object.keys(files)).toEqual(["index.js"]);
      expect(Buffer.from(files["index.js"]).toString("utf8")).not.toContain(PROJECT_ROOT);
    }
  });

  it("finds an unchanged function in a later process without running esbuild", async () => {
    const first = await bundleInProcess(cacheDir);
    const again = await bundleInProcess(cacheDir);
    expect(again.builds).toBe(0);
    expect(again.bundles).toEqual(first.bundles);
  });

  it("ships precompiled validators, not ajv", async () => {
    const [, create] = (await bundleInProcess(cacheDir)).bundles;
    const code = Buffer.from(unzipSync(readFileSync(create.zipPath))["index.js"]).toString("utf8");
    expect(code).not.toMatch(/strictSchema|addKeyword/);
    expect(code).toContain("must NOT have additional properties");
  });
});
