import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { CompiledRoute, RESOURCE_METHODS } from "../functions/compiled-routes";
import { errorBody, GATEWAY_RESPONSES, GatewayResponseType, methodNotAllowed } from "../functions/http/errors";
import { errorFields, log } from "../functions/log";
import { RouteName } from "../functions/routes";
import { ORIGIN_VERIFY_HEADER } from "../functions/http/origin";
import { toProxyEvent } from "./api-gateway-event";

export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface ApiServerOptions {
  routes: readonly CompiledRoute[];
  /** The handler serving each route. */
  handlers: Record<RouteName, ProxyHandler>;
  adminApiKey: string;
  stage: string;
  /** Added to every request, replacing any value the client sent, as CloudFront's origin header does. */
  originVerifySecret: string;
}

/** API Gateway's payload limit for REST APIs. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

class GatewayRefusal extends Error {
  constructor(
    readonly type: GatewayResponseType,
    /** For the DEFAULT_* types, which keep the status of the error they answer. */
    readonly status?: number,
  ) {
    super(type);
  }
}

/** The client went away mid-request: nothing to answer, and nothing wrong with the server. */
class ClientAbort extends Error {}

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
    request.on("error", (error: NodeJS.ErrnoException) => reject(error.code === "ECONNRESET" ? new ClientAbort(error.message) : error));
    request.on("aborted", () => reject(new ClientAbort("request aborted")));
  });
}

function send(response: ServerResponse, status: number, headers: Record<string, string | string[]>, body: string): void {
  if (response.headersSent) return;
  response.writeHead(status, { ...headers, "Content-Length": String(Buffer.byteLength(body)) });
  response.end(body);
}

function sendRefusal(response: ServerResponse, refusal: GatewayRefusal): void {
  const gateway: { status?: number; code: Parameters<typeof errorBody>[0]; message: string } = GATEWAY_RESPONSES[refusal.type];
  const status = refusal.status ?? gateway.status ?? 500;
  send(response, status, { "Content-Type": "application/json" }, JSON.stringify(errorBody(gateway.code, gateway.message)));
}

/**
 * Serves /api/* from the compiled route table as API Gateway does: unknown paths are 404, other
 * methods on a known path 405 with Allow, the API key is checked first on admin routes, and each
 * handler receives a REST proxy event (and validates its body itself, as on AWS).
 */
export function apiRequestHandler(options: ApiServerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const method = request.method ?? "GET";
    const onPath = options.routes.filter((candidate) => candidate.matcher.test(url.pathname));
    if (onPath.length === 0) throw new GatewayRefusal("MISSING_AUTHENTICATION_TOKEN");
    const match = onPath.find((candidate) => candidate.method === method);
    if (!match) {
      request.resume();
      const answer = methodNotAllowed(RESOURCE_METHODS.get(onPath[0].resource)!);
      send(response, 405, answer.headers, JSON.stringify(answer.body));
      return;
    }
    const apiKey = request.headers["x-api-key"];
    if (match.apiKey && !sameKey(Array.isArray(apiKey) ? apiKey[0] : apiKey, options.adminApiKey)) {
      request.resume();
      throw new GatewayRefusal("INVALID_API_KEY");
    }
    const values = match.matcher.exec(url.pathname)!.slice(1);
    let params: Record<string, string> | null = null;
    if (match.pathParameters.length > 0) {
      try {
        params = Object.fromEntries(match.pathParameters.map((name, i) => [name, decodeURIComponent(values[i])]));
      } catch {
        request.resume();
        throw new GatewayRefusal("BAD_REQUEST_PARAMETERS");
      }
    }
    const body = await readBody(request);
    for (const parameter of match.query) {
      if (parameter.required && !url.searchParams.has(parameter.name)) throw new GatewayRefusal("BAD_REQUEST_PARAMETERS");
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
    const handler = options.handlers[match.name];
    const context = { awsRequestId: event.requestContext.requestId, functionName: match.slug } as Context;
    let result: APIGatewayProxyResult;
    try {
      result = await handler(event, context);
    } catch (error) {
      // API Gateway answers a failed invocation with its 5XX gateway response.
      log("ERROR", "handler failed", { route: match.slug, error: errorFields(error) });
      throw new GatewayRefusal("DEFAULT_5XX", 500);
    }
    if (!result || typeof result.statusCode !== "number") throw new GatewayRefusal("DEFAULT_5XX", 500);
    const headers: Record<string, string | string[]> = { ...(result.multiValueHeaders as Record<string, string[]>) };
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
    const text = result.isBase64Encoded ? Buffer.from(result.body, "base64").toString("latin1") : (result.body ?? "");
    send(response, result.statusCode, headers, text);
  };

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof GatewayRefusal) {
        sendRefusal(response, error);
      } else if (error instanceof ClientAbort) {
        log("WARN", "client aborted the request", { method: request.method, path: request.url?.slice(0, 200) });
      } else {
        log("ERROR", "local API server failure", { error: errorFields(error) });
        sendRefusal(response, new GatewayRefusal("DEFAULT_5XX", 500));
      }
    });
  };
}
