import { GetCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { CreateArticleBody, UpdateArticleBody } from "../bodies";
import { keys, TABLE } from "../table";
import { cancellationCodes } from "./conditions";
import { articleNotFound, ConflictError } from "./errors";
import { Article, ArticleItem, contentHash, isArticleId, isLive, newArticleId, newArticleItem, toArticle } from "./records";
import { ArticleStore } from "./store";


const DUPLICATE = "An article with the same title and body is already published";

/** The lock may be taken over once the article that held it has expired. */
const LOCK_IS_FREE = `attribute_not_exists(${TABLE.partitionKey}) OR expiresAt < :nowSeconds`;
const IS_NEW = `attribute_not_exists(${TABLE.partitionKey})`;

export async function publishArticle(store: ArticleStore, input: CreateArticleBody): Promise<Article> {
  const nowMs = store.now();
  const item = newArticleItem(input, newArticleId(), nowMs, store.ttlSeconds);
  try {
    await store.client.send(
      new TransactWriteCommand({
        ReturnConsumedCapacity: "INDEXES",
        TransactItems: [
          {
            Put: {
              TableName: store.tableName,
              Item: { ...keys.content(item.contentHash), articleId: item.id, expiresAt: item.expiresAt },
              ConditionExpression: LOCK_IS_FREE,
              ExpressionAttributeValues: { ":nowSeconds": Math.floor(nowMs / 1000) },
            },
          },
          {
            Put: {
              TableName: store.tableName,
              Item: item,
              ConditionExpression: IS_NEW,
            },
          },
          {
            Put: {
              TableName: store.tableName,
              Item: { ...keys.likes(item.id), articleId: item.id, likes: 0, expiresAt: item.expiresAt },
              ConditionExpression: IS_NEW,
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.[0] === "ConditionalCheckFailed") throw new ConflictError(DUPLICATE);
    throw error;
  }
  return toArticle(item, 0);
}

interface ArticleWithLikes {
  item: ArticleItem;
  likes: number;
}

/** One Query reads the article and its counter: they share a partition. */
async function readArticle(store: ArticleStore, id: string): Promise<ArticleWithLikes> {
  if (!isArticleId(id)) throw articleNotFound(id);
  const result = await store.client.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: `${TABLE.partitionKey} = :pk`,
      ExpressionAttributeValues: { ":pk": keys.article(id)[TABLE.partitionKey] },
      ReturnConsumedCapacity: "INDEXES",
    }),
  );
  const items = result.Items ?? [];
  const item = items.find((candidate) => candidate[TABLE.sortKey] === keys.article(id)[TABLE.sortKey]) as ArticleItem | undefined;
  if (!item || !isLive(item, store.now())) throw articleNotFound(id);
  const counter = items.find((candidate) => candidate[TABLE.sortKey] === keys.likes(id)[TABLE.sortKey]);
  return { item, likes: typeof counter?.likes === "number" ? counter.likes : 0 };
}

export async function getArticle(store: ArticleStore, id: string): Promise<Article> {
  const { item, likes } = await readArticle(store, id);
  return toArticle(item, likes);
}

export async function updateArticle(store: ArticleStore, id: string, changes: UpdateArticleBody): Promise<Article> {
  const { item, likes } = await readArticle(store, id);
  const title = changes.title ?? item.title;
  const body = changes.body ?? item.body;
  const hash = contentHash(title, body);
  if (hash === item.contentHash) return toArticle(item, likes);

  const nowMs = store.now();
  try {
    await store.client.send(
      new TransactWriteCommand({
        ReturnConsumedCapacity: "INDEXES",
        TransactItems: [
          {
            Update: {
              TableName: store.tableName,
              Key: keys.article(id),
              UpdateExpression: "SET title = :title, body = :body, contentHash = :hash, updatedAt = :now",
              // Optimistic concurrency: the edit applies to the version that was read.
              ConditionExpression: "contentHash = :oldHash AND expiresAt > :nowSeconds",
              ExpressionAttributeValues: {
                ":title": title,
                ":body": body,
                ":hash": hash,
                ":now": nowMs,
                ":oldHash": item.contentHash,
                ":nowSeconds": Math.floor(nowMs / 1000),
              },
            },
          },
          {
            Put: {
              TableName: store.tableName,
              Item: { ...keys.content(hash), articleId: id, expiresAt: item.expiresAt },
              ConditionExpression: LOCK_IS_FREE,
              ExpressionAttributeValues: { ":nowSeconds": Math.floor(nowMs / 1000) },
            },
          },
          {
            Delete: {
              TableName: store.tableName,
              Key: keys.content(item.contentHash),
            },
          },
        ],
      }),
    );
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[1] === "ConditionalCheckFailed") throw new ConflictError(DUPLICATE);
    if (codes?.[0] === "ConditionalCheckFailed") {
      // Gone meanwhile (deleted or expired) is a 404, as a retry would answer; otherwise an edit won.
      await readArticle(store, id);
      throw new ConflictError("The article was edited by someone else while it was being edited; try again");
    }
    throw error;
  }
  return toArticle({ ...item, title, body }, likes);
}

/** The article's content hash and expiry, when it exists and has not expired. */
async function liveItem(store: ArticleStore, id: string): Promise<Record<string, unknown> | undefined> {
  const { Item: item } = await store.client.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.article(id),
      ProjectionExpression: "contentHash, expiresAt",
      ReturnConsumedCapacity: "INDEXES",
    }),
  );
  return item && isLive(item, store.now()) ? item : undefined;
}

export async function deleteArticle(store: ArticleStore, id: string): Promise<void> {
  if (!isArticleId(id)) throw articleNotFound(id);
  const item = await liveItem(store, id);
  if (!item) throw articleNotFound(id);
  try {
    await store.client.send(
      new TransactWriteCommand({
        ReturnConsumedCapacity: "INDEXES",
        TransactItems: [
          {
            Delete: {
              TableName: store.tableName,
              Key: keys.article(id),
              ConditionExpression: "contentHash = :hash",
              ExpressionAttributeValues: { ":hash": item.contentHash },
            },
          },
          { Delete: { TableName: store.tableName, Key: keys.likes(id) } },
          {
            Delete: {
              TableName: store.tableName,
              Key: keys.content(item.contentHash as string),
              ConditionExpression: `${IS_NEW} OR articleId = :id`,
              ExpressionAttributeValues: { ":id": id },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.[0] === "ConditionalCheckFailed") {
      // A concurrent delete won: the article is simply gone. Only a concurrent edit is a conflict.
      if (!(await liveItem(store, id))) throw articleNotFound(id);
      throw new ConflictError("The article was edited while it was being deleted; it was not deleted, try again");
    }
    throw error;
  }
}
