import { BodySchema, CreateArticle, UpdateArticle } from "./bodies";
import { JsonSchema, LIMITS } from "./schemas";

/** Where a route's IAM grant applies: the table itself or the listing index. */
export type TableTarget = "table" | "articlesIndex";

export interface TableGrant {
  readonly target: TableTarget;
  readonly actions: readonly string[];
}

/** An OpenAPI 3.0 schema object (responses are documented, not validated). */
export type ResponseSchema = Readonly<Record<string, unknown>>;

export interface ResponseDefinition {
  readonly description: string;
  readonly schema?: ResponseSchema;
  readonly headers?: Readonly<Record<string, { readonly description: string }>>;
}

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** Path below /api, with {param} segments. */
  readonly path: string;
  readonly description: string;
  /** Groups operations in the OpenAPI document. */
  readonly tag: "articles" | "operations";
  /** The request body's draft-4 JSON Schema: the API Gateway model, and the handler's check. */
  readonly body?: BodySchema;
  /** Query string parameters, each with its draft-4 JSON Schema (documented in OpenAPI). */
  readonly query?: Readonly<Record<string, { readonly required: boolean; readonly schema: JsonSchema }>>;
  /**
   * The route's own answers: its success, and errors particular to it (a conflict). The errors
   * every route shares, and those that follow from its shape (a body, a path parameter, an API
   * key), are added when the route is compiled (functions/compiled-routes.ts).
   */
  readonly responses: Readonly<Record<number, ResponseDefinition>>;
  /** Requires the x-api-key header (the usage plan's key). */
  readonly apiKey: boolean;
  /** CloudFront may serve its answer from cache for a few seconds, keyed by its query parameters. */
  readonly cached?: boolean;
  /**
   * The table actions this route's function may perform, and nothing else. A transaction is
   * authorized per contained action (PutItem, UpdateItem, ...); the IAM integration test records
   * what each handler really sends and compares it with this list.
   */
  readonly grants: readonly TableGrant[];
}

const ARTICLE = { $ref: "#/components/schemas/Article" } as const;
const ONE_ARTICLE = { type: "object", required: ["article"], properties: { article: ARTICLE } } as const;
const DUPLICATE = { description: "An article with the same title and body is already published" } as const;

/**
 * The route table: the whole contract of the API. Each key names a route (its Lambda function
 * and its handler file functions/handlers/<kebab-case key>.ts); everything else about the route
 * is in its entry. functions/compiled-routes.ts turns it into the one form that API Gateway,
 * the local server, the OpenAPI document, CloudFront and the tests read.
 */
export const ROUTES = {
  health: {
    method: "GET",
    path: "/health",
    description: "Liveness check",
    tag: "operations",
    responses: {
      200: { description: "Alive", schema: { type: "object", properties: { status: { type: "string", enum: ["ok"] } } } },
    },
    apiKey: false,
    grants: [],
  },
  createArticle: {
    method: "POST",
    path: "/articles",
    description: "Publish an article",
    tag: "articles",
    body: CreateArticle,
    responses: {
      201: { description: "Published", schema: ONE_ARTICLE, headers: { Location: { description: "The new article's URL" } } },
      409: DUPLICATE,
    },
    apiKey: false,
    grants: [{ target: "table", actions: ["dynamodb:PutItem"] }],
  },
  listArticles: {
    method: "GET",
    path: "/articles",
    description: "List articles, newest first, a page at a time",
    tag: "articles",
    query: {
      limit: {
        required: false,
        schema: { type: "integer", minimum: LIMITS.listPage.min, maximum: LIMITS.listPage.max, default: LIMITS.listPage.default },
      },
      cursor: { required: false, schema: { type: "string", description: "The nextCursor of the previous page" } },
    },
    responses: {
      200: {
        description: "A page of articles, newest first",
        schema: {
          type: "object",
          required: ["articles", "nextCursor"],
          properties: {
            articles: { type: "array", items: ARTICLE },
            nextCursor: { type: "string", nullable: true, description: "Pass as cursor for the next page; null on the last page" },
          },
        },
      },
    },
    apiKey: false,
    cached: true,
    grants: [
      { target: "articlesIndex", actions: ["dynamodb:Query"] },
      { target: "table", actions: ["dynamodb:BatchGetItem"] },
    ],
  },
  getArticle: {
    method: "GET",
    path: "/articles/{id}",
    description: "Read one article",
    tag: "articles",
    responses: { 200: { description: "The article", schema: ONE_ARTICLE } },
    apiKey: false,
    grants: [{ target: "table", actions: ["dynamodb:Query"] }],
  },
  likeArticle: {
    method: "POST",
    path: "/articles/{id}/likes",
    description: "Like an article; returns the new count",
    tag: "articles",
    responses: {
      200: { description: "The new like count", schema: { type: "object", required: ["likes"], properties: { likes: { type: "integer", minimum: 1 } } } },
    },
    apiKey: false,
    grants: [{ target: "table", actions: ["dynamodb:UpdateItem"] }],
  },
  updateArticle: {
    method: "PATCH",
    path: "/articles/{id}",
    description: "Edit an article's title or body (admin)",
    tag: "articles",
    body: UpdateArticle,
    responses: {
      200: { description: "The edited article", schema: ONE_ARTICLE },
      409: { description: "The new content duplicates another article, or the article changed while it was being edited" },
    },
    apiKey: true,
    grants: [{ target: "table", actions: ["dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:DeleteItem"] }],
  },
  deleteArticle: {
    method: "DELETE",
    path: "/articles/{id}",
    description: "Delete an article (admin)",
    tag: "articles",
    responses: {
      204: { description: "Deleted" },
      409: { description: "The article was edited while it was being deleted; the article is still there" },
    },
    apiKey: true,
    grants: [{ target: "table", actions: ["dynamodb:GetItem", "dynamodb:DeleteItem"] }],
  },
} as const satisfies Record<string, RouteDefinition>;

export type RouteName = keyof typeof ROUTES;

export const API_BASE_PATH = "/api";

/** The API Gateway stage, and the first path segment of its invoke URL. */
export const STAGE_NAME = "api";
