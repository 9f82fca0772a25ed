import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  Shard,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { TABLE } from "../functions/table";
import { errorFields, log } from "../functions/log";
import { TtlJournal } from "./ttl-sweeper";

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface StreamPollerOptions {
  dynamo: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  tableName: string;
  region: string;
  handler: StreamHandler;
  batchSize: number;
  maximumRetryAttempts: number;
  bisectBatchOnFunctionError: boolean;
  checkpointFile: string;
  dlqDir: string;
  ttlJournal: TtlJournal;
  pollIntervalMs: number;
  /** Wait before retry n (1-based). */
  retryDelayMs?: (attempt: number) => number;
}

interface Checkpoint {
  streamArn: string;
  /** Last sequence number fully handled (delivered or sent to the DLQ), per shard. */
  shards: Record<string, string>;
  closed: string[];
}

const TTL_IDENTITY = { type: "Service", principalId: "dynamodb.amazonaws.com" };

/**
 * Invokes the stream reader on DynamoDB Local's stream as Lambda's event source mapping does:
 * batches of batchSize in shard order, partial batch responses (resume at the first failed
 * record), bisection on error, bounded retries, then the DLQ (a folder). The checkpoint is saved
 * after each batch, so a restart resumes where the last one stopped.
 */
export class StreamPoller {
  private stopped = false;
  private loop?: Promise<void>;
  private checkpoint!: Checkpoint;
  private readonly iterators = new Map<string, string>();
  invocations = 0;
  dlqBatches = 0;
  lastError?: unknown;

  constructor(private readonly options: StreamPollerOptions) {
    mkdirSync(options.dlqDir, { recursive: true });
    mkdirSync(dirname(options.checkpointFile), { recursive: true });
  }

