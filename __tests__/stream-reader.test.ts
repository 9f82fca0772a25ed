import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lakeStreamVariable } from "../functions/lake/environment";
import { newArticleItem } from "../functions/articles/records";
import { LAKE_TABLES } from "../functions/lake/tables";
import { keys } from "../functions/table";
import { LocalFirehose } from "../local/firehose";
import { openLake, query } from "../local/lake-sql";
import { streamRecord } from "./support/stream-events";

type Handler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

const dataDir = mkdtempSync(join(tmpdir(), "stream-reader-"));
const streams = Object.fromEntries(LAKE_TABLES.map((table) => [`test-lake-${table.name}`, table]));
const firehose = new LocalFirehose({
  lakeDir: join(dataDir, "lake"),
  errorDir: join(dataDir, "errors"),
  spoolDir: join(dataDir, "spool"),
  streams,
  flushSeconds: 3600,
});
let handler: Handler;

const published = 1767225600000;
const article = { ...newArticleItem({ title: "Streams", body: "Lake ✓", authorName: "Ada", authorEmail: "ada@example.com" }, "AAAAAAAAAAAAAAAAAAAAAA", published, 86400) };
const edited = { ...article, title: "Streams, edited", updatedAt: published + 60000 };
const counter = (likes: number, lastLike?: Record<string, unknown>) => ({ ...keys.likes(article.id), articleId: article.id, likes, expiresAt: article.expiresAt, lastLike });
const viewer = { country: "DE", deviceType: "mobile", ipPrefix: "198.51.100.0/24", userAgent: "Mozilla/5.0", likedAt: published + 5000 };

beforeAll(async () => {
  const endpoint = await firehose.start();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_FIREHOSE: endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    ...Object.fromEntries(LAKE_TABLES.map((table) => [lakeStreamVariable(table), `test-lake-${table.name}`])),
  });
  handler = (require("../functions/handlers/stream-reader") as { handler: Handler }).handler;
});

afterAll(async () => {
  await firehose.stop();
});

async function lakeRows(table: string, where = "true") {
  await firehose.flush();
  const lake = await openLake(join(dataDir, "lake"));
  try {
    return await query(lake.connection, `SELECT * EXCLUDE (dt) FROM ${table} WHERE ${where} ORDER BY event_time, event_id`);
  } finally {
    lake.close();
  }
}

