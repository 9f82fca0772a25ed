import { createArticleSchema, JsonSchema, updateArticleSchema } from "./schemas";

/** Where a route's IAM grant applies: the table itself or the listing index. */
export type TableTarget = "table" | "articlesIndex";

export interface TableGrant {
  target: TableTarget;
  actions: readonly string[];
}

export interface RouteDefinition {
  /** Names the Lambda function and its handler file, functions/handlers/<name>.ts. */
  name: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path below /api, with {param} segments. */
  path: string;
  description: string;
  /** Request body model (JSON Schema draft 4), validated by API Gateway and locally. */
  body?: { model: string; schema: JsonSchema };
  /** Query string parameters the route reads; true = required. */
  query?: Record<string, boolean>;
  /** Requires the x-api-key header (the usage plan's key). */
  apiKey: boolean;
  /** The table actions this route's function may perform, and nothing else. */
  table: readonly TableGrant[];
}

/**
 * The route table: API Gateway resources, methods, models, validators, Lambda functions,
 * their IAM policies, and the local API server are all generated from this list.
 * Note: TransactWriteItems is authorized per contained action (PutItem, UpdateItem, ...).
 */
export const ROUTES: readonly RouteDefinition[] = [
  {
    name: "health",
    method: "GET",
    path: "/health",
    description: "Liveness check",
    apiKey: false,
    table: [],
  },
  {
    name: "create-article",
    method: "POST",
    path: "/articles",
    description: "Publish an article",
    body: { model: "CreateArticle", schema: createArticleSchema },
    apiKey: false,
    table: [{ target: "table", actions: ["dynamodb:PutItem"] }],
  },
  {
    name: "list-articles",
    method: "GET",
    path: "/articles",
    description: "List articles, newest first, a page at a time",
    query: { limit: false, cursor: false },
    apiKey: false,
    table: [
      { target: "articlesIndex", actions: ["dynamodb:Query"] },
      { target: "table", actions: ["dynamodb:BatchGetItem"] },
    ],
  },
  {
    name: "get-article",
    method: "GET",
    path: "/articles/{id}",
    description: "Read one article",
    apiKey: false,
    table: [{ target: "table", actions: ["dynamodb:Query"] }],
  },
  {
    name: "like-article",
    method: "POST",
    path: "/articles/{id}/likes",
    description: "Like an article; returns the new count",
    apiKey: false,
    table: [{ target: "table", actions: ["dynamodb:UpdateItem"] }],
  },
  {
    name: "update-article",
    method: "PATCH",
    path: "/articles/{id}",
    description: "Edit an article's title or body (admin)",
    body: { model: "UpdateArticle", schema: updateArticleSchema },
    apiKey: true,
    table: [
      { target: "table", actions: ["dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:DeleteItem"] },
    ],
  },
  {
    name: "delete-article",
    method: "DELETE",
    path: "/articles/{id}",
    description: "Delete an article (admin)",
    apiKey: true,
    table: [{ target: "table", actions: ["dynamodb:GetItem", "dynamodb:DeleteItem"] }],
  },
];

export const API_BASE_PATH = "/api";

export function handlerEntry(route: RouteDefinition): string {
  return `functions/handlers/${route.name}.ts`;
}

/** Path parameter names of a route, in order: "/articles/{id}/likes" -> ["id"]. */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]);
}
