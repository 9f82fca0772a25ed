import { AttributeValue, DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";

/** Every item of a table, sorted, as text: for "nothing changed" checks (test-only Scan). */
export async function tableContents(endpoint: string, tableName: string): Promise<string[]> {
  const client = new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const items: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  try {
    do {
      const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
      for (const item of page.Items ?? []) items.push(JSON.stringify(Object.fromEntries(Object.entries(item).sort())));
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    client.destroy();
  }
  return items.sort();
}
