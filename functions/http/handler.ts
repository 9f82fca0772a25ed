import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { ConflictError, InvalidInputError, NotFoundError } from "../articles/errors";
import { readOriginVerifySecret } from "../environment";
import { ErrorCode, errorBody, HttpError } from "./errors";
import { cameThroughCloudFront } from "./origin";

export type RouteLogic = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

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
 * Wraps a route's logic: refuses requests that did not come through CloudFront, maps domain
 * errors to the JSON error shape and logs one JSON line per request. An unexpected error is logged in full and answered with a generic 500, never its text.
 */
export function httpHandler(route: string, logic: RouteLogic) {
  return async (event: APIGatewayProxyEvent, context?: Context): Promise<APIGatewayProxyResult> => {
    const started = Date.now();
    let response: APIGatewayProxyResult;
    let failure: unknown;
    try {
      // A direct call to the execute-api URL could forge the viewer headers and skip WAF.
      if (!cameThroughCloudFront(event.headers, readOriginVerifySecret())) {
        throw new HttpError(403, "FORBIDDEN", "Call the API through the site's address");
      }
      response = await logic(event);
    } catch (error) {
      const known = toHttpError(error);
      if (known) {
        response = errorResponse(known.status, known.code, known.message);
      } else {
        failure = error;
        response = errorResponse(500, "INTERNAL_ERROR", "Internal error");
      }
    }
    const line = {
      level: failure ? "ERROR" : "INFO",
      route,
      requestId: context?.awsRequestId ?? event.requestContext?.requestId,
      status: response.statusCode,
      latencyMs: Date.now() - started,
      ...(failure ? { error: failure instanceof Error ? { name: failure.name, message: failure.message, stack: failure.stack } : String(failure) } : {}),
    };
    (failure ? console.error : console.log)(JSON.stringify(line));
    return response;
  };
}
