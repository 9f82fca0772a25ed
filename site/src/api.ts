// Type-only imports of the API's own shapes: erased from the bundle, checked by the compiler.
import type { ArticlePage } from "../../functions/articles/listing";
import type { Article } from "../../functions/articles/records";
import type { CreateArticleBody as NewArticle } from "../../functions/schemas";

import { LIMITS } from "../../functions/schemas";

export type { Article, ArticlePage, NewArticle };

/** The blog API, on the same origin under /api (CloudFront in AWS, the local server locally). */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { ...init, headers: { Accept: "application/json", ...init.headers } });
  } catch {
    throw new ApiError(0, "NETWORK", "The blog cannot be reached. Check your connection and try again.");
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? "HTTP_ERROR", error?.message ?? `The request failed (${response.status}).`);
  }
  return body as T;
}

export function listArticles(cursor?: string, limit: number = LIMITS.listPage.default): Promise<ArticlePage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set("cursor", cursor);
  return request<ArticlePage>(`/articles?${query}`);
}

export async function getArticle(id: string): Promise<Article> {
  return (await request<{ article: Article }>(`/articles/${encodeURIComponent(id)}`)).article;
}

export async function likeArticle(id: string): Promise<number> {
  return (await request<{ likes: number }>(`/articles/${encodeURIComponent(id)}/likes`, { method: "POST" })).likes;
}


export async function publishArticle(input: NewArticle): Promise<Article> {
  return (
    await request<{ article: Article }>("/articles", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(input),
    })
  ).article;
}
