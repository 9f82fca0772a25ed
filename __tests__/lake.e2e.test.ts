import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, localDynamoClient } from "../local/dynamodb-local";
import { namedQueries, openLake, query } from "../local/lake-sql";
import { LocalRuntime, startLocal } from "../local/runtime";

const dataDir = mkdtempSync(join(tmpdir(), "lake-e2e-"));
// One runtime per process: handlers bind their SDK endpoints when loaded, as in Lambda.
// Restarts are tested on real processes in lake-restart.e2e.test.ts.
let local: LocalRuntime;

async function post(path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${local.url}/api${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function publish(title: string, authorName: string) {
  const reply = await post("/articles", { title, body: `About ${title}`, authorName, authorEmail: "author@example.com" });
  expect(reply.status).toBe(201);
  return reply.json.article.id as string;
}

async function like(id: string, country: string | null, times = 1) {
  for (let i = 0; i < times; i += 1) {
    const headers: Record<string, string> = { "CloudFront-Is-Desktop-Viewer": "true", "User-Agent": "e2e" };
    if (country) headers["CloudFront-Viewer-Country"] = country;
    expect((await post(`/articles/${id}/likes`, undefined, headers)).status).toBe(200);
  }
}

/** Waits until everything written so far is in Parquet. */
async function settle(runtime: LocalRuntime = local) {
  await runtime.poller.drain();
  await runtime.firehose.flush();
}

async function sql(text: string, params: string[] = [], lakeDir = local.lakeDir) {
  const lake = await openLake(lakeDir);
  try {
    return await query(lake.connection, text, params);
  } finally {
    lake.close();
  }
}

function named(name: string) {
  const found = namedQueries().find((q) => q.name === name);
  if (!found) throw new Error(`no named query ${name}`);
  return found.sql;
}

beforeAll(async () => {
  local = await startLocal({
    port: await freePort(),
    dataDir,
    adminApiKey: "e2e-key",
    lakeFlushSeconds: 3600,
    ttlSweepSeconds: 1,
    streamRetryBaseMs: 5,
  });
});

afterAll(async () => {
  await local?.stop();
});

describe("the lake, end to end on the local runtime", () => {
  let ada: string;
  let bob: string;

  it("lands publishes and likes in Parquet, and both named queries aggregate them", async () => {
    ada = await publish("Ada's article", "Ada");
    bob = await publish("Bob's article", "Bob");
    await like(ada, "DE", 3);
    await like(bob, "DE", 1);
    await like(bob, "FR", 2);
    await like(ada, null, 1);
    await settle();

    expect(await sql(named("likes_by_country"))).toEqual([
      { country: "DE", likes: 4 },
      { country: "FR", likes: 2 },
      { country: "unknown", likes: 1 },
    ]);
    expect(await sql(named("top_authors_by_country"), ["DE"])).toEqual([
      { author_name: "Ada", likes: 3 },
      { author_name: "Bob", likes: 1 },
    ]);
    expect(await sql(named("top_authors_by_country"), ["FR"])).toEqual([{ author_name: "Bob", likes: 2 }]);

    const files = readdirSync(join(local.lakeDir, "likes"));
    expect(files).toEqual([`dt=${new Date().toISOString().slice(0, 10)}`]);
    const [row] = await sql(`SELECT * FROM likes WHERE article_id = '${ada}' AND country IS NULL`);
    expect(row).toMatchObject({ device_type: "desktop", ip_prefix: "127.0.0.0/24", user_agent: "e2e" });
  });

  it("records edits and deletions, and every event id once", async () => {
    const headers = { "content-type": "application/json", "x-api-key": "e2e-key" };
    await fetch(`${local.url}/api/articles/${bob}`, { method: "PATCH", headers, body: JSON.stringify({ title: "Bob's edit" }) });
    await fetch(`${local.url}/api/articles/${bob}`, { method: "DELETE", headers });
    await settle();
    const events = await sql(`SELECT event_type, title FROM articles WHERE article_id = '${bob}' ORDER BY event_time`);
    expect(events).toEqual([
      { event_type: "published", title: "Bob's article" },
      { event_type: "updated", title: "Bob's edit" },
      { event_type: "deleted", title: "Bob's edit" },
    ]);
    const [counts] = await sql("SELECT COUNT(*) AS all_rows, COUNT(DISTINCT event_id) AS ids FROM likes");
    expect(counts).toEqual({ all_rows: 7, ids: 7 });
  });

  it("runs every file in queries/ on DuckDB", async () => {
    for (const q of namedQueries()) {
      const rows = await sql(q.sql, q.params.map(() => "DE"));
      expect(Array.isArray(rows)).toBe(true);
    }
  });

  it("isolates a record the stream reader cannot convert: bisected into the DLQ, the rest delivered", async () => {
    const client = localDynamoClient(local.dynamoDbEndpoint);
    const before = await publish("Before the poison", "Cy");
    // An article item without its fields: what a buggy writer or a manual edit could leave.
    await client.send(new PutItemCommand({ TableName: local.tableName, Item: { pk: { S: "ARTICLE#poison" }, sk: { S: "ARTICLE" } } }));
    client.destroy();
    const after = await publish("After the poison", "Cy");
    await settle();

    const dlq = readdirSync(local.dlqDir).map((file) => JSON.parse(readFileSync(join(local.dlqDir, file), "utf8")));
    expect(dlq).toHaveLength(1);
    expect(dlq[0].DDBStreamBatchInfo.batchSize).toBe(1);
    expect(dlq[0].records[0].dynamodb.Keys.pk.S).toBe("ARTICLE#poison");
    const delivered = await sql(`SELECT article_id FROM articles WHERE article_id IN ('${before}', '${after}')`);
    expect(delivered.map((r) => r.article_id).sort()).toEqual([before, after].sort());
    expect(local.poller.dlqBatches).toBe(1);
  });
});
