import { GATEWAY_RESPONSES } from "./http/errors";
import { API_BASE_PATH, pathParameters, ROUTES, RouteDefinition } from "./routes";
import { JsonSchema, LIMITS } from "./schemas";

type Document = Record<string, unknown>;

const ARTICLE = {
  type: "object",
  required: ["id", "title", "body", "authorName", "publishedAt", "likes", "expiresAt"],
  properties: {
    id: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$" },
    title: { type: "string" },
    body: { type: "string", description: "Markdown, stored as given" },
    authorName: { type: "string" },
    publishedAt: { type: "string", format: "date-time" },
    likes: { type: "integer", minimum: 0 },
    expiresAt: { type: "string", format: "date-time" },
  },
  additionalProperties: false,
};

const ERROR = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: [...new Set([...Object.values(GATEWAY_RESPONSES).map((r) => r.code), "CONFLICT", "NOT_FOUND", "VALIDATION_FAILED"])].sort() },
        message: { type: "string" },
      },
    },
  },
};

/** What each route answers on success. */
const SUCCESS: Record<string, { status: string; description: string; schema?: Document; headers?: Document }> = {
  health: { status: "200", description: "Alive", schema: { type: "object", properties: { status: { type: "string", enum: ["ok"] } } } },
  "create-article": {
    status: "201",
    description: "Published",
    schema: { type: "object", properties: { article: { $ref: "#/components/schemas/Article" } } },
    headers: { Location: { description: "The new article's URL", schema: { type: "string" } } },
  },
  "list-articles": {
    status: "200",
    description: "A page of articles, newest first",
    schema: {
      type: "object",
      properties: {
        articles: { type: "array", items: { $ref: "#/components/schemas/Article" } },
        nextCursor: { type: "string", nullable: true, description: "Pass as cursor for the next page; null on the last page" },
      },
    },
  },
  "get-article": { status: "200", description: "The article", schema: { type: "object", properties: { article: { $ref: "#/components/schemas/Article" } } } },
  "like-article": { status: "200", description: "The new like count", schema: { type: "object", properties: { likes: { type: "integer" } } } },
  "update-article": { status: "200", description: "The edited article", schema: { type: "object", properties: { article: { $ref: "#/components/schemas/Article" } } } },
  "delete-article": { status: "204", description: "Deleted" },
};

/** Errors each route can answer, beyond 403/429/500 which all can (403: a call around CloudFront, or one its WAF blocks). */
function errors(route: RouteDefinition): string[] {
  const codes = new Set<string>(["403", "429", "500"]);
  if (route.body || route.query) codes.add("400");
  if (route.body) codes.add("415");
  if (route.path.includes("{")) codes.add("404");
  if (route.name === "create-article" || route.name === "update-article") codes.add("409");
  return [...codes].sort();
}

/** Draft-4 request schemas as OpenAPI 3.0 schema objects (no $schema, no title). */
function schemaObject(schema: JsonSchema): Document {
  const { $schema: _dialect, title: _title, ...rest } = schema;
  return rest;
}

/** The OpenAPI 3.0 document of the API, generated from the route table. */
export function openApiDocument(): Document {
  const paths: Record<string, Record<string, Document>> = {};
  for (const route of ROUTES) {
    const path = `${API_BASE_PATH}${route.path}`;
    const success = SUCCESS[route.name];
    if (!success) throw new Error(`openapi: no response description for route ${route.name}`);
    const parameters = [
      ...pathParameters(route.path).map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
      ...Object.entries(route.query ?? {}).map(([name, required]) => ({
        name,
        in: "query",
        required,
        schema: name === "limit" ? { type: "integer", minimum: LIMITS.listPage.min, maximum: LIMITS.listPage.max, default: LIMITS.listPage.default } : { type: "string" },
      })),
    ];
    const responses: Record<string, Document> = {
      [success.status]: {
        description: success.description,
        ...(success.headers ? { headers: success.headers } : {}),
        ...(success.schema ? { content: { "application/json": { schema: success.schema } } } : {}),
      },
    };
    for (const status of errors(route)) responses[status] = { $ref: `#/components/responses/Error${status}` };
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
      summary: route.description,
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? { requestBody: { required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${route.body.model}` } } } } }
        : {}),
      responses,
      ...(route.apiKey ? { security: [{ adminApiKey: [] }] } : { security: [] }),
    };
  }
  const statuses = [...new Set(ROUTES.flatMap(errors))].sort();
  return {
    openapi: "3.0.3",
    info: {
      title: "Serverless blog API",
      version: "1.0.0",
      description: "Generated from functions/routes.ts. Every error is {\"error\":{\"code\",\"message\"}}.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: {
        Article: ARTICLE,
        Error: ERROR,
        ...Object.fromEntries(ROUTES.filter((r) => r.body).map((r) => [r.body!.model, schemaObject(r.body!.schema)])),
      },
      responses: Object.fromEntries(
        statuses.map((status) => [`Error${status}`, { description: `Error ${status}`, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
      ),
      securitySchemes: { adminApiKey: { type: "apiKey", in: "header", name: "x-api-key" } },
    },
  };
}
