import { listArticles } from "../functions/articles/listing";
import { createDocumentClient } from "../functions/articles/store";
import { localDynamoClient } from "../local/dynamodb-local";
import { LoadResult } from "./load";
import { percentile, round } from "./stats";

/**
 * The local API's floor: the DynamoDB calls a list page makes (one Query, one BatchGetItem),
 * sent by the domain code from a plain Node loop, `connections` at a time, to the same
 * DynamoDB Local. What is left between this and the API is HTTP, the gateway emulation and
 * the handler.
 */
export async function listFloor(endpoint: string, tableName: string, connections: number, seconds: number): Promise<LoadResult> {
  const client = localDynamoClient(endpoint);
  const store = { client: createDocumentClient(client), tableName, ttlSeconds: 86400, now: Date.now };
  // The API process has long since loaded the SDK and opened its connections; so does the floor.
  await listArticles(store, { limit: "20" });
  const latencies: number[] = [];
  let errors = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const begun = process.hrtime.bigint();
        try {
          await listArticles(store, { limit: "20" });
          latencies.push(Number(process.hrtime.bigint() - begun) / 1e6);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  client.destroy();
  return { connections, requests: latencies.length, requestsPerSecond: round(latencies.length / elapsed, 1), p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), errors, non2xx: 0 };
}
