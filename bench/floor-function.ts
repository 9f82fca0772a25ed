import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { TABLE } from "../functions/table";

// The cold-start floor: the least a DynamoDB function does, bundled with the same settings as
// every route. Its import + first request is the SDK's own cost.
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(): Promise<{ statusCode: number; body: string }> {
  await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { [TABLE.partitionKey]: "floor", [TABLE.sortKey]: "floor" } }));
  return { statusCode: 200, body: "" };
}
