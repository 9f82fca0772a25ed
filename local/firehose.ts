import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { LakeTable } from "../functions/lake/tables";
import { errorFields, log } from "../functions/log";
import { convertRecord, duckdbColumns } from "./lake-schema";

export interface LocalFirehoseOptions {
  /** Parquet goes to <lakeDir>/<table>/dt=yyyy-MM-dd/. */
  lakeDir: string;
  /** Records that do not fit the schema go to <errorDir>/<table>/format-conversion-failed/dt=.../. */
  errorDir: string;
  /** Accepted records are appended here before they are acknowledged, so a crash loses none. */
  spoolDir: string;
  /** Delivery stream name -> lake table. */
  streams: Record<string, LakeTable>;
  flushSeconds: number;
}

/** Faults a test can switch on, to see what the pipeline does when Firehose misbehaves. */
export interface FirehoseFaults {
  /** Refuse whole requests (HTTP 503, ServiceUnavailableException) until this epoch ms. */
  refuseUntil?: number;
  /**
   * Inside successful PutRecordBatch calls, fail every other record (FailedPutCount > 0) until
   * this many records have been failed.
   */
  partialFailures?: number;
}

interface SpooledRecord {
  arrival: number;
  data: string;
}

const MAX_RECORD_BYTES = 1000 * 1024;

function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

function append(groups: Map<string, string[]>, key: string, line: string): void {
  const group = groups.get(key);
  if (group) group.push(line);
  else groups.set(key, [line]);
}

function fileStamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:T]/g, "-").slice(0, 19);
}

/**
 * A local stand-in for Kinesis Data Firehose with record format conversion: speaks the Firehose
 * JSON API (PutRecordBatch, PutRecord), buffers, and writes Snappy Parquet with the lake schema.
 */
export class LocalFirehose {
  readonly faults: FirehoseFaults = {};
  private server?: Server;
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private readonly database = DuckDBInstance.create(":memory:");
  delivered = 0;

  constructor(private readonly options: LocalFirehoseOptions) {
    mkdirSync(options.spoolDir, { recursive: true });
  }

