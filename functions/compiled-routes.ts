import { API_BASE_PATH, HttpMethod, ResponseDefinition, RouteDefinition, RouteName, ROUTES, TableGrant } from "./routes";
import { JsonSchema } from "./schemas";

export interface QueryParameter {
  name: string;
  required: boolean;
  /** Draft-4 JSON Schema of the value, for the OpenAPI document. */
  schema: JsonSchema;
}

/** A documented answer: a route's own, or an error that follows from the route's shape. */
export interface CompiledResponse extends ResponseDefinition {
  /** Shared error answers are components of the OpenAPI document; a route's own are inline. */
  shared: boolean;
}

/** Everything a consumer needs about one route, computed once from its entry in ROUTES. */
export interface CompiledRoute {
  name: RouteName;
  /** kebab-case name: the Lambda function's suffix, the handler file and the log's route field. */
  slug: string;
  method: HttpMethod;
  description: string;
  tag: string;
  /** The full resource path, as API Gateway names it: /api/articles/{id}. */
  resource: string;
  pathParameters: string[];
  /** The resource path in an execute-api ARN: /api/articles/*. */
  arnPath: string;
  /** Matches a request path of this resource and captures its path parameters, in order. */
  matcher: RegExp;
  operationId: string;
  handlerEntry: string;
  body?: { model: string; schema: JsonSchema };
  query: QueryParameter[];
  /** Every status the route can answer, by status code. */
  responses: Record<string, CompiledResponse>;
  apiKey: boolean;
  cached: boolean;
  grants: readonly TableGrant[];
}

/** Errors every route can give, whatever its shape. */
const SHARED_ERRORS: Record<number, string> = {
  403: "The call did not come through the site's CloudFront (or its WAF refused it)",
  405: "The path exists but not with this method; the Allow header lists the methods it has",
  413: "The request is larger than the API accepts",
  429: "Too many requests",
  431: "The request's headers are too large",
  500: "Internal error",
};

function shapeErrors(route: RouteDefinition, pathParameters: string[]): Record<number, string> {
  const errors: Record<number, string> = { ...SHARED_ERRORS };
  if (route.body || route.query || pathParameters.length) {
    errors[400] = "The request is malformed (JSON syntax, a field, a query or path parameter); the message names the field and the rule";
  }
  if (route.body) errors[415] = "Content-Type is not application/json, or declares a charset other than UTF-8";
  if (pathParameters.length) errors[404] = "No such article";
  // The key is checked before anything else about the request.
  if (route.apiKey) errors[403] = "A valid x-api-key header is required (checked first), or the call did not come through CloudFront";
  return errors;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

function compile(name: RouteName): CompiledRoute {
  const route: RouteDefinition = ROUTES[name];
  const resource = `${API_BASE_PATH}${route.path}`;
  const pathParameters = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]);
  const responses: Record<string, CompiledResponse> = {};
  for (const [status, description] of Object.entries(shapeErrors(route, pathParameters))) {
    responses[status] = { description, shared: true };
  }
  for (const [status, response] of Object.entries(route.responses)) responses[status] = { ...response, shared: false };
  const slug = kebab(name);
  return {
    name,
    slug,
    method: route.method,
    description: route.description,
    tag: route.tag,
    resource,
    pathParameters,
    arnPath: resource.replace(/\{[^}]+\}/g, "*"),
    matcher: new RegExp(`^${resource.replace(/\{[^}]+\}/g, "([^/]+)")}/?$`),
    operationId: name,
    handlerEntry: `functions/handlers/${slug}.ts`,
    body: route.body ? { model: route.body.title, schema: route.body } : undefined,
    query: Object.entries(route.query ?? {}).map(([parameter, { required, schema }]) => ({ name: parameter, required, schema })),
    responses,
    apiKey: route.apiKey,
    cached: route.cached ?? false,
    grants: route.grants,
  };
}

export const ROUTE_NAMES = Object.keys(ROUTES) as RouteName[];

/** The compiled route table, in declaration order. */
export const COMPILED_ROUTES: readonly CompiledRoute[] = ROUTE_NAMES.map(compile);

export function compiledRoute(name: RouteName): CompiledRoute {
  return COMPILED_ROUTES.find((route) => route.name === name)!;
}

/** Each resource path with the methods it has, for 405 answers and their Allow header. */
export const RESOURCE_METHODS: ReadonlyMap<string, readonly HttpMethod[]> = new Map(
  [...new Set(COMPILED_ROUTES.map((route) => route.resource))].map((resource) => [
    resource,
    COMPILED_ROUTES.filter((route) => route.resource === resource).map((route) => route.method),
  ]),
);
