import type { APIGatewayProxyEvent } from "aws-lambda";
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export interface RawRequest {
  method: string;
  /** Path below the stage, e.g. /api/articles/abc. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  sourceIp: string;
}

/** A REST API (v1) Lambda proxy event, as API Gateway builds it for the stage "api". */
export function toProxyEvent(
  request: RawRequest,
  resource: string,
  pathParameters: Record<string, string> | null,
  stage: string,
): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    multiValueHeaders[name] = values;
    headers[name] = values[values.length - 1];
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of request.query) {
    (multiQuery[name] ??= []).push(value);
    query[name] = value;
  }
  const hasQuery = Object.keys(query).length > 0;
  const requestId = randomUUID();
  return {
    resource,
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters,
    stageVariables: null,
    body: request.body === "" ? null : request.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      authorizer: null,
      protocol: "HTTP/1.1",
      httpMethod: request.method,
      path: `/${stage}${request.path}`,
      stage,
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: "local",
      resourcePath: resource,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: headers["x-api-key"] ?? null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: headers["user-agent"] ?? null,
        userArn: null,
      },
    },
  };
}
