import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../local/dynamodb-local";
import { openLake, query } from "../../local/lake-sql";
import { LocalRuntime, startLocal } from "../../local/runtime";
import { formatStatuses, runConcurrently } from "../support/load";

let local: LocalRuntime;
const ids: string[] = [];
const COUNTRIES = ["DE", "FR", "US", "BR", "JP", "IN", "NG", "AU"];

async function like(i: number, articles = ids): Promise<number> {
  const response = await fetch(`${local.url}/api/articles/${articles[i % articles.length]}/likes`, {
    method: "POST",
    headers: { "CloudFront-Viewer-Country": COUNTRIES[i % COUNTRIES.length], "CloudFront-Is-Mobile-Viewer": i % 2 ? "true" : "false" },
  });
  await response.arrayBuffer();
  return response.status;
}

async function publish(title: string): Promise<{ status: number; id?: string }> {
  const response = await fetch(`${local.url}/api/articles`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title, body: `Load test article ${title}`, authorName: "Load", authorEmail: "load@example.com" }),
  });
  const body = (await response.json()) as { article?: { id: string } };
  return { status: response.status, id: body.article?.id };
}

async function lakeLikes(): Promise<{ rows: number; distinct: number }> {
  const lake = await openLake(local.lakeDir);
  try {
    const [row] = await query(lake.connection, "SELECT COUNT(*) AS rows, COUNT(DISTINCT event_id) AS distinct FROM likes");
    return { rows: Number(row.rows), distinct: Number(row.distinct) };
  } finally {
    lake.close();
  }
}

async function waitForLake(expected: number, timeoutMs: number): Promise<{ rows: number; distinct: number; waitedMs: number }> {
  const started = Date.now();
  let counts = await lakeLikes();
  while (counts.distinct < expected && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    counts = await lakeLikes();
  }
  return { ...counts, waitedMs: Date.now() - started };
}

beforeAll(async () => {
  local = await startLocal({ port: await freePort(), dataDir: mkdtempSync(join(tmpdir(), "load-")), lakeFlushSeconds: 2, ttlSweepSeconds: 3600 });
  for (let i = 0; i < 20; i += 1) ids.push((await publish(`Load ${i}`)).id!);
});

afterAll(async () => {
  await local?.stop();
});

describe("load with nothing lost", () => {
  it("counts 2,000 likes over 20 articles from 50 connections exactly, with publishes and reads alongside, and lands each in the lake once", async () => {
    let likesDone = false;
    const started = Date.now();
    const [likes, publishes, reads] = await Promise.all([
      runConcurrently(2000, 50, (i) => like(i)).finally(() => (likesDone = true)),
      runConcurrently(40, 2, async (i) => (await publish(`Concurrent ${i}`)).status),
      (async () => {
        const statuses = new Map<number, number>();
        let i = 0;
        while (!likesDone) {
          const url = i % 2 ? `${local.url}/api/articles?limit=20` : `${local.url}/api/articles/${ids[i % ids.length]}`;
          const response = await fetch(url);
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          i += 1;
        }
        return statuses;
      })(),
    ]);
    const elapsed = Date.now() - started;
    const counts = await Promise.all(ids.map(async (id) => ((await (await fetch(`${local.url}/api/articles/${id}`)).json()) as { article: { likes: number } }).article.likes));
    const lake = await waitForLake(2000, 120000);
    const dlq = readdirSync(local.dlqDir).length;
    console.log(
      `load: likes ${formatStatuses(likes)}; publishes ${formatStatuses(publishes)}; reads ${formatStatuses(reads)}; ${elapsed} ms ` +
        `(${Math.round(2000 / (elapsed / 1000))} likes/s); counted likes ${counts.reduce((a, b) => a + b, 0)} (expected 2000); ` +
        `lake rows ${lake.rows}, distinct ${lake.distinct} (expected 2000) after ${lake.waitedMs} ms more; DLQ entries ${dlq}`,
    );
    expect(formatStatuses(likes)).toBe("200x2000");
    expect(formatStatuses(publishes)).toBe("201x40");
    expect([...reads.keys()]).toEqual([200]);
    expect(counts).toEqual(ids.map(() => 100));
    expect(lake.distinct).toBe(2000);
    expect(dlq).toBe(0);
  }, 300000);
});

describe("injected fault: Firehose refuses everything for 30 s, then fails part of each batch", () => {
  it("delivers every like once Firehose recovers, and nothing reaches the DLQ", async () => {
    const before = (await lakeLikes()).distinct;
    local.firehose.faults.refuseUntil = Date.now() + 30000;
    const refusedAt = Date.now();
    const likes = await runConcurrently(500, 50, (i) => like(i));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 30000 - (Date.now() - refusedAt))));
    local.firehose.faults.partialFailures = 200;
    const lake = await waitForLake(before + 500, 150000);
    const dlq = readdirSync(local.dlqDir).length;
    console.log(
      `firehose outage: likes ${formatStatuses(likes)}; refused for 30 s, then ${200 - (local.firehose.faults.partialFailures ?? 0)} records failed inside batches; ` +
        `lake distinct likes ${lake.distinct} (expected ${before + 500}), rows ${lake.rows}; delivered ${lake.waitedMs} ms after recovery began; DLQ entries ${dlq}`,
    );
    expect(formatStatuses(likes)).toBe("200x500");
    expect(lake.distinct).toBe(before + 500);
    expect(dlq).toBe(0);
  }, 300000);
});
