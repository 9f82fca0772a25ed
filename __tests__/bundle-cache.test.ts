import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { PROJECT_ROOT } from "../constructs/bundle";
import { ORIGIN_VERIFY_HEADER } from "../functions/http/origin";

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

  it("answers a bad body with the field and the rule from its precompiled validator", async () => {
    const [, create] = (await bundleInProcess(cacheDir)).bundles;
    const unpacked = mkdtempSync(join(cacheDir, "run-"));
    writeFileSync(join(unpacked, "index.js"), unzipSync(readFileSync(create.zipPath))["index.js"]);
    const answer = (body: unknown) => {
      const event = { httpMethod: "POST", headers: { "content-type": "application/json", [ORIGIN_VERIFY_HEADER]: "s" }, body: JSON.stringify(body), isBase64Encoded: false };
      const script = `require(${JSON.stringify(join(unpacked, "index.js"))}).handler(${JSON.stringify(event)}).then((r) => process.stdout.write("\\n" + JSON.stringify(r)));`;
      const env = { PATH: process.env.PATH, AWS_REGION: "us-east-1", TABLE_NAME: "t", ARTICLE_TTL_SECONDS: "60", ORIGIN_VERIFY_SECRET: "s" };
      const run = spawnSync(process.execPath, ["-e", script], { cwd: unpacked, env, encoding: "utf8" });
      if (run.status !== 0) throw new Error(run.stderr);
      // The handler's own log line comes first.
      const response = JSON.parse(run.stdout.trim().split("\n").pop()!) as { statusCode: number; body: string };
      return { status: response.statusCode, error: (JSON.parse(response.body) as { error: { message: string } }).error.message };
    };
    const article = { title: "T", body: "B", authorName: "A", authorEmail: "a@example.com" };
    expect(answer({ ...article, title: "x".repeat(201) })).toEqual({ status: 400, error: "title: must be at most 200 characters" });
    expect(answer({ ...article, authorEmail: "nope" })).toEqual({ status: 400, error: "authorEmail: must be a valid e-mail address" });
    expect(answer({ ...article, admin: true })).toEqual({ status: 400, error: "admin: is not a field of this body" });
  });
});
