import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { FirehoseClient } from "@aws-sdk/client-firehose";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { readStreamReaderSettings } from "../lake/environment";
import { LakeRow, lakeRows, TableChange } from "../lake/changes";
import { DEFAULT_DELIVERY, deliver, OutgoingRecord } from "../lake/delivery";
import { log } from "../log";

const streams = readStreamReaderSettings();
const firehose = new FirehoseClient({});

/** In AWS a TTL deletion is a REMOVE by the DynamoDB service principal. */
function byTimeToLive(record: DynamoDBRecord): boolean {
  return record.userIdentity?.type === "Service" && record.userIdentity?.principalId === "dynamodb.amazonaws.com";
}

function toChange(record: DynamoDBRecord): TableChange {
  const image = (value: unknown) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);
  return {
    eventId: record.eventID ?? "",
    eventName: record.eventName ?? "",
    approximateCreationTime: record.dynamodb?.ApproximateCreationDateTime,
    byTimeToLive: byTimeToLive(record),
    oldImage: image(record.dynamodb?.OldImage),
    newImage: image(record.dynamodb?.NewImage),
  };
}

/**
 * Ships every change of the table to the lake. A record that cannot be converted, or whose rows
 * Firehose still refuses after retries, is reported as a batch item failure: Lambda retries from
 * the first of them, bisects, and finally sends the batch to the DLQ. Nothing is dropped.
 * Conversion stops at the first unconvertible record; the records after it come again.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const failed = new Set<string>();
  const outgoing: OutgoingRecord[] = [];
  for (const record of event.Records) {
    const source = record.dynamodb?.SequenceNumber ?? "";
    let rows: LakeRow[];
    try {
      rows = lakeRows(toChange(record));
    } catch (error) {
      // Lambda resumes from the lowest failed record, so converting past it would only send
      // rows twice.
      log("ERROR", "cannot convert a stream record", { eventId: record.eventID, source, error: String(error) });
      failed.add(source);
      break;
    }
    for (const { table, row } of rows) outgoing.push({ deliveryStream: streams[table], data: `${JSON.stringify(row)}\n`, source });
  }
  const undelivered = await deliver(firehose, outgoing, {
    ...DEFAULT_DELIVERY,
    onRetry: (info) => log("WARN", "Firehose refused records, retrying", info),
  });
  for (const source of undelivered) failed.add(source);
  const batchItemFailures = event.Records.filter((record) => failed.has(record.dynamodb?.SequenceNumber ?? "")).map((record) => ({
    itemIdentifier: record.dynamodb?.SequenceNumber ?? "",
  }));
  log(batchItemFailures.length ? "WARN" : "INFO", "batch processed", {
    records: event.Records.length,
    rows: outgoing.length,
    failedRecords: batchItemFailures.length,
  });
  return { batchItemFailures };
};
