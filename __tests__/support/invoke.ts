import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { toProxyEvent } from "../../local/api-gateway-event";
import { ORIGIN_VERIFY_HEADER } from "../../functions/http/origin";
import { API_BASE_PATH, ROUTES } from "../../functions/routes";
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

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Loads each route's handler module; call after the function environment is in place. */
export function loadHandlers(): Record<string, Handler> {
  return Object.fromEntries(
    ROUTES.map((route) => [route.name, (require(`../../functions/handlers/${route.name}`) as { handler: Handler }).handler]),
  );
}

/** Invokes a handler with the REST proxy event API Gateway would send for this route. */
export async function invoke(handlers: Record<string, Handler>, routeName: string, call: Call = {}): Promise<Reply> {
  const route = ROUTES.find((candidate) => candidate.name === routeName)!;
  const resource = `${API_BASE_PATH}${route.path}`;
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
    "api",
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
