import { FirehoseClient, PutRecordBatchCommand } from "@aws-sdk/client-firehose";

/** One lake row on its way to Firehose, remembering which stream record it came from. */
export interface OutgoingRecord {
  deliveryStream: string;
  /** One JSON object and a newline: Firehose's record conversion reads concatenated JSON. */
  data: string;
  /** The stream record (sequence number) that produced it. */
  source: string;
}

export interface DeliveryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { attempt: number; failed: number; reason: string }) => void;
}

/** About 10 s of retrying on average: a short Firehose hiccup is absorbed inside one invocation. */
export const DEFAULT_DELIVERY: DeliveryOptions = { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 4000 };

/** PutRecordBatch limits: 500 records and 4 MiB per call. */
export const MAX_BATCH_RECORDS = 500;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export function chunk(records: OutgoingRecord[]): OutgoingRecord[][] {
  const chunks: OutgoingRecord[][] = [];
  let current: OutgoingRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = Buffer.byteLength(record.data);
    if (current.length > 0 && (current.length === MAX_BATCH_RECORDS || bytes + size > MAX_BATCH_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends every record with PutRecordBatch, one delivery stream at a time, and re-sends what
 * Firehose refuses (FailedPutCount, or a failed call) with exponential backoff and full jitter.
 * Returns the sources of the records still undelivered after the last attempt.
 */
export async function deliver(
  client: FirehoseClient,
  records: OutgoingRecord[],
  options: DeliveryOptions = DEFAULT_DELIVERY,
): Promise<Set<string>> {
  const sleep = options.sleep ?? defaultSleep;
  let pending = records;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const failed: OutgoingRecord[] = [];
    let reason = "";
    const byStream = new Map<string, OutgoingRecord[]>();
    for (const record of pending) {
      const group = byStream.get(record.deliveryStream);
      if (group) group.push(record);
      else byStream.set(record.deliveryStream, [record]);
    }
    for (const [stream, streamRecords] of byStream) {
      for (const batch of chunk(streamRecords)) {
        try {
          const result = await client.send(
            new PutRecordBatchCommand({
              DeliveryStreamName: stream,
              Records: batch.map((record) => ({ Data: Buffer.from(record.data) })),
            }),
          );
          if ((result.FailedPutCount ?? 0) > 0) {
            result.RequestResponses?.forEach((response, i) => {
              if (response.ErrorCode) {
                failed.push(batch[i]);
                reason = `${response.ErrorCode}: ${response.ErrorMessage ?? ""}`;
              }
            });
          }
        } catch (error) {
          failed.push(...batch);
          reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        }
      }
    }
    pending = failed;
    if (pending.length === 0) break;
    if (attempt >= options.maxAttempts) return new Set(pending.map((record) => record.source));
    options.onRetry?.({ attempt, failed: pending.length, reason });
    const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
    await sleep(Math.random() * ceiling);
  }
  return new Set();
}
