import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { toProxyEvent } from "../../local/api-gateway-event";
import { COMPILED_ROUTES, compiledRoute } from "../../functions/compiled-routes";
import type { RouteHandler } from "../../functions/http/handler";
import { RouteName, STAGE_NAME } from "../../functions/routes";
import { ORIGIN_VERIFY_HEADER } from "../../functions/http/origin";
import { TEST_ORIGIN_SECRET } from "./dynamodb";

export interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** An object is sent as JSON with Content-Type application/json; a string is sent as is. */
  body?: unknown;
  sourceIp?: string;
  /** False: the request goes to the execute-api URL directly, without CloudFront's origin header. */
  viaCloudFront?: boolean;
}

export interface Reply {
  status: number;
  headers: Record<string, unknown>;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  raw: string;
}

export type Handlers = Record<RouteName, (event: APIGatewayProxyEvent, context?: Context) => Promise<APIGatewayProxyResult>>;

/**
 * Loads each route's handler module; call after the function environment is in place. A route
 * without a handler file, or whose file wraps another route, fails here.
 */
export function loadHandlers(): Handlers {
  return Object.fromEntries(
    COMPILED_ROUTES.map((route) => {
      const { handler } = require(`../../${route.handlerEntry.replace(/\.ts$/, "")}`) as { handler?: RouteHandler };
      if (!handler || handler.route !== route.name) throw new Error(`${route.handlerEntry} does not export the handler of route ${route.name}`);
      return [route.name, handler as Handlers[RouteName]];
    }),
  ) as Handlers;
}

/** Invokes a handler with the REST proxy event API Gateway would send for this route. */
export async function invoke(handlers: Handlers, routeName: RouteName, call: Call = {}): Promise<Reply> {
  const route = compiledRoute(routeName);
  const resource = route.resource;
  const path = resource.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(call.params?.[name] ?? ""));
  const headers: Record<string, string> = { ...call.headers };
  if (call.viaCloudFront !== false) headers[ORIGIN_VERIFY_HEADER] = TEST_ORIGIN_SECRET;
  if (!Object.keys(headers).some((name) => name.toLowerCase() === "user-agent")) headers["user-agent"] = "jest";
  let body = "";
  if (typeof call.body === "string") body = call.body;
  else if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers["content-type"] ??= "application/json";
  }
  const event = toProxyEvent(
    { method: route.method, path, query: new URLSearchParams(call.query), headers, body, sourceIp: call.sourceIp ?? "203.0.113.7" },
    resource,
    call.params ?? null,
    STAGE_NAME,
  );
  const result = await handlers[routeName](event, { awsRequestId: event.requestContext.requestId } as Context);
  let json: unknown;
  try {
    json = result.body ? JSON.parse(result.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: result.statusCode, headers: result.headers ?? {}, json, raw: result.body };
}
