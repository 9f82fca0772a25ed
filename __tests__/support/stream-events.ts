import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";

let sequence = 1000;

export interface RecordOptions {
  eventName: "INSERT" | "MODIFY" | "REMOVE";
  keys: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
  newImage?: Record<string, unknown>;
  /** AWS marks a TTL deletion with the DynamoDB service as the user identity. */
  ttl?: boolean;
  createdSeconds?: number;
}

/** A DynamoDB stream record exactly as Lambda delivers it to the stream reader. */
export function streamRecord(options: RecordOptions): DynamoDBRecord {
  sequence += 1;
  const image = (value?: Record<string, unknown>) => (value ? (marshall(value, { removeUndefinedValues: true }) as never) : undefined);
  return {
    eventID: `c4ca4238a0b923820dcc509a6f75849b${sequence}`,
    eventName: options.eventName,
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: "us-east-1",
    dynamodb: {
      ApproximateCreationDateTime: options.createdSeconds ?? 1767225600,
      Keys: image(options.keys),
      ...(options.newImage ? { NewImage: image(options.newImage) } : {}),
      ...(options.oldImage ? { OldImage: image(options.oldImage) } : {}),
      SequenceNumber: String(sequence).padStart(21, "0"),
      SizeBytes: 256,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
    eventSourceARN: "arn:aws:dynamodb:us-east-1:123456789012:table/blog-dev-articles/stream/2026-01-01T00:00:00.000",
    ...(options.ttl ? { userIdentity: { type: "Service", principalId: "dynamodb.amazonaws.com" } } : {}),
  };
}
