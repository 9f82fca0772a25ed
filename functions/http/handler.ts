import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { ConflictError, InvalidInputError, NotFoundError } from "../articles/errors";
import type { BodyType } from "../bodies";
import { errorFields, log } from "../log";
import { RouteName, ROUTES } from "../routes";
import { readOriginVerifySecret } from "../environment";
import { ErrorCode, errorBody, HttpError } from "./errors";
import { cameThroughCloudFront } from "./origin";

type Route = (typeof ROUTES)[RouteName];

/** The parsed, validated body of a route with a body schema; undefined for the others. */
export type BodyOf<R> = R extends { body: infer S } ? BodyType<S> : undefined;

/**
 * Checks a body against its route's schema (functions/http/body.ts, with the validator compiled
 * from that schema); only routes with a body bundle it.
 */
export type BodyParser = (event: APIGatewayProxyEvent, route: RouteName) => unknown;

export interface RouteRequest<R> {
  event: APIGatewayProxyEvent;
  body: BodyOf<R>;
}

export type RouteLogic<R> = (request: RouteRequest<R>) => Promise<APIGatewayProxyResult>;

/** A route's Lambda handler, tagged with the route it serves so the tests can check the pairing. */
export interface RouteHandler {
  (event: APIGatewayProxyEvent, context?: Context): Promise<APIGatewayProxyResult>;
  route: RouteName;
}

const JSON_HEADERS = { "Content-Type": "application/json" };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode: status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function noContent(): APIGatewayProxyResult {
  return { statusCode: 204, headers: {}, body: "" };
}

function errorResponse(status: number, code: ErrorCode, message: string): APIGatewayProxyResult {
  return json(status, errorBody(code, message));
}

function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof NotFoundError) return new HttpError(404, "NOT_FOUND", error.message);
  if (error instanceof ConflictError) return new HttpError(409, "CONFLICT", error.message);
  if (error instanceof InvalidInputError) return new HttpError(400, "VALIDATION_FAILED", error.message);
  return undefined;
}

/**
 * Wraps a route's logic, given its entry in ROUTES (not its name, so no handler repeats a
 * route-name string): refuses requests that did not come through CloudFront, parses and
 * validates the body with the route's validator, maps domain errors to the JSON error shape and
 * logs one JSON line per request. An unexpected error is logged in full and answered with a
 * generic 500, never its text.
 */
export function routeHandler<R extends Route>(
  definition: R,
  logic: RouteLogic<R>,
  ...parser: R extends { body: object } ? [BodyParser] : []
): RouteHandler {
  const name = (Object.keys(ROUTES) as RouteName[]).find((candidate) => ROUTES[candidate] === definition);
  if (!name) throw new Error("routeHandler: not an entry of ROUTES");
  const route = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  const hasBody = "body" in definition;
  const [parseBody] = parser as [BodyParser?];
  if (hasBody && !parseBody) throw new Error(`routeHandler: route ${name} has a body and needs a body parser`);
  const handler = async (event: APIGatewayProxyEvent, context?: Context): Promise<APIGatewayProxyResult> => {
    const started = Date.now();
    let response: APIGatewayProxyResult;
    let failure: unknown;
    try {
      // A direct call to the execute-api URL could forge the viewer headers and skip WAF.
      if (!cameThroughCloudFront(event.headers, readOriginVerifySecret())) {
        throw new HttpError(403, "FORBIDDEN", "Call the API through the site's address");
      }
      const body = (hasBody && parseBody ? parseBody(event, name) : undefined) as BodyOf<R>;
      response = await logic({ event, body });
    } catch (error) {
      const known = toHttpError(error);
      if (known) {
        response = errorResponse(known.status, known.code, known.message);
      } else {
        failure = error;
        response = errorResponse(500, "INTERNAL_ERROR", "Internal error");
      }
    }
    log(failure ? "ERROR" : "INFO", "request", {
      route,
      requestId: context?.awsRequestId ?? event.requestContext?.requestId,
      status: response.statusCode,
      latencyMs: Date.now() - started,
      ...(failure ? { error: errorFields(failure) } : {}),
    });
    return response;
  };
  return Object.assign(handler, { route: name });
}
