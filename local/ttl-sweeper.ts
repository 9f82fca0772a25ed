import { AttributeValue, DeleteItemCommand, DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { errorFields, log } from "../functions/log";
import { TABLE } from "../functions/table";

/**
 * Keys the local TTL sweeper deleted, kept on disk so that the stream poller can present those
 * REMOVE records as AWS does for TTL deletions, even across a restart.
 */
export class TtlJournal {
  private readonly keys = new Map<string, number>();

  constructor(private readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    if (existsSync(file)) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        if (!line) continue;
        const entry = JSON.parse(line) as { key: string; at: number };
        this.keys.set(entry.key, entry.at);
      }
      this.compact();
    }
  }

  static keyOf(pk: string, sk: string): string {
    return `${pk}\u0000${sk}`;
  }

  record(key: string): void {
    const at = Date.now();
    appendFileSync(this.file, `${JSON.stringify({ key, at })}\n`);
    this.keys.set(key, at);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Stream records live 24 hours, so older entries can no longer be asked about. */
  private compact(): void {
    const horizon = Date.now() - 24 * 3600 * 1000;
    for (const [key, at] of this.keys) if (at < horizon) this.keys.delete(key);
    writeFileSync(this.file, [...this.keys].map(([key, at]) => `${JSON.stringify({ key, at })}\n`).join(""));
  }
}

/**
 * DynamoDB Local (3.3.x here) does not delete expired items in practice, so the local runtime
 * does what DynamoDB's TTL process does: it deletes items whose TTL has passed. Local-only: the
 * application's request paths never scan.
 */
export class TtlSweeper {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly journal: TtlJournal,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(async () => void (await this.sweep())).catch((error) => log("ERROR", "TTL sweep failed", { error: errorFields(error) }));
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<number> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    let deleted = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: "#ttl <= :now",
          ProjectionExpression: "#pk, #sk",
          ExpressionAttributeNames: { "#ttl": TABLE.ttlAttribute, "#pk": TABLE.partitionKey, "#sk": TABLE.sortKey },
          ExpressionAttributeValues: { ":now": { N: String(nowSeconds) } },
          ExclusiveStartKey: start,
        }),
      );
      for (const key of page.Items ?? []) {
        const journalKey = TtlJournal.keyOf(key[TABLE.partitionKey].S!, key[TABLE.sortKey].S!);
        this.journal.record(journalKey);
        try {
          await this.client.send(
            new DeleteItemCommand({
              TableName: this.tableName,
              Key: key,
              ConditionExpression: "#ttl <= :now",
              ExpressionAttributeNames: { "#ttl": TABLE.ttlAttribute },
              ExpressionAttributeValues: { ":now": { N: String(nowSeconds) } },
            }),
          );
          deleted += 1;
        } catch (error) {
          if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return deleted;
  }
}
