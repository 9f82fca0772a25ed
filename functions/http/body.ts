import type { APIGatewayProxyEvent } from "aws-lambda";
import type { RouteName } from "../routes";
import { HttpError } from "./errors";
import { declaredCharset, header, isJsonContentType } from "./request";
import { bodyViolation } from "./validation";

/**
 * Content type, encoding, JSON syntax and the route's body schema, in that order; each failure
 * is a distinct 4xx that names what is wrong. The handler is the only body validator, on AWS and
 * locally, so the detailed message is the same on both.
 */
export function jsonBody(event: APIGatewayProxyEvent, route: RouteName): unknown {
  const contentType = header(event, "content-type");
  if (!isJsonContentType(contentType)) {
    throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
  }
  const charset = declaredCharset(contentType!);
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "The body must be UTF-8: remove the charset parameter or declare charset=utf-8");
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString("utf8") : (event.body ?? "");
  // Bytes that are not UTF-8 reach the handler decoded as U+FFFD; storing that would alter the
  // text silently, so a replacement character is refused wherever it comes from.
  if (text.includes("\uFFFD")) {
    throw new HttpError(400, "BAD_REQUEST", "The body is not valid UTF-8 (or contains U+FFFD, the replacement character)");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, "BAD_REQUEST", "The body is not valid JSON");
  }
  const violation = bodyViolation(route, value);
  if (violation) throw new HttpError(400, "VALIDATION_FAILED", violation);
  return value;
}
