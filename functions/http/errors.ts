/** Every error the API returns, from a handler, API Gateway or the local runtime, has this shape. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export type ErrorCode =
  | "BAD_REQUEST"
  | "VALIDATION_FAILED"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "CONFLICT"
  | "THROTTLED"
  | "INTERNAL_ERROR"
  | "SERVICE_UNAVAILABLE";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

export interface GatewayResponse {
  /** Absent: API Gateway keeps the status of the error it answers with this response. */
  status?: number;
  code: ErrorCode;
  message: string;
  /**
   * Use API Gateway's own message ($context.error.messageString, which it renders as a quoted
   * JSON string) in AWS. validationErrorString is not used: it holds unescaped quotes, and a
   * gateway response template has no VTL to escape them, so the body would not be valid JSON.
   */
  gatewayMessage?: boolean;
}

/**
 * API Gateway's own refusals, re-shaped into the handlers' JSON error. Terraform renders these
 * as aws_api_gateway_gateway_response; the local runtime answers with the same status and code.
 */
export const GATEWAY_RESPONSES = {
  DEFAULT_4XX: { code: "BAD_REQUEST", message: "Bad request", gatewayMessage: true },
  DEFAULT_5XX: { code: "INTERNAL_ERROR", message: "Internal error" },
  BAD_REQUEST_BODY: { status: 400, code: "VALIDATION_FAILED", message: "Invalid request body", gatewayMessage: true },
  BAD_REQUEST_PARAMETERS: { status: 400, code: "VALIDATION_FAILED", message: "Invalid request parameters", gatewayMessage: true },
  // A REST API answers an unknown route or method with 403 "Missing Authentication Token".
  MISSING_AUTHENTICATION_TOKEN: { status: 404, code: "NOT_FOUND", message: "No such route" },
  INVALID_API_KEY: { status: 403, code: "FORBIDDEN", message: "A valid x-api-key header is required" },
  ACCESS_DENIED: { status: 403, code: "FORBIDDEN", message: "Access denied" },
  THROTTLED: { status: 429, code: "THROTTLED", message: "Too many requests" },
  QUOTA_EXCEEDED: { status: 429, code: "THROTTLED", message: "Quota exceeded" },
  REQUEST_TOO_LARGE: { status: 413, code: "PAYLOAD_TOO_LARGE", message: "Request too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: "Content-Type must be application/json" },
} as const satisfies Partial<Record<GatewayResponseType, GatewayResponse>>;

/** API Gateway's response types (AWS::ApiGateway::GatewayResponse ResponseType) that this API re-shapes. */
export type GatewayResponseType =
  | "DEFAULT_4XX"
  | "DEFAULT_5XX"
  | "BAD_REQUEST_BODY"
  | "BAD_REQUEST_PARAMETERS"
  | "MISSING_AUTHENTICATION_TOKEN"
  | "INVALID_API_KEY"
  | "ACCESS_DENIED"
  | "THROTTLED"
  | "QUOTA_EXCEEDED"
  | "REQUEST_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE";

/** A 405's answer, the same from the local server and from API Gateway's per-resource MOCK method. */
export function methodNotAllowed(methods: readonly string[]): { headers: Record<string, string>; body: ErrorBody } {
  return {
    headers: { Allow: methods.join(", "), "Content-Type": "application/json" },
    body: errorBody("METHOD_NOT_ALLOWED", `This path answers only ${methods.join(", ")}`),
  };
}
