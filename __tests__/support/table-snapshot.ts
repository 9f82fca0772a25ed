import { AttributeValue, ScanCommand } from "@aws-sdk/client-dynamodb";
import { localDynamoClient } from "../../local/dynamodb-local";

/** Every item of a table, sorted, as text: for "nothing changed" checks (test-only Scan). */
export async function tableContents(endpoint: string, tableName: string): Promise<string[]> {
  const client = localDynamoClient(endpoint);
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
