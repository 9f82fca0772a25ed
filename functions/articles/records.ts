import { createHash, randomBytes } from "node:crypto";
import type { CreateArticleBody } from "../bodies";
import { ARTICLE_LIST_KEY, keys, TABLE } from "../table";

/** An article as the API shows it: the author's e-mail is stored but never part of this. */
export interface Article {
  id: string;
  title: string;
  body: string;
  authorName: string;
  publishedAt: string;
  likes: number;
  expiresAt: string;
}

export interface ArticleItem {
  pk: string;
  sk: string;
  id: string;
  title: string;
  body: string;
  authorName: string;
  authorEmail: string;
  listKey: string;
  /** Epoch milliseconds; the GSI's sort key. */
  publishedAt: number;
  updatedAt?: number;
  /** Epoch seconds; the TTL attribute. */
  expiresAt: number;
  contentHash: string;
}

/** 128 random bits, URL-safe: unguessable and never derived from the content. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function newArticleId(): string {
  return randomBytes(16).toString("base64url");
}

export function isArticleId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** Identity of an article's content, for refusing an identical article twice. */
export function contentHash(title: string, body: string): string {
  return createHash("sha256").update(title).update("\u0000").update(body).digest("base64url");
}

export function newArticleItem(
  input: CreateArticleBody,
  id: string,
  nowMs: number,
  ttlSeconds: number,
): ArticleItem {
  return {
    ...keys.article(id),
    id,
    title: input.title,
    body: input.body,
    authorName: input.authorName,
    authorEmail: input.authorEmail,
    listKey: ARTICLE_LIST_KEY,
    publishedAt: nowMs,
    expiresAt: Math.floor(nowMs / 1000) + ttlSeconds,
    contentHash: contentHash(input.title, input.body),
  } as ArticleItem;
}

export function isLive(item: { [TABLE.ttlAttribute]?: unknown }, nowMs: number): boolean {
  return typeof item.expiresAt === "number" && item.expiresAt * 1000 > nowMs;
}

export function toArticle(
  item: Pick<ArticleItem, "id" | "title" | "body" | "authorName" | "publishedAt" | "expiresAt">,
  likes: number,
): Article {
  return {
    id: item.id,
    title: item.title,
    body: item.body,
    authorName: item.authorName,
    publishedAt: new Date(item.publishedAt).toISOString(),
    likes,
    expiresAt: new Date(item.expiresAt * 1000).toISOString(),
  };
}
