import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STREAM_CONSUMER } from "../../functions/lake/stream-consumer";
import { freePort } from "../../local/dynamodb-local";
import { openLake, query } from "../../local/lake-sql";
import { formatStatuses } from "../support/load";
import { dynamoDbLocalProcesses, LocalProcess, startLocalProcess } from "../support/local-process";

const dataDir = mkdtempSync(join(tmpdir(), "crash-"));
const env = { LOCAL_DATA_DIR: dataDir, LAKE_FLUSH_SECONDS: "1" };

async function lake(sql: string) {
  const handle = await openLake(join(dataDir, "lake"));
  try {
    return (await query(handle.connection, sql))[0];
  } finally {
    handle.close();
  }
}

describe("injected fault: npm start killed with SIGKILL during load", () => {
  it("loses no acknowledged write, and the stream resumes from its checkpoint after a restart", async () => {
    let local: LocalProcess = await startLocalProcess({ ...env, PORT: String(await freePort()) });
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const response = await fetch(`${local.url}/api/articles`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: `Crash ${i}`, body: "Still here?", authorName: "Kim", authorEmail: "kim@example.com" }),
      });
      ids.push(((await response.json()) as { article: { id: string } }).article.id);
    }

    const acknowledged = new Map(ids.map((id) => [id, 0]));
    const sent = new Map(ids.map((id) => [id, 0]));
    const statuses = new Map<number, number>();
    let stop = false;
    const base = local.url;
    const load = Promise.all(
      Array.from({ length: 20 }, async (_, worker) => {
        for (let i = worker; !stop; i += 20) {
          const id = ids[i % ids.length];
          sent.set(id, sent.get(id)! + 1);
          let status = 0;
          try {
            const response = await fetch(`${base}/api/articles/${id}/likes`, { method: "POST", headers: { "CloudFront-Viewer-Country": "SE" } });
            await response.arrayBuffer();
            status = response.status;
          } catch {
            status = 0;
          }
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === 200) acknowledged.set(id, acknowledged.get(id)! + 1);
          if (status === 0) return;
        }
      }),
    );
    // Killed once enough writes were acknowledged, not after a fixed time: a busy machine is slower, not wrong.
    const acknowledgedSoFar = () => [...acknowledged.values()].reduce((a, b) => a + b, 0);
    while (acknowledgedSoFar() <= 100) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await local.stop("SIGKILL")).toBeNull();
    stop = true;
    await load;

    local = await startLocalProcess({ ...env, PORT: String(await freePort()) });
    try {
      expect(dynamoDbLocalProcesses(dataDir)).toHaveLength(1);
      const stored = new Map<string, number>();
      for (const id of ids) {
        const response = await fetch(`${local.url}/api/articles/${id}`);
        stored.set(id, ((await response.json()) as { article: { likes: number } }).article.likes);
      }
      const total = [...stored.values()].reduce((a, b) => a + b, 0);
      const acked = acknowledgedSoFar();

      const deadline = Date.now() + 90000;
      let counts = await lake("SELECT COUNT(*) AS rows, COUNT(DISTINCT event_id) AS distinct FROM likes");
      while (Number(counts.distinct) < total && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        counts = await lake("SELECT COUNT(*) AS rows, COUNT(DISTINCT event_id) AS distinct FROM likes");
      }
      const articles = await lake("SELECT COUNT(DISTINCT article_id) AS n FROM articles WHERE event_type = 'published'");
      const dlq = readdirSync(join(dataDir, "dlq")).length;
      console.log(
        `crash: likes ${formatStatuses(statuses)} before SIGKILL; acknowledged ${acked}, stored after restart ${total}; ` +
          `lake rows ${counts.rows}, distinct ${counts.distinct} (expected ${total}); published articles in lake ${articles.n}/10; DLQ entries ${dlq}`,
      );
      for (const id of ids) {
        expect(stored.get(id)).toBeGreaterThanOrEqual(acknowledged.get(id)!);
        expect(stored.get(id)).toBeLessThanOrEqual(sent.get(id)!);
      }
      expect(acked).toBeGreaterThan(100);
      expect(Number(counts.distinct)).toBe(total);
      // Resumed from the checkpoint: at most the batches in flight at the kill come twice.
      expect(Number(counts.rows) - Number(counts.distinct)).toBeLessThanOrEqual(2 * STREAM_CONSUMER.batchSize);
      expect(Number(articles.n)).toBe(10);
      expect(dlq).toBe(0);
    } finally {
      await local.stop("SIGTERM");
    }
    expect(dynamoDbLocalProcesses(dataDir)).toEqual([]);
  }, 240000);
});