  async start(): Promise<void> {
    const { Table } = await this.options.dynamo.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`Table ${this.options.tableName} has no stream`);
    const saved = existsSync(this.options.checkpointFile)
      ? (JSON.parse(readFileSync(this.options.checkpointFile, "utf8")) as Checkpoint)
      : undefined;
    this.checkpoint = saved?.streamArn === streamArn ? saved : { streamArn, shards: {}, closed: [] };
    this.loop = this.run();
  }

  /** Finishes the batch in hand, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  /** Resolves once every record written so far has been handled. */
  async drain(timeoutMs = 60000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await this.pollOnce()) === 0 && (await this.pollOnce()) === 0) return;
    }
    throw new Error("stream not drained in time");
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let handled = 0;
      try {
        handled = await this.pollOnce();
      } catch (error) {
        this.lastError = error;
        log("ERROR", "stream poll failed", { error: errorFields(error) });
      }
      if (handled === 0 && !this.stopped) await new Promise((resolve) => setTimeout(resolve, this.options.pollIntervalMs));
    }
  }

  private polling: Promise<number> = Promise.resolve(0);

  /** One pass over the open shards; returns how many records were handled. Never runs twice at once. */
  pollOnce(): Promise<number> {
    this.polling = this.polling.then(
      () => this.pass(),
      () => this.pass(),
    );
    return this.polling;
  }

  private shards: Shard[] = [];
  private shardsListedAt = 0;

  /** The stream's shards, listed again only when one closes or every 10 s (new shards appear rarely). */
  private async listShards(): Promise<Shard[]> {
    if (this.shards.length > 0 && Date.now() - this.shardsListedAt < 10000) return this.shards;
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.options.streams.send(
        new DescribeStreamCommand({ StreamArn: this.checkpoint.streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    this.shards = shards;
    this.shardsListedAt = Date.now();
    return shards;
  }

  private async pass(): Promise<number> {
    const { streams } = this.options;
    const shards = await this.listShards();

    let handled = 0;
    for (const shard of shards) {
      const id = shard.ShardId!;
      if (this.checkpoint.closed.includes(id)) continue;
      // Children wait until their parent shard is finished, as Lambda keeps per-key order.
      if (shard.ParentShardId && shards.some((s) => s.ShardId === shard.ParentShardId) && !this.checkpoint.closed.includes(shard.ParentShardId)) {
        continue;
      }
      let iterator = this.iterators.get(id);
      if (!iterator) {
        const after = this.checkpoint.shards[id];
        const result = await streams.send(
          new GetShardIteratorCommand({
            StreamArn: this.checkpoint.streamArn,
            ShardId: id,
            ShardIteratorType: after ? "AFTER_SEQUENCE_NUMBER" : "TRIM_HORIZON",
            SequenceNumber: after,
          }),
        );
        iterator = result.ShardIterator!;
      }
      let page;
      try {
        page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: this.options.batchSize }));
      } catch (error) {
        if ((error as Error).name === "ExpiredIteratorException") {
          this.iterators.delete(id);
          continue;
        }
        throw error;
      }
      const records = (page.Records ?? []).map((record) => this.toLambdaRecord(record));
      if (records.length > 0) {
        await this.handleBatch(id, records, 0);
        this.checkpoint.shards[id] = records[records.length - 1].dynamodb!.SequenceNumber!;
        this.save();
        handled += records.length;
      }
      if (page.NextShardIterator) this.iterators.set(id, page.NextShardIterator);
      else {
        this.iterators.delete(id);
        this.checkpoint.closed.push(id);
        this.save();
        this.shardsListedAt = 0;
      }
    }
    return handled;
  }

  private save(): void {
    const temporary = `${this.options.checkpointFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.checkpoint));
    renameSync(temporary, this.options.checkpointFile);
  }

  /** The record as Lambda delivers it; a local TTL deletion gets AWS's TTL identity. */
  private toLambdaRecord(record: _Record): DynamoDBRecord {
    const data = record.dynamodb!;
    const keys = data.Keys as Record<string, { S?: string }>;
    const byTtl =
      record.eventName !== "INSERT" &&
      record.eventName !== "MODIFY" &&
      (record.eventName !== "REMOVE" || this.options.ttlJournal.has(TtlJournal.keyOf(keys[TABLE.partitionKey]?.S ?? "", keys[TABLE.sortKey]?.S ?? "")));
    const created = data.ApproximateCreationDateTime;
    return {
      eventID: record.eventID,
      // DynamoDB Local 3.x names its own TTL deletions with an event name the SDK does not know.
      eventName: byTtl ? "REMOVE" : (record.eventName as DynamoDBRecord["eventName"]),
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      awsRegion: this.options.region,
      eventSourceARN: this.checkpoint.streamArn,
      dynamodb: {
        ApproximateCreationDateTime: created instanceof Date ? Math.floor(created.getTime() / 1000) : (created as number | undefined),
        Keys: data.Keys as never,
        NewImage: data.NewImage as never,
        OldImage: data.OldImage as never,
        SequenceNumber: data.SequenceNumber,
        SizeBytes: data.SizeBytes,
        StreamViewType: data.StreamViewType,
      },
      ...(byTtl ? { userIdentity: TTL_IDENTITY } : {}),
    };
  }

  /** Index of the first record to retry from, or -1 when the whole batch succeeded. */
  private async invoke(records: DynamoDBRecord[]): Promise<{ from: number; reason: string }> {
    this.invocations += 1;
    try {
      const response = await this.options.handler({ Records: records });
      const failures = response?.batchItemFailures ?? [];
      if (failures.length === 0) return { from: -1, reason: "" };
      const indexes = failures.map((failure) => records.findIndex((r) => r.dynamodb?.SequenceNumber === failure.itemIdentifier));
      // An identifier that names no record of the batch fails the whole batch, as in Lambda.
      return { from: indexes.some((i) => i < 0) ? 0 : Math.min(...indexes), reason: "partial batch failure" };
    } catch (error) {
      return { from: 0, reason: `function error: ${String(error)}` };
    }
  }

  private async handleBatch(shardId: string, records: DynamoDBRecord[], attempt: number): Promise<void> {
    const { from, reason } = await this.invoke(records);
    if (from < 0) return;
    const rest = records.slice(from);
    if (this.options.bisectBatchOnFunctionError && rest.length > 1) {
      const half = Math.ceil(rest.length / 2);
      await this.handleBatch(shardId, rest.slice(0, half), attempt);
      await this.handleBatch(shardId, rest.slice(half), attempt);
      return;
    }
    if (attempt < this.options.maximumRetryAttempts) {
      const delay = this.options.retryDelayMs?.(attempt + 1) ?? 0;
      await new Promise((resolve) => setTimeout(resolve, delay));
      await this.handleBatch(shardId, rest, attempt + 1);
      return;
    }
    this.sendToDlq(shardId, rest, reason);
  }

  /** Like Lambda's on-failure destination: the batch's coordinates, plus (locally) the records. */
  private sendToDlq(shardId: string, records: DynamoDBRecord[], reason: string): void {
    const first = records[0].dynamodb!.SequenceNumber!;
    const last = records[records.length - 1].dynamodb!.SequenceNumber!;
    const message = {
      requestContext: { condition: "RetryAttemptsExhausted", reason, approximateInvokeCount: this.options.maximumRetryAttempts + 1 },
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId,
        startSequenceNumber: first,
        endSequenceNumber: last,
        batchSize: records.length,
        streamArn: this.checkpoint.streamArn,
      },
      records,
    };
    writeFileSync(join(this.options.dlqDir, `${Date.now()}-${shardId}-${first}-${last}.json`), JSON.stringify(message, null, 2));
    this.dlqBatches += 1;
    log("ERROR", "batch sent to the local DLQ", { shardId, first, last, reason });
  }
}
