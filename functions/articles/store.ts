import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { readRuntimeSettings } from "../environment";

/** What the domain functions need: where the data lives, how long it lives, and the time. */
export interface ArticleStore {
  client: DynamoDBDocumentClient;
  tableName: string;
  ttlSeconds: number;
  now: () => number;
}

/** The endpoint comes from the standard AWS_ENDPOINT_URL_DYNAMODB variable when set (locally). */
export function createDocumentClient(client: DynamoDBClient = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** Built once per cold start from the function's declared environment. */
export function storeFromEnvironment(): ArticleStore {
  const settings = readRuntimeSettings();
  return {
    client: createDocumentClient(),
    tableName: settings.tableName,
    ttlSeconds: settings.articleTtlSeconds,
    now: Date.now,
  };
}
