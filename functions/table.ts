/**
 * The single table, declared once: Terraform's aws_dynamodb_table and the local CreateTable
 * are both built from this object.
 *
 * Items (one partition per article, so one Query reads an article with its like counter):
 *   ARTICLE#<id> / ARTICLE   the article; carries listKey + publishedAt, so only articles enter the GSI
 *   ARTICLE#<id> / LIKES     the like counter, kept apart so a like writes < 1 KB whatever the article's size
 *   CONTENT#<hash> / CONTENT  a uniqueness lock on title + body, so an identical article is refused (409)
 * All three carry the same expiresAt, the TTL attribute.
 */
export const TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAt",
  streamViewType: "NEW_AND_OLD_IMAGES",
  articlesIndex: {
    name: "articles-by-date",
    partitionKey: "listKey",
    sortKey: "publishedAt",
    /** Attributes a listing returns; authorEmail stays out of the index on purpose. */
    projectedAttributes: ["id", "title", "body", "authorName", "expiresAt"],
  },
} as const;

export type KeyType = "S" | "N";

export const ATTRIBUTE_TYPES: Record<string, KeyType> = {
  [TABLE.partitionKey]: "S",
  [TABLE.sortKey]: "S",
  [TABLE.articlesIndex.partitionKey]: "S",
  [TABLE.articlesIndex.sortKey]: "N",
};

/** The one value of listKey: every article sits in one GSI partition, sorted by publish time. */
export const ARTICLE_LIST_KEY = "ARTICLE";

/** An item's kind is its sort key; no other attribute says it. */
export const ITEM_KIND = { article: "ARTICLE", likes: "LIKES", content: "CONTENT" } as const;

export const keys = {
  article: (id: string) => ({ [TABLE.partitionKey]: `ARTICLE#${id}`, [TABLE.sortKey]: ITEM_KIND.article }),
  likes: (id: string) => ({ [TABLE.partitionKey]: `ARTICLE#${id}`, [TABLE.sortKey]: ITEM_KIND.likes }),
  content: (hash: string) => ({ [TABLE.partitionKey]: `CONTENT#${hash}`, [TABLE.sortKey]: ITEM_KIND.content }),
};
