import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { isJsonContentType } from "../functions/http/request";
import { errorBody, GATEWAY_RESPONSES } from "../functions/http/errors";
import { ORIGIN_VERIFY_HEADER } from "../functions/http/origin";
import { bodyViolation } from "../functions/http/validation";
import { API_BASE_PATH, pathParameters, RouteDefinition } from "../functions/routes";
import { toProxyEvent } from "./api-gateway-event";

export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface ApiServerOptions {
  routes: readonly RouteDefinition[];
  /** The handler serving each route, by route name. */
  handlers: Record<string, ProxyHandler>;
  adminApiKey: string;
  stage: string;
  /** Added to every request, replacing any value the client sent, as CloudFront's origin header does. */
  originVerifySecret: string;
}

/** API Gateway's payload limit for REST APIs. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  route: RouteDefinition;
  resource: string;
  pattern: RegExp;
  params: string[];
}

function compile(route: RouteDefinition): CompiledRoute {
  const resource = `${API_BASE_PATH}${route.path}`;
  const pattern = new RegExp(`^${resource.replace(/\{[^}]+\}/g, "([^/]+)")}/?$`);
  return { route, resource, pattern, params: pathParameters(route.path) };
}

class GatewayRefusal extends Error {
  constructor(readonly type: keyof typeof GATEWAY_RESPONSES) {
    super(type);
  }
}

function sameKey(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // An oversized body is read to its end and dropped, so the refusal can still be answered.
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () =>
      size > MAX_BODY_BYTES ? reject(new GatewayRefusal("REQUEST_TOO_LARGE")) : resolve(Buffer.concat(chunks).toString("utf8")),
    );
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, headers: Record<string, string | string[]>, body: string): void {
  if (response.headersSent) return;
  response.writeHead(status, { ...headers, "Content-Length": String(Buffer.byteLength(body)) });
  response.end(body);
}

function sendRefusal(response: ServerResponse, type: keyof typeof GATEWAY_RESPONSES): void {
  const refusal = GATEWAY_RESPONSES[type];
  send(response, refusal.status, { "Content-Type": "application/json" }, JSON.stringify(errorBody(refusal.code, refusal.message)));
}

/**
 * Serves /api/* from the route table as API Gateway does: unknown routes are 404, the API key is
 * checked on admin routes, bodies are validated against the route's model before the handler
 * runs, and each handler receives a REST proxy event.
 */
export function apiRequestHandler(options: ApiServerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const compiled = options.routes.map(compile);

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const method = request.method ?? "GET";
    const match = compiled.find((candidate) => candidate.route.method === method && candidate.pattern.test(url.pathname));
    if (!match) throw new GatewayRefusal("MISSING_AUTHENTICATION_TOKEN");
    const values = match.pattern.exec(url.pathname)!.slice(1);
    let params: Record<string, string> | null = null;
    if (match.params.length > 0) {
      try {
        params = Object.fromEntries(match.params.map((name, i) => [name, decodeURIComponent(values[i])]));
      } catch {
        throw new GatewayRefusal("BAD_REQUEST_PARAMETERS");
      }
    }
    const body = await readBody(request);
    const apiKey = request.headers["x-api-key"];
    if (match.route.apiKey && !sameKey(Array.isArray(apiKey) ? apiKey[0] : apiKey, options.adminApiKey)) {
      throw new GatewayRefusal("INVALID_API_KEY");
    }
    for (const [name, required] of Object.entries(match.route.query ?? {})) {
      if (required && !url.searchParams.has(name)) throw new GatewayRefusal("BAD_REQUEST_PARAMETERS");
    }
    if (match.route.body && isJsonContentType(request.headers["content-type"])) {
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        throw new GatewayRefusal("BAD_REQUEST_BODY");
      }
      if (bodyViolation(match.route.name, value)) throw new GatewayRefusal("BAD_REQUEST_BODY");
    }

    const event = toProxyEvent(
      {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: { ...request.headers, [ORIGIN_VERIFY_HEADER]: options.originVerifySecret },
        body,
        sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
      },
      match.resource,
      params,
      options.stage,
    );
    const handler = options.handlers[match.route.name];
    const context = { awsRequestId: event.requestContext.requestId, functionName: match.route.name } as Context;
    let result: APIGatewayProxyResult;
    try {
      result = await handler(event, context);
    } catch (error) {
      // API Gateway answers a failed invocation with its 5XX gateway response.
      console.error(JSON.stringify({ level: "ERROR", route: match.route.name, error: String(error) }));
      throw new GatewayRefusal("DEFAULT_5XX");
    }
    if (!result || typeof result.statusCode !== "number") throw new GatewayRefusal("DEFAULT_5XX");
    const headers: Record<string, string | string[]> = { ...(result.multiValueHeaders as Record<string, string[]>) };
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
    const text = result.isBase64Encoded ? Buffer.from(result.body, "base64").toString("latin1") : (result.body ?? "");
    send(response, result.statusCode, headers, text);
  };

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof GatewayRefusal) {
        sendRefusal(response, error.type);
      } else {
        console.error(JSON.stringify({ level: "ERROR", message: "local API server failure", error: String(error) }));
        sendRefusal(response, "DEFAULT_5XX");
      }
    });
  };
}
