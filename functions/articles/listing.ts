import { BatchGetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { LIMITS } from "../schemas";
import { ARTICLE_LIST_KEY, keys, TABLE } from "../table";
import { InvalidInputError } from "./errors";
import { Article, ArticleItem, isArticleId, toArticle } from "./records";
import { ArticleStore } from "./store";

export interface ArticlePage {
  articles: Article[];
  nextCursor: string | null;
}

export interface ListOptions {
  limit?: string;
  cursor?: string;
}

const BATCH_GET_ATTEMPTS = 5;

/** The cursor is the last key read, as base64url JSON [id, publishedAt]: opaque to clients, checked strictly. */
export function encodeCursor(id: string, publishedAt: number): string {
  return Buffer.from(JSON.stringify([id, publishedAt])).toString("base64url");
}

export function decodeCursor(cursor: string): { id: string; publishedAt: number } {
  const invalid = new InvalidInputError("cursor is not a cursor this API returned");
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    typeof value[0] !== "string" ||
    !isArticleId(value[0]) ||
    !Number.isSafeInteger(value[1]) ||
    value[1] < 0
  ) {
    throw invalid;
  }
  return { id: value[0], publishedAt: value[1] };
}

export function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return LIMITS.listPage.default;
  const { min, max } = LIMITS.listPage;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new InvalidInputError(`limit must be an integer from ${min} to ${max}`);
  }
  return Number(raw);
}

/**
 * Newest first from the sparse GSI: one Query per page, then one BatchGetItem for the like
 * counters. The Query reads one item past the page, so nextCursor is null exactly when nothing
 * follows (a bare LastEvaluatedKey would promise a page even when the table ends there).
 */
export async function listArticles(store: ArticleStore, options: ListOptions): Promise<ArticlePage> {
  const limit = parseLimit(options.limit);
  const start = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const nowMs = store.now();
  const index = TABLE.articlesIndex;
  const result = await store.client.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: index.name,
      KeyConditionExpression: "#listKey = :listKey",
      // Expired articles linger until DynamoDB's TTL sweep deletes them; readers never see them.
      FilterExpression: "#ttl > :nowSeconds",
      ExpressionAttributeNames: { "#listKey": index.partitionKey, "#ttl": TABLE.ttlAttribute },
      ExpressionAttributeValues: { ":listKey": ARTICLE_LIST_KEY, ":nowSeconds": Math.floor(nowMs / 1000) },
      ScanIndexForward: false,
      Limit: limit + 1,
      ExclusiveStartKey: start && {
        ...keys.article(start.id),
        [index.partitionKey]: ARTICLE_LIST_KEY,
        [index.sortKey]: start.publishedAt,
      },
      ReturnConsumedCapacity: "INDEXES",
    }),
  );
  const read = (result.Items ?? []) as ArticleItem[];
  const items = read.slice(0, limit);
  const likes = await likeCounts(
    store,
    items.map((item) => item.id),
  );
  let nextCursor: string | null = null;
  if (read.length > limit) {
    const last = items[items.length - 1];
    nextCursor = encodeCursor(last.id, last.publishedAt);
  } else if (result.LastEvaluatedKey) {
    // The filter dropped expired items from a full read: more may follow.
    const last = result.LastEvaluatedKey;
    nextCursor = encodeCursor(String(last[TABLE.partitionKey]).slice("ARTICLE#".length), Number(last[index.sortKey]));
  }
  return { articles: items.map((item) => toArticle(item, likes.get(item.id) ?? 0)), nextCursor };
}

async function likeCounts(store: ArticleStore, ids: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let pending: Record<string, unknown>[] = ids.map((id) => keys.likes(id));
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt === BATCH_GET_ATTEMPTS) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 25 * Math.random()));
    const result = await store.client.send(
      new BatchGetCommand({
        RequestItems: { [store.tableName]: { Keys: pending, ProjectionExpression: "articleId, likes" } },
        ReturnConsumedCapacity: "INDEXES",
      }),
    );
    for (const item of result.Responses?.[store.tableName] ?? []) counts.set(item.articleId, item.likes);
    pending = (result.UnprocessedKeys?.[store.tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
  }
  return counts;
}
