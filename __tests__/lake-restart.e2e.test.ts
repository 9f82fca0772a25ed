import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../local/dynamodb-local";
import { namedQueries, openLake, query } from "../local/lake-sql";
import { LocalProcess, startLocalProcess } from "./support/local-process";

async function post(local: LocalProcess, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${local.url}/api${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function sql(dataDir: string, text: string, params: string[] = []) {
  const lake = await openLake(join(dataDir, "lake"));
  try {
    return await query(lake.connection, text, params);
  } finally {
    lake.close();
  }
}

/** Polls the lake until the query returns what is expected, as a user of `npm run query` would. */
async function eventually(dataDir: string, text: string, expected: unknown, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let rows: unknown;
  while (Date.now() < deadline) {
    rows = await sql(dataDir, text);
    if (JSON.stringify(rows) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  expect(rows).toEqual(expected);
}

describe("npm start and the lake across restarts", () => {
  it("resumes the stream from its checkpoint: nothing twice, nothing missed", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "lake-restart-"));
    const env = { LOCAL_DATA_DIR: dataDir, LAKE_FLUSH_SECONDS: "1" };
    let local = await startLocalProcess({ ...env, PORT: String(await freePort()) });
    let id: string;
    try {
      id = (await post(local, "/articles", { title: "Restart", body: "Twice?", authorName: "Dee", authorEmail: "d@example.com" })).json.article.id;
      await post(local, `/articles/${id}/likes`, undefined, { "CloudFront-Viewer-Country": "DE" });
      await eventually(dataDir, "SELECT COUNT(*) AS n FROM likes", [{ n: 1 }]);
    } finally {
      expect(await local.stop("SIGTERM")).toBe(0);
    }

    local = await startLocalProcess({ ...env, PORT: String(await freePort()) });
    try {
      await post(local, `/articles/${id}/likes`, undefined, { "CloudFront-Viewer-Country": "DE" });
      await eventually(dataDir, "SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS ids FROM likes", [{ n: 2, ids: 2 }]);
      const [articles] = await sql(dataDir, "SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS ids FROM articles");
      expect(articles).toEqual({ n: 1, ids: 1 });
      const top = namedQueries().find((q) => q.name === "top_authors_by_country")!;
      expect(await sql(dataDir, top.sql, ["DE"])).toEqual([{ author_name: "Dee", likes: 2 }]);
    } finally {
      await local.stop("SIGTERM");
    }
  });

  it("turns a TTL deletion (ARTICLE_TTL_SECONDS) into an expired row", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "lake-ttl-"));
    const local = await startLocalProcess({
      LOCAL_DATA_DIR: dataDir,
      LAKE_FLUSH_SECONDS: "1",
      ARTICLE_TTL_SECONDS: "2",
      LOCAL_TTL_SWEEP_SECONDS: "1",
      PORT: String(await freePort()),
    });
    try {
      const id = (await post(local, "/articles", { title: "Short-lived", body: "Gone soon", authorName: "Eve", authorEmail: "e@example.com" })).json.article.id;
      await eventually(dataDir, `SELECT event_type FROM articles WHERE article_id = '${id}' ORDER BY event_type`, [
        { event_type: "expired" },
        { event_type: "published" },
      ]);
    } finally {
      await local.stop("SIGTERM");
    }
  });
});
