import { GATEWAY_RESPONSES } from "./http/errors";
import { COMPILED_ROUTES, CompiledRoute } from "./compiled-routes";
import { JsonSchema } from "./schemas";

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
        code: { type: "string", enum: [...new Set([...Object.values(GATEWAY_RESPONSES).map((r) => r.code), "CONFLICT", "METHOD_NOT_ALLOWED", "NOT_FOUND", "VALIDATION_FAILED"])].sort() },
        message: { type: "string" },
      },
    },
  },
};

/** Draft-4 JSON Schema as an OpenAPI 3.0 schema object (no $schema, no title). */
function schemaObject(schema: JsonSchema): Document {
  const { $schema: _dialect, title: _title, ...rest } = schema;
  return rest;
}

function operation(route: CompiledRoute): Document {
  const parameters = [
    ...route.pathParameters.map((name) => ({
      name,
      in: "path",
      required: true,
      description: "The article's id; a malformed percent-encoding is a 400",
      schema: { type: "string" },
    })),
    ...route.query.map((parameter) => ({ name: parameter.name, in: "query", required: parameter.required, schema: parameter.schema })),
  ];
  const responses: Record<string, Document> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    if (response.shared) {
      responses[status] = { $ref: `#/components/responses/Error${status}` };
    } else if (status.startsWith("2")) {
      responses[status] = {
        description: response.description,
        ...(response.headers
          ? { headers: Object.fromEntries(Object.entries(response.headers).map(([name, header]) => [name, { ...header, schema: { type: "string" } }])) }
          : {}),
        ...(response.schema ? { content: { "application/json": { schema: response.schema } } } : {}),
      };
    } else {
      responses[status] = { description: response.description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    }
  }
  return {
    operationId: route.operationId,
    summary: route.description,
    description: `${route.description}.${route.apiKey ? " Requires the admin API key, which is checked before anything else." : ""}`,
    tags: [route.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${route.body.model}` } } } } }
      : {}),
    responses,
    security: route.apiKey ? [{ adminApiKey: [] }] : [],
  };
}

/** The OpenAPI 3.0 document of the API, generated from the compiled route table. */
export function openApiDocument(): Document {
  const paths: Record<string, Record<string, Document>> = {};
  for (const route of COMPILED_ROUTES) (paths[route.resource] ??= {})[route.method.toLowerCase()] = operation(route);
  const shared = new Map<string, string>();
  for (const route of COMPILED_ROUTES) {
    for (const [status, response] of Object.entries(route.responses)) if (response.shared) shared.set(status, response.description);
  }
  return {
    openapi: "3.0.3",
    info: {
      title: "Serverless blog API",
      version: "1.0.0",
      description: "Generated from functions/routes.ts. Every error is {\"error\":{\"code\",\"message\"}}.",
      contact: { name: "Blog maintainers" },
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "articles", description: "Publishing, reading, liking and administering articles" },
      { name: "operations", description: "Health of the service" },
    ],
    paths,
    components: {
      schemas: {
        Article: ARTICLE,
        Error: ERROR,
        ...Object.fromEntries(COMPILED_ROUTES.flatMap((route) => (route.body ? [[route.body.model, schemaObject(route.body.schema)]] : []))),
      },
      responses: Object.fromEntries(
        [...shared.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([status, description]) => [`Error${status}`, { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
      ),
      securitySchemes: { adminApiKey: { type: "apiKey", in: "header", name: "x-api-key" } },
    },
  };
}
