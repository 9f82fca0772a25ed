import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDocumentClient } from "../../functions/articles/store";
import { ensureTable } from "../../local/create-table";
import { LOCAL_CREDENTIALS, localDynamoClient } from "../../local/dynamodb-local";

export function testEndpoint(): string {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error("TEST_DYNAMODB_ENDPOINT is not set: run the tests through jest (global setup starts DynamoDB Local)");
  return endpoint;
}

export function testClient(): DynamoDBClient {
  return localDynamoClient(testEndpoint());
}

/** A fresh table from the shared definition, so test files never see each other's data. */
export async function freshTable(prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(4).toString("hex")}`;
  const client = testClient();
  await ensureTable(client, name);
  client.destroy();
  return name;
}

/** What CloudFront would send in the origin-verify header to the test's functions; random per run. */
export const TEST_ORIGIN_SECRET = randomBytes(24).toString("base64url");

/** The environment a deployed function gets, pointed at the test's DynamoDB Local. */
export function useFunctionEnvironment(tableName: string, ttlSeconds = 2592000): void {
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    ARTICLE_TTL_SECONDS: String(ttlSeconds),
    ORIGIN_VERIFY_SECRET: TEST_ORIGIN_SECRET,
    AWS_ENDPOINT_URL_DYNAMODB: testEndpoint(),
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
}

export { createDocumentClient };
