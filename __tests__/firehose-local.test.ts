import { FirehoseClient, PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chunk, MAX_BATCH_BYTES, MAX_BATCH_RECORDS, OutgoingRecord } from "../functions/lake/delivery";
import { LIKES_TABLE } from "../functions/lake/tables";
import { LocalFirehose } from "../local/firehose";
import { openLake, query } from "../local/lake-sql";

const record = (data: string, i: number): OutgoingRecord => ({ deliveryStream: "s", data, source: String(i) });

describe("PutRecordBatch chunking", () => {
  it("never puts more than 500 records or 4 MiB in one call, and keeps every record once, in order", () => {
    const many = Array.from({ length: 1234 }, (_, i) => record(`{"i":${i}}\n`, i));
    const byCount = chunk(many);
    expect(byCount.map((c) => c.length)).toEqual([500, 500, 234]);
    const big = Array.from({ length: 30 }, (_, i) => record("x".repeat(300 * 1024), i));
    const bySize = chunk(big);
    for (const c of bySize) expect(c.reduce((n, r) => n + Buffer.byteLength(r.data), 0)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    expect(bySize.flat().map((r) => r.source)).toEqual(big.map((r) => r.source));
    expect(Math.max(...byCount.map((c) => c.length))).toBe(MAX_BATCH_RECORDS);
  });
});

describe("the local Firehose", () => {
  it("writes records that do not fit the schema to the error folder, as Firehose does, and flushes on shutdown", async () => {
    const dir = mkdtempSync(join(tmpdir(), "firehose-"));
    const firehose = new LocalFirehose({
      lakeDir: join(dir, "lake"),
      errorDir: join(dir, "errors"),
      spoolDir: join(dir, "spool"),
      streams: { "test-likes": LIKES_TABLE },
      flushSeconds: 3600,
    });
    const endpoint = await firehose.start();
    const client = new FirehoseClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    const good = { event_id: "e1", event_time: "2026-01-01 10:00:00.000", article_id: "a", country: "DE", device_type: "mobile", ip_prefix: null, user_agent: null };
    const result = await client.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: "test-likes",
        Records: [
          { Data: Buffer.from(`${JSON.stringify(good)}\n`) },
          { Data: Buffer.from(`${JSON.stringify({ ...good, event_id: "e2", event_time: "yesterday" })}\n`) },
          { Data: Buffer.from("{not json\n") },
        ],
      }),
    );
    expect(result.FailedPutCount).toBe(0);
    client.destroy();
    expect(readdirSync(join(dir, "spool"))).toEqual(["test-likes.ndjson"]);

    await firehose.stop();
    const lake = await openLake(join(dir, "lake"));
    expect(await query(lake.connection, "SELECT event_id FROM likes")).toEqual([{ event_id: "e1" }]);
    lake.close();
    const [day] = readdirSync(join(dir, "errors", "likes", "format-conversion-failed"));
    const [file] = readdirSync(join(dir, "errors", "likes", "format-conversion-failed", day));
    const failures = readFileSync(join(dir, "errors", "likes", "format-conversion-failed", day, file), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(failures.map((f) => f.errorMessage)).toEqual(["event_time: expected a timestamp yyyy-MM-dd HH:mm:ss[.SSS]", "malformed JSON"]);
    expect(Buffer.from(failures[1].rawData, "base64").toString()).toBe("{not json");
    expect(readdirSync(join(dir, "spool"))).toEqual([]);
  });

  it("refuses unknown streams and oversized batches like the Firehose API", async () => {
    const dir = mkdtempSync(join(tmpdir(), "firehose-"));
    const firehose = new LocalFirehose({ lakeDir: join(dir, "lake"), errorDir: join(dir, "e"), spoolDir: join(dir, "s"), streams: { known: LIKES_TABLE }, flushSeconds: 3600 });
    const endpoint = await firehose.start();
    const client = new FirehoseClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" }, maxAttempts: 1 });
    await expect(client.send(new PutRecordBatchCommand({ DeliveryStreamName: "unknown", Records: [{ Data: Buffer.from("{}") }] }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(
      client.send(new PutRecordBatchCommand({ DeliveryStreamName: "known", Records: Array.from({ length: 501 }, () => ({ Data: Buffer.from("{}") })) })),
    ).rejects.toMatchObject({ name: "InvalidArgumentException" });
    client.destroy();
    await firehose.stop();
  });
});
