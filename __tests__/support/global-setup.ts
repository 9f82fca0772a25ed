import { startDynamoDbLocal } from "../../local/dynamodb-local";

/** One in-memory DynamoDB Local for the whole run; each test file makes its own table. */
export default async function globalSetup(): Promise<void> {
  // The machines run Node 20; the SDK's notice about Node 22 is known and would drown the test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const dynamo = await startDynamoDbLocal();
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  (globalThis as { __dynamo?: typeof dynamo }).__dynamo = dynamo;
}
