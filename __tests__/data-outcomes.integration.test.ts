import { ConsumedCapacity, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { getArticle, publishArticle } from "../functions/articles/articles";
import { NotFoundError } from "../functions/articles/errors";
import { likeArticle } from "../functions/articles/likes";
import { listArticles } from "../functions/articles/listing";
import { ArticleStore } from "../functions/articles/store";
import { createDocumentClient, freshTable, testClient } from "./support/dynamodb";

const viewer = { country: "FR", deviceType: "desktop" as const, ipPrefix: "192.0.2.0/24", userAgent: "U".repeat(256) };
const DAY = 86400 * 1000;

let raw: DynamoDBClient;
let consumed: ConsumedCapacity[] = [];
let clock = Date.now();
let store: ArticleStore;

beforeAll(async () => {
  raw = testClient();
  // Records what DynamoDB reports each request cost (every domain call asks for INDEXES).
  raw.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
      if (output.ConsumedCapacity) consumed.push(...[output.ConsumedCapacity].flat());
      return result;
    },
    { step: "initialize", name: "recordConsumedCapacity" },
  );
  store = { client: createDocumentClient(raw), tableName: await freshTable("outcomes"), ttlSeconds: 30 * 86400, now: () => clock };
});

afterAll(() => raw.destroy());

async function writeUnitsOfOneLike(id: string): Promise<number> {
  consumed = [];
  await likeArticle(store, id, viewer);
  return consumed.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
}

describe("a like's write cost", () => {
  it("is the same for a 10-character and a 20,000-character article, at most 2 WCU with indexes", async () => {
    const small = await publishArticle(store, { title: "Small", body: "0123456789", authorName: "A", authorEmail: "a@example.com" });
    const large = await publishArticle(store, { title: "Large", body: "x".repeat(20000), authorName: "A", authorEmail: "a@example.com" });
    const smallCost = await writeUnitsOfOneLike(small.id);
    const largeCost = await writeUnitsOfOneLike(large.id);
    expect(smallCost).toBeGreaterThan(0);
    expect(largeCost).toBe(smallCost);
    expect(largeCost).toBeLessThanOrEqual(2);
    expect(consumed[0].GlobalSecondaryIndexes ?? {}).toEqual({});
  });
});

describe("expiry", () => {
  it("hides an expired article that TTL has not deleted yet, everywhere, and frees its content", async () => {
    clock = Date.now();
    const input = { title: "Ephemeral", body: "Gone in 30 days", authorName: "B", authorEmail: "b@example.com" };
    const article = await publishArticle(store, input);
    expect((await getArticle(store, article.id)).id).toBe(article.id);

    clock += 31 * DAY; // the item is still in the table: only the clock moved past expiresAt
    await expect(getArticle(store, article.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(likeArticle(store, article.id, viewer)).rejects.toBeInstanceOf(NotFoundError);
    const page = await listArticles(store, { limit: "50" });
    expect(page.articles.map((a) => a.id)).not.toContain(article.id);
    const again = await publishArticle(store, input);
    expect(again.id).not.toBe(article.id);
    clock = Date.now();
  });
});

describe("listing cost", () => {
  it("reads a page with one Query on the index and one BatchGetItem of the counters", async () => {
    consumed = [];
    const page = await listArticles(store, { limit: "5" });
    expect(page.articles.length).toBeGreaterThan(0);
    expect(consumed).toHaveLength(2);
    expect(Object.keys(consumed[0].GlobalSecondaryIndexes ?? {})).toEqual(["articles-by-date"]);
  });
});
