import { ITEM_KIND, TABLE } from "../table";
import { ARTICLES_TABLE, ArticleRow, LIKES_TABLE, lakeTimestamp, LikeRow } from "./tables";

/** A table change as the lake needs it: one stream record with its images already unmarshalled. */
export interface TableChange {
  eventId: string;
  eventName: string;
  /** Epoch seconds, when the change was written to the stream. */
  approximateCreationTime?: number;
  /** True when DynamoDB's TTL process removed the item (userIdentity = the DynamoDB service). */
  byTimeToLive: boolean;
  oldImage?: Record<string, unknown>;
  newImage?: Record<string, unknown>;
}

export type LakeRow = { table: typeof ARTICLES_TABLE.name; row: ArticleRow } | { table: typeof LIKES_TABLE.name; row: LikeRow };

/** A change the lake cannot represent: the record fails, and retries or the DLQ take over. */
export class UnconvertibleChangeError extends Error {}

function text(image: Record<string, unknown>, name: string, eventId: string): string {
  const value = image[name];
  if (typeof value !== "string") throw new UnconvertibleChangeError(`${eventId}: ${name} is not a string`);
  return value;
}

function number(image: Record<string, unknown>, name: string, eventId: string): number {
  const value = image[name];
  if (typeof value !== "number" || !Number.isFinite(value)) throw new UnconvertibleChangeError(`${eventId}: ${name} is not a number`);
  return value;
}

function optionalText(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function articleRow(change: TableChange, image: Record<string, unknown>, eventType: string, eventTimeMs: number): LakeRow {
  const publishedAt = number(image, "publishedAt", change.eventId);
  return {
    table: ARTICLES_TABLE.name,
    row: {
      event_id: change.eventId,
      event_type: eventType,
      event_time: lakeTimestamp(eventTimeMs),
      article_id: text(image, "id", change.eventId),
      title: text(image, "title", change.eventId),
      author_name: text(image, "authorName", change.eventId),
      published_at: lakeTimestamp(publishedAt),
      body_length: [...text(image, "body", change.eventId)].length,
    },
  };
}

function changeTimeMs(change: TableChange): number {
  if (change.approximateCreationTime === undefined) throw new UnconvertibleChangeError(`${change.eventId}: no creation time`);
  return change.approximateCreationTime * 1000;
}

function likeRow(change: TableChange, image: Record<string, unknown>): LakeRow {
  const like = image.lastLike;
  if (typeof like !== "object" || like === null) throw new UnconvertibleChangeError(`${change.eventId}: like without lastLike`);
  const meta = like as Record<string, unknown>;
  return {
    table: LIKES_TABLE.name,
    row: {
      event_id: change.eventId,
      event_time: lakeTimestamp(number(meta, "likedAt", change.eventId)),
      article_id: text(image, "articleId", change.eventId),
      country: optionalText(meta.country),
      device_type: optionalText(meta.deviceType) ?? "unknown",
      ip_prefix: optionalText(meta.ipPrefix),
      user_agent: optionalText(meta.userAgent),
    },
  };
}

/**
 * What one table change means for the lake: an article event, a like, or nothing (content
 * locks, counter creation and removal). Anything unexpected throws, so it is never dropped silently.
 */
export function lakeRows(change: TableChange): LakeRow[] {
  const image = change.newImage ?? change.oldImage;
  if (!image) throw new UnconvertibleChangeError(`${change.eventId}: the record has no image`);
  const kind = image[TABLE.sortKey];

  if (kind === ITEM_KIND.article) {
    switch (change.eventName) {
      case "INSERT":
        return [articleRow(change, requireImage(change, "newImage"), "published", number(image, "publishedAt", change.eventId))];
      case "MODIFY": {
        const after = requireImage(change, "newImage");
        const updatedAt = typeof after.updatedAt === "number" ? after.updatedAt : changeTimeMs(change);
        return [articleRow(change, after, "updated", updatedAt)];
      }
      case "REMOVE": {
        const before = requireImage(change, "oldImage");
        // Stream times are coarse (seconds in AWS, minutes in DynamoDB Local); a removal never
        // precedes the item's last write.
        const lastWrite = typeof before.updatedAt === "number" ? before.updatedAt : number(before, "publishedAt", change.eventId);
        return [articleRow(change, before, change.byTimeToLive ? "expired" : "deleted", Math.max(changeTimeMs(change), lastWrite))];
      }
      default:
        throw new UnconvertibleChangeError(`${change.eventId}: unknown event ${change.eventName}`);
    }
  }
  if (kind === ITEM_KIND.likes) {
    if (change.eventName !== "MODIFY") return [];
    const before = number(requireImage(change, "oldImage"), "likes", change.eventId);
    const after = requireImage(change, "newImage");
    return number(after, "likes", change.eventId) > before ? [likeRow(change, after)] : [];
  }
  if (kind === ITEM_KIND.content) return [];
  throw new UnconvertibleChangeError(`${change.eventId}: unknown item kind ${JSON.stringify(kind)}`);
}

function requireImage(change: TableChange, which: "oldImage" | "newImage"): Record<string, unknown> {
  const image = change[which];
  if (!image) throw new UnconvertibleChangeError(`${change.eventId}: ${change.eventName} without ${which}`);
  return image;
}
