import { DuckDBInstance } from "@duckdb/node-api";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../constructs/bundle";
import { projectCopy } from "./support/project-copy";
import { offlineTerraform, requireTooling } from "./support/terraform";

const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");

/** Every command line of the README's shell blocks, without its trailing comment. */
const shellCommands = [...readme.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)]
  .flatMap((block) => block[1].split("\n"))
  .map((line) => line.replace(/\s+#.*$/, "").trim())
  .filter(Boolean);

/** README commands this suite cannot run here, each with the reason. */
const NOT_RUN: [RegExp, string][] = [
  [/^npm ci( && npm start)?$/, "installs packages; npm start itself is tested by local-runtime.test.ts"],
  [/^npm test$/, "is the suite this test belongs to"],
  [/^npx cdktf (deploy|destroy) /, "needs AWS credentials and the network"],
  [/^npx jest __tests__\/(engine-equivalence|stacks)\.test\.ts( -u)?$/, "checks a switch to CDK Terrain; both files run in npm test"],
  [/^npm run plan -- --offline$/, "plans all 7 stacks (minutes); the same offline path runs above for 'dev-*' and in plan.test.ts"],
];

// The commands run in a private copy of the project, so what they write (cdktf.out, .build,
// openapi.json) never meets another test worker's files.
const project = projectCopy();
const lakeDir = mkdtempSync(join(tmpdir(), "docs-query-"));

/** Runs a README line exactly as printed, in bash, as a reader would paste it. */
function runAsPrinted(command: string, env: NodeJS.ProcessEnv = {}) {
  expect(shellCommands).toContain(command);
  const result = spawnSync("bash", ["-c", command], { cwd: project, env: { ...process.env, ...env }, encoding: "utf8", timeout: 300000 });
  // Nothing on a machine without internet may print an error (cdktf's checkpoint call did).
  expect(result.stderr).not.toMatch(/ERROR|ENOTFOUND|getaddrinfo/);
  expect({ command, status: result.status, stderr: result.stderr }).toEqual({ command, status: 0, stderr: expect.any(String) });
  return result;
}

beforeAll(async () => {
  const likes = join(lakeDir, "lake", "likes", "dt=2026-01-01");
  const articles = join(lakeDir, "lake", "articles", "dt=2026-01-01");
  mkdirSync(likes, { recursive: true });
  mkdirSync(articles, { recursive: true });
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  await connection.run(
    `COPY (SELECT * FROM (VALUES ('e1', TIMESTAMP '2026-01-01 10:00:00', 'a1', 'DE', 'mobile', '1.2.3.0/24', 'ua'),
      ('e2', TIMESTAMP '2026-01-01 10:01:00', 'a1', 'DE', 'mobile', '1.2.3.0/24', 'ua'),
      ('e2', TIMESTAMP '2026-01-01 10:01:00', 'a1', 'DE', 'mobile', '1.2.3.0/24', 'ua'),
      ('e3', TIMESTAMP '2026-01-01 10:02:00', 'a1', 'FR', 'desktop', '5.6.7.0/24', 'ua'))
      AS t(event_id, event_time, article_id, country, device_type, ip_prefix, user_agent)) TO '${likes}/part.parquet' (FORMAT parquet)`,
  );
  await connection.run(
    `COPY (SELECT 'p1' AS event_id, 'published' AS event_type, TIMESTAMP '2026-01-01 09:00:00' AS event_time, 'a1' AS article_id,
      'T' AS title, 'Ada' AS author_name, TIMESTAMP '2026-01-01 09:00:00' AS published_at, 10::INTEGER AS body_length) TO '${articles}/part.parquet' (FORMAT parquet)`,
  );
  connection.closeSync();
  db.closeSync();
});

describe("the README's shell commands, run as printed", () => {
  const run = new Set<string>();
  const runs = (command: string) => {
    run.add(command);
    return command;
  };

  it("npm run synth writes every stack, with no error offline", () => {
    const result = runAsPrinted(runs("npm run synth"), { CHECKPOINT_DISABLE: undefined });
    expect(result.stdout).toMatch(/dev-api.*dev-analytics|dev-analytics.*dev-api/s);
    expect(readdirSync(join(project, "cdktf.out", "stacks")).sort()).toEqual(
      ["dev-analytics", "dev-api", "dev-site", "prod-analytics", "prod-api", "prod-site", "state"],
    );
  });

  it("npm run plan -- 'dev-*' plans the dev stacks offline and prints the summary", () => {
    if (!requireTooling(offlineTerraform(mkdtempSync(join(tmpdir(), "docs-plan-"))))) return;
    const result = runAsPrinted(runs("npm run plan -- 'dev-*'"), { AWS_ACCESS_KEY_ID: undefined, AWS_PROFILE: undefined });
    expect(result.stdout).toContain("OFFLINE");
    for (const stack of ["dev-api", "dev-analytics", "dev-site"]) expect(result.stdout).toMatch(new RegExp(`^${stack}\\s+\\d+\\s+0\\s+0$`, "m"));
  });

  it("npm run query answers named queries, with a parameter, and SQL whose --json output is only a JSON array", () => {
    const env = { LOCAL_DATA_DIR: lakeDir };
    expect(runAsPrinted(runs("npm run query -- likes_by_country"), env).stdout).toMatch(/DE\D+2[\s\S]*FR\D+1/);
    expect(runAsPrinted(runs("npm run query -- top_authors_by_country --param country=DE"), env).stdout).toMatch(/Ada\D+2/);
    const json = runAsPrinted(runs('npm run -s query -- "SELECT dt, COUNT(*) AS likes FROM likes GROUP BY dt" --json'), env);
    expect(JSON.parse(json.stdout)).toEqual([{ dt: "2026-01-01", likes: 4 }]);
  });

  it("a named query without its parameter says which one it needs", () => {
    const missing = spawnSync("npm", ["run", "-s", "query", "--", "top_authors_by_country"], {
      cwd: project,
      env: { ...process.env, LOCAL_DATA_DIR: lakeDir },
      encoding: "utf8",
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("needs --param country=");
  });

  it("runs every README shell command, or says why it cannot run here", () => {
    const unaccounted = shellCommands.filter((command) => !run.has(command) && !NOT_RUN.some(([pattern]) => pattern.test(command)));
    expect(unaccounted).toEqual([]);
  });
});

describe("the README's other offline commands", () => {
  it("npm run check:policy prints the findings table and passes", () => {
    expect(readme).toContain("npm run check:policy");
    const result = spawnSync("npm", ["run", "-s", "check:policy"], { cwd: project, encoding: "utf8", timeout: 240000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+ rules, \d+ findings: 0 open, \d+ excepted, 0 stale exceptions/);
  });

  it("npm run openapi writes openapi.json", () => {
    expect(readme).toContain("npm run openapi");
    const result = spawnSync("npm", ["run", "-s", "openapi"], { cwd: project, encoding: "utf8" });
    expect(result.stdout).toContain(join(project, "openapi.json"));
    expect(JSON.parse(readFileSync(join(project, "openapi.json"), "utf8")).openapi).toMatch(/^3\./);
  });
});
