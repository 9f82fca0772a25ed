import { DuckDBInstance } from "@duckdb/node-api";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../constructs/bundle";
import { offlineTerraform, requireTooling } from "./support/terraform";

const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, encoding: "utf8", timeout: 240000 });

describe("the README's commands that run offline", () => {
  it("npx cdktf synth writes every stack", () => {
    expect(readme).toContain("npx cdktf synth");
    const result = run("npx", ["cdktf", "synth", "--output", mkdtempSync(join(tmpdir(), "docs-synth-"))]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/dev-api.*dev-analytics|dev-analytics.*dev-api/s);
  });

  it("npm run check:policy prints the findings table and passes", () => {
    expect(readme).toContain("npm run check:policy");
    const result = run("npm", ["run", "-s", "check:policy"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+ rules, \d+ findings: 0 open, \d+ excepted, 0 stale exceptions/);
  });

  it("npm run plan -- <stack> plans offline and prints the summary", () => {
    expect(readme).toContain("npm run plan -- 'dev-*'");
    if (!requireTooling(offlineTerraform(mkdtempSync(join(tmpdir(), "docs-plan-"))))) return;
    const result = run("npm", ["run", "-s", "plan", "--", "--offline", "state"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Planning OFFLINE");
    expect(result.stdout).toMatch(/^state\s+7\s+0\s+0$/m);
  });

  it("npm run query answers named queries and SQL, with --json printing only a JSON array", async () => {
    expect(readme).toContain("npm run query -- likes_by_country");
    expect(readme).toContain("npm run query -- top_authors_by_country --param country=DE");
    const dataDir = mkdtempSync(join(tmpdir(), "docs-query-"));
    const likes = join(dataDir, "lake", "likes", "dt=2026-01-01");
    const articles = join(dataDir, "lake", "articles", "dt=2026-01-01");
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

    const named = run("npm", ["run", "-s", "query", "--", "likes_by_country", "--json"], { LOCAL_DATA_DIR: dataDir });
    expect(named.status).toBe(0);
    expect(JSON.parse(named.stdout)).toEqual([{ country: "DE", likes: 2 }, { country: "FR", likes: 1 }]);
    const param = run("npm", ["run", "-s", "query", "--", "top_authors_by_country", "--param", "country=DE", "--json"], { LOCAL_DATA_DIR: dataDir });
    expect(JSON.parse(param.stdout)).toEqual([{ author_name: "Ada", likes: 2 }]);
    const sql = run("npm", ["run", "-s", "query", "--", "SELECT dt, COUNT(*) AS n FROM likes GROUP BY dt", "--json"], { LOCAL_DATA_DIR: dataDir });
    expect(JSON.parse(sql.stdout)).toEqual([{ dt: "2026-01-01", n: 4 }]);
    const missing = run("npm", ["run", "-s", "query", "--", "top_authors_by_country"], { LOCAL_DATA_DIR: dataDir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("needs --param country=");
  });

  it("npm run openapi writes openapi.json", () => {
    expect(readme).toContain("npm run openapi");
    expect(execFileSync("npm", ["run", "-s", "openapi"], { cwd: PROJECT_ROOT, encoding: "utf8" })).toContain("openapi.json");
  });
});
