import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { keys, TABLE } from "../table";
import { isConditionFailure } from "./conditions";
import { articleNotFound } from "./errors";
import { isArticleId } from "./records";
import { ArticleStore } from "./store";
import { Viewer } from "./viewer";

/**
 * One atomic ADD on the small counter item: exact under any concurrency, and one write unit
 * whatever the article's size. The reader's (anonymized) metadata rides along in lastLike, so the
 * stream record of this very update carries it to the lake.
 */
export async function likeArticle(store: ArticleStore, id: string, viewer: Viewer): Promise<number> {
  if (!isArticleId(id)) throw articleNotFound(id);
  const nowMs = store.now();
  try {
    const result = await store.client.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.likes(id),
        UpdateExpression: "ADD likes :one SET lastLike = :viewer",
        ConditionExpression: `attribute_exists(${TABLE.partitionKey}) AND expiresAt > :nowSeconds`,
        ExpressionAttributeValues: {
          ":one": 1,
          ":viewer": { ...viewer, likedAt: nowMs },
          ":nowSeconds": Math.floor(nowMs / 1000),
        },
        ReturnValues: "UPDATED_NEW",
        ReturnConsumedCapacity: "INDEXES",
      }),
    );
    return Number(result.Attributes?.likes);
  } catch (error) {
    if (isConditionFailure(error)) throw articleNotFound(id);
    throw error;
  }
}