  async start(): Promise<string> {
    // Records acknowledged before a crash are still in the spool: deliver them first.
    await this.flush();
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.reply(response, 500, { __type: "ServiceUnavailableException", message: String(error) });
      });
    });
    const port = await new Promise<number>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(0, "127.0.0.1", () => resolve((this.server!.address() as AddressInfo).port));
    });
    this.timer = setInterval(() => void this.flush().catch((error) => log("ERROR", "lake flush failed", { error: errorFields(error) })), this.options.flushSeconds * 1000);
    return `http://127.0.0.1:${port}`;
  }

  /** Stops accepting records, then writes everything buffered. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
    await this.flush();
    (await this.database).closeSync();
  }

  private spoolFile(stream: string): string {
    return join(this.options.spoolDir, `${stream}.ndjson`);
  }

  private reply(response: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    response.writeHead(status, { "Content-Type": "application/x-amz-json-1.1", "Content-Length": Buffer.byteLength(text) });
    response.end(text);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers["x-amz-target"] ?? "");
    if (this.faults.refuseUntil && Date.now() < this.faults.refuseUntil) {
      return this.reply(response, 503, { __type: "ServiceUnavailableException", message: "Slow down (injected fault)" });
    }
    let body: { DeliveryStreamName?: string; Records?: { Data?: string }[]; Record?: { Data?: string } };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return this.reply(response, 400, { __type: "SerializationException", message: "body is not JSON" });
    }
    const stream = body.DeliveryStreamName ?? "";
    if (!this.options.streams[stream]) {
      return this.reply(response, 400, { __type: "ResourceNotFoundException", message: `Delivery stream ${stream} not found` });
    }
    if (target.endsWith(".PutRecord") && body.Record) {
      const [result] = this.accept(stream, [body.Record]);
      return result.ErrorCode
        ? this.reply(response, 500, { __type: "ServiceUnavailableException", message: result.ErrorMessage })
        : this.reply(response, 200, { RecordId: result.RecordId, Encrypted: false });
    }
    if (!target.endsWith(".PutRecordBatch") || !Array.isArray(body.Records)) {
      return this.reply(response, 400, { __type: "InvalidArgumentException", message: `Unsupported operation ${target}` });
    }
    if (body.Records.length === 0 || body.Records.length > 500) {
      return this.reply(response, 400, { __type: "InvalidArgumentException", message: "Records must hold 1 to 500 records" });
    }
    const results = this.accept(stream, body.Records);
    this.reply(response, 200, {
      FailedPutCount: results.filter((result) => result.ErrorCode).length,
      Encrypted: false,
      RequestResponses: results,
    });
  }

  private accept(stream: string, records: { Data?: string }[]) {
    const arrival = Date.now();
    const results: { RecordId?: string; ErrorCode?: string; ErrorMessage?: string }[] = [];
    const lines: string[] = [];
    for (const record of records) {
      const data = Buffer.from(record.Data ?? "", "base64");
      if (data.length === 0 || data.length > MAX_RECORD_BYTES) {
        results.push({ ErrorCode: "InvalidArgumentException", ErrorMessage: "Record size must be 1 byte to 1000 KiB" });
      } else if ((this.faults.partialFailures ?? 0) > 0 && results.length % 2 === 1) {
        this.faults.partialFailures! -= 1;
        results.push({ ErrorCode: "ServiceUnavailableException", ErrorMessage: "Slow down (injected fault)" });
      } else {
        lines.push(JSON.stringify({ arrival, data: data.toString("base64") } satisfies SpooledRecord));
        results.push({ RecordId: randomUUID() });
      }
    }
    if (lines.length > 0) appendFileSync(this.spoolFile(stream), `${lines.join("\n")}\n`);
    return results;
  }

  /** Converts everything spooled so far into Parquet (and error files). Serialized: one flush at a time. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushAll());
    return this.flushing;
  }

  private async flushAll(): Promise<void> {
    for (const [stream, table] of Object.entries(this.options.streams)) {
      const spool = this.spoolFile(stream);
      const claimed = `${spool}.flushing`;
      // A claimed file left by a crash mid-flush is delivered before new records.
      if (!existsSync(claimed)) {
        if (!existsSync(spool)) continue;
        renameSync(spool, claimed);
      }
      await this.writeTable(stream, table, readFileSync(claimed, "utf8"));
      rmSync(claimed);
    }
  }

  private async writeTable(stream: string, table: LakeTable, spooled: string): Promise<void> {
    const rowsByDay = new Map<string, string[]>();
    const errorsByDay = new Map<string, string[]>();
    for (const line of spooled.split("\n")) {
      if (!line.trim()) continue;
      const { arrival, data } = JSON.parse(line) as SpooledRecord;
      const day = utcDay(arrival);
      const text = Buffer.from(data, "base64").toString("utf8");
      // Firehose's input is concatenated JSON objects; the stream reader ends each with a newline.
      for (const part of text.split("\n").filter((piece) => piece.trim() !== "")) {
        const converted = convertRecord(table, part);
        if ("row" in converted) {
          append(rowsByDay, day, JSON.stringify(converted.row));
        } else {
          const failure = {
            attemptsMade: 1,
            arrivalTimestamp: arrival,
            errorCode: "DataFormatConversion.MalformedData",
            errorMessage: converted.error,
            rawData: Buffer.from(part).toString("base64"),
          };
          append(errorsByDay, day, JSON.stringify(failure));
        }
      }
    }
    const now = Date.now();
    for (const [day, lines] of errorsByDay) {
      const dir = join(this.options.errorDir, table.name, "format-conversion-failed", `dt=${day}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${stream}-${fileStamp(now)}-${randomUUID()}.json`), `${lines.join("\n")}\n`);
    }
    const connection = await (await this.database).connect();
    try {
      for (const [day, lines] of rowsByDay) {
        const dir = join(this.options.lakeDir, table.name, `dt=${day}`);
        mkdirSync(dir, { recursive: true });
        const name = `${stream}-${fileStamp(now)}-${randomUUID()}`;
        const input = join(dir, `.${name}.ndjson`);
        const partial = join(dir, `.${name}.parquet`);
        writeFileSync(input, `${lines.join("\n")}\n`);
        const columns = table.columns.map((column) => `"${column.name}"`).join(", ");
        await connection.run(
          `COPY (SELECT ${columns} FROM read_json('${input}', format = 'newline_delimited', columns = ${duckdbColumns(table)})) ` +
            `TO '${partial}' (FORMAT parquet, COMPRESSION snappy)`,
        );
        // Readers only ever see complete files.
        renameSync(partial, join(dir, `${name}.parquet`));
        rmSync(input);
        this.delivered += lines.length;
      }
    } finally {
      connection.closeSync();
    }
  }
}
