/**
 * The lake's tables, declared once. The Glue tables, the Firehose record conversion, the stream
 * reader's row types, the local Parquet writer and the local SQL views are all built from these.
 */
export type LakeColumnType = "string" | "int" | "bigint" | "timestamp";

export interface LakeColumn {
  name: string;
  type: LakeColumnType;
  comment: string;
}

export interface LakeTable {
  name: string;
  description: string;
  columns: readonly LakeColumn[];
}

/** Hive-style daily partitions, filled in by Firehose from its arrival time. */
export const PARTITION_COLUMN = { name: "dt", type: "string", comment: "Delivery day, yyyy-MM-dd (UTC)" } as const;

export const ARTICLES_TABLE = {
  name: "articles",
  description: "One row per article publish, update, user delete and TTL expiry",
  columns: [
    { name: "event_id", type: "string", comment: "The DynamoDB stream record's eventID: deduplicate on it" },
    { name: "event_type", type: "string", comment: "published, updated, deleted or expired" },
    { name: "event_time", type: "timestamp", comment: "When the change happened (UTC)" },
    { name: "article_id", type: "string", comment: "Article id" },
    { name: "title", type: "string", comment: "Title after the change (before it, for deletions)" },
    { name: "author_name", type: "string", comment: "Author's display name (the e-mail never reaches the lake)" },
    { name: "published_at", type: "timestamp", comment: "First publication time (UTC)" },
    { name: "body_length", type: "int", comment: "Body length in characters" },
  ],
} as const satisfies LakeTable;

export const LIKES_TABLE = {
  name: "likes",
  description: "One row per like, with the reader's anonymized metadata",
  columns: [
    { name: "event_id", type: "string", comment: "The DynamoDB stream record's eventID: deduplicate on it" },
    { name: "event_time", type: "timestamp", comment: "When the like happened (UTC)" },
    { name: "article_id", type: "string", comment: "Liked article id" },
    { name: "country", type: "string", comment: "ISO country code from CloudFront, null when unknown" },
    { name: "device_type", type: "string", comment: "desktop, mobile, tablet, smarttv or unknown" },
    { name: "ip_prefix", type: "string", comment: "Anonymized source address: IPv4 /24 or IPv6 /48" },
    { name: "user_agent", type: "string", comment: "User agent, at most 256 characters" },
  ],
} as const satisfies LakeTable;

export const LAKE_TABLES: readonly LakeTable[] = [ARTICLES_TABLE, LIKES_TABLE];

type ColumnValue<T extends LakeColumnType> = T extends "int" | "bigint" ? number : string;
type RowOf<T extends { columns: readonly LakeColumn[] }> = {
  [C in T["columns"][number] as C["name"]]: ColumnValue<C["type"]> | null;
};

export type ArticleRow = RowOf<typeof ARTICLES_TABLE>;
export type LikeRow = RowOf<typeof LIKES_TABLE>;

/**
 * Timestamps travel as "yyyy-MM-dd HH:mm:ss.SSS" (UTC): the form Hive's and OpenX's JSON SerDes
 * read as a timestamp, and DuckDB too.
 */
export function lakeTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace("T", " ").replace("Z", "");
}

/** The Firehose delivery stream of a lake table, for one resource name prefix. */
export function deliveryStreamName(namePrefix: string, table: LakeTable): string {
  return `${namePrefix}-lake-${table.name}`;
}
