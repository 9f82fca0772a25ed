import type { APIGatewayProxyEvent } from "aws-lambda";
import { HttpError } from "./errors";
import { header, isJsonContentType } from "./request";
import { bodyViolation } from "./validation";

/** Content type, JSON syntax and the route's body schema, in that order; each failure is a distinct 4xx. */
export function jsonBody<T>(event: APIGatewayProxyEvent, route: string): T {
  if (!isJsonContentType(header(event, "content-type"))) {
    throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString("utf8") : (event.body ?? "");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, "BAD_REQUEST", "Request body is not valid JSON");
  }
  const violation = bodyViolation(route, value);
  if (violation) throw new HttpError(400, "VALIDATION_FAILED", violation);
  return value as T;
}