describe("stream reader, on DynamoDB stream records as Lambda delivers them", () => {
  it("turns publish, edit, user delete and TTL expiry into article rows, and a like into a like row", async () => {
    const records = [
      streamRecord({ eventName: "INSERT", keys: keys.article(article.id), newImage: article }),
      streamRecord({ eventName: "INSERT", keys: keys.likes(article.id), newImage: counter(0) }),
      streamRecord({ eventName: "INSERT", keys: keys.content(article.contentHash), newImage: { ...keys.content(article.contentHash) } }),
      streamRecord({ eventName: "MODIFY", keys: keys.likes(article.id), oldImage: counter(0), newImage: counter(1, viewer) }),
      streamRecord({ eventName: "MODIFY", keys: keys.article(article.id), oldImage: article, newImage: edited }),
      streamRecord({ eventName: "REMOVE", keys: keys.article(article.id), oldImage: edited, createdSeconds: 1767229200 }),
      streamRecord({ eventName: "REMOVE", keys: keys.article(article.id), oldImage: edited, ttl: true, createdSeconds: 1767232800 }),
      streamRecord({ eventName: "REMOVE", keys: keys.likes(article.id), oldImage: counter(1, viewer), ttl: true }),
    ];
    const result = await handler({ Records: records });
    expect(result).toEqual({ batchItemFailures: [] });

    const rows = await lakeRows("articles", `article_id = '${article.id}'`);
    expect(rows.map((row) => [row.event_type, row.title, row.event_id])).toEqual([
      ["published", "Streams", records[0].eventID],
      ["updated", "Streams, edited", records[4].eventID],
      ["deleted", "Streams, edited", records[5].eventID],
      ["expired", "Streams, edited", records[6].eventID],
    ]);
    expect(rows[0]).toMatchObject({ author_name: "Ada", body_length: 6, published_at: "2026-01-01T00:00:00.000Z", event_time: "2026-01-01T00:00:00.000Z" });
    expect(rows[2].event_time).toBe("2026-01-01T01:00:00.000Z");
    expect(JSON.stringify(rows)).not.toContain("ada@example.com");

    const likes = await lakeRows("likes", `article_id = '${article.id}'`);
    expect(likes).toEqual([
      {
        event_id: records[3].eventID,
        event_time: "2026-01-01T00:00:05.000Z",
        article_id: article.id,
        country: "DE",
        device_type: "mobile",
        ip_prefix: "198.51.100.0/24",
        user_agent: "Mozilla/5.0",
      },
    ]);
  });

  it("reports the first record it cannot convert, delivers those before it, and leaves the rest to the retry", async () => {
    const broken = { ...article, id: "BBBBBBBBBBBBBBBBBBBBBB", ...keys.article("BBBBBBBBBBBBBBBBBBBBBB"), title: undefined };
    const good = { ...article, id: "CCCCCCCCCCCCCCCCCCCCCC", ...keys.article("CCCCCCCCCCCCCCCCCCCCCC") };
    const later = { ...article, id: "EEEEEEEEEEEEEEEEEEEEEE", ...keys.article("EEEEEEEEEEEEEEEEEEEEEE") };
    const records = [
      streamRecord({ eventName: "INSERT", keys: keys.article(good.id), newImage: good }),
      streamRecord({ eventName: "INSERT", keys: keys.article(broken.id), newImage: broken }),
      streamRecord({ eventName: "INSERT", keys: keys.article(later.id), newImage: later }),
    ];
    const result = await handler({ Records: records });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: records[1].dynamodb!.SequenceNumber }]);
    expect(await lakeRows("articles", `article_id = '${good.id}'`)).toHaveLength(1);
    expect(await lakeRows("articles", `article_id = '${later.id}'`)).toHaveLength(0);

    const unknown = streamRecord({ eventName: "INSERT", keys: { pk: "SOMETHING#1", sk: "UNKNOWN" }, newImage: { pk: "SOMETHING#1", sk: "UNKNOWN" } });
    expect((await handler({ Records: [unknown] })).batchItemFailures).toEqual([{ itemIdentifier: unknown.dynamodb!.SequenceNumber }]);
  });

  it("re-sends what Firehose refuses record by record (FailedPutCount) until all of it is delivered", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `P${String(i).padStart(21, "0")}`);
    const records = ids.map((id) =>
      streamRecord({ eventName: "INSERT", keys: keys.article(id), newImage: { ...article, id, ...keys.article(id) } }),
    );
    firehose.faults.partialFailures = 30;
    expect(await handler({ Records: records })).toEqual({ batchItemFailures: [] });
    expect(firehose.faults.partialFailures).toBe(0);
    const rows = await lakeRows("articles", "article_id LIKE 'P%'");
    expect(rows.map((row) => row.article_id).sort()).toEqual(ids);
  });

  it("reports every record whose rows Firehose keeps refusing, so Lambda retries them", async () => {
    const id = "DDDDDDDDDDDDDDDDDDDDDD";
    const records = [
      streamRecord({ eventName: "INSERT", keys: keys.content("x"), newImage: { ...keys.content("x") } }),
      streamRecord({ eventName: "INSERT", keys: keys.article(id), newImage: { ...article, id, ...keys.article(id) } }),
    ];
    firehose.faults.refuseUntil = Date.now() + 60000;
    try {
      const result = await handler({ Records: records });
      expect(result.batchItemFailures).toEqual([{ itemIdentifier: records[1].dynamodb!.SequenceNumber }]);
    } finally {
      firehose.faults.refuseUntil = 0;
    }
    expect(await lakeRows("articles", `article_id = '${id}'`)).toEqual([]);
  });
});
