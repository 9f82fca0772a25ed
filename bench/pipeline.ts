import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { likeArticle } from "../functions/articles/likes";
import { createDocumentClient } from "../functions/articles/store";
import { freePort, localDynamoClient } from "../local/dynamodb-local";
import { openLake, query } from "../local/lake-sql";
import { localSettings, startLocal } from "../local/runtime";
import { percentile, round, Spread, spread } from "./stats";

export interface PipelineResult {
  backlogRecords: number;
  recordsPerSecond: number;
  flushSeconds: number;
  likeToQueryableMs: Spread & { p95: number };
}

async function likeRows(lakeDir: string): Promise<number> {
  const lake = await openLake(lakeDir);
  try {
    return Number((await query(lake.connection, "SELECT COUNT(*) AS n FROM likes"))[0].n);
  } finally {
    lake.close();
  }
}

/**
 * Throughput: a backlog of likes written while the stream is held, then timed from the moment
 * the poller starts until every row is queryable in Parquet. Delay: single likes over HTTP, each
 * timed until its row is queryable.
 */
export async function benchPipeline(backlog: number, samples: number): Promise<PipelineResult> {
  const flushSeconds = 1;
  const local = await startLocal({
    port: await freePort(),
    dataDir: mkdtempSync(join(tmpdir(), "bench-pipeline-")),
    lakeFlushSeconds: flushSeconds,
    ttlSweepSeconds: 3600,
    streamPaused: true,
  });
  const client = localDynamoClient(local.dynamoDbEndpoint);
  try {
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const response = await fetch(`${local.url}/api/articles`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: `Pipeline ${i}`, body: "Body", authorName: "Pipe", authorEmail: "pipe@example.com" }),
      });
      ids.push(((await response.json()) as { article: { id: string } }).article.id);
    }
    const store = { client: createDocumentClient(client), tableName: localSettings().tableName, ttlSeconds: 86400, now: Date.now };
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < backlog) {
          const i = next++;
          await likeArticle(store, ids[i % ids.length], { country: "DE", deviceType: "desktop", ipPrefix: "192.0.2.0/24", userAgent: "bench" });
        }
      }),
    );
    const started = Date.now();
    await local.startStream();
    while ((await likeRows(local.lakeDir)) < backlog) await new Promise((resolve) => setTimeout(resolve, 100));
    const recordsPerSecond = round(backlog / ((Date.now() - started) / 1000), 0);

    const delays: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      const before = await likeRows(local.lakeDir);
      const sent = Date.now();
      await fetch(`${local.url}/api/articles/${ids[0]}/likes`, { method: "POST" });
      while ((await likeRows(local.lakeDir)) <= before) await new Promise((resolve) => setTimeout(resolve, 50));
      delays.push(Date.now() - sent);
    }
    return { backlogRecords: backlog, recordsPerSecond, flushSeconds, likeToQueryableMs: { ...spread(delays), p95: percentile(delays, 95) } };
  } finally {
    client.destroy();
    await local.stop();
  }
}
