import { Fn } from "cdktf";
import { createHash } from "node:crypto";
import { Construct } from "constructs";
import { ApiGatewayApiKey } from "@cdktf/provider-aws/lib/api-gateway-api-key";
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayGatewayResponse } from "@cdktf/provider-aws/lib/api-gateway-gateway-response";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayModel } from "@cdktf/provider-aws/lib/api-gateway-model";
import { ApiGatewayRequestValidator } from "@cdktf/provider-aws/lib/api-gateway-request-validator";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { ApiGatewayUsagePlan } from "@cdktf/provider-aws/lib/api-gateway-usage-plan";
import { ApiGatewayUsagePlanKey } from "@cdktf/provider-aws/lib/api-gateway-usage-plan-key";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { ApiGatewayIntegrationResponse } from "@cdktf/provider-aws/lib/api-gateway-integration-response";
import { ApiGatewayMethodResponse } from "@cdktf/provider-aws/lib/api-gateway-method-response";
import { CompiledRoute, RESOURCE_METHODS } from "../functions/compiled-routes";
import { GATEWAY_RESPONSES, GatewayResponse, methodNotAllowed } from "../functions/http/errors";
import { RouteName, STAGE_NAME } from "../functions/routes";
import { ApiGatewayCloudWatchAccount } from "./api-gateway-account";

export interface RestApiProps {
  apiName: string;
  namePrefix: string;
  routes: readonly CompiledRoute[];
  /** The Lambda function serving each route. */
  functions: Record<RouteName, LambdaFunction>;
  throttlingRateLimit: number;
  throttlingBurstLimit: number;
  logRetentionDays: number;
  /**
   * Own the account-wide CloudWatch role setting (one per account and region) in this stack: only
   * for an environment alone in its account; otherwise the `account-<region>` stack owns it.
   */
  manageAccountLogging: boolean;
  region: string;
}

/** JSON access log line; the caller's IP is left out on purpose (personal data). */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  httpMethod: "$context.httpMethod",
  resourcePath: "$context.resourcePath",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationLatency: "$context.integrationLatency",
  errorType: "$context.error.responseType",
  apiKeyId: "$context.identity.apiKeyId",
});

/**
 * A digest of settings known at synth time. Models, gateway responses, validators and methods
 * update in place (same id) when they change, so ids alone would leave the stage on the old deployment.
 */
function contentDigest(content: unknown): string {
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

/**
 * A REST API generated from the route table: one resource tree, a validated method and a Lambda
 * proxy integration per route, a stage that redeploys whenever any of that changes, logging,
 * throttling, JSON gateway errors, and an API key for the admin routes.
 */
export class RestApi extends Construct {
  readonly api: ApiGatewayRestApi;
  readonly stage: ApiGatewayStage;
  readonly apiKey: ApiGatewayApiKey;
  /** Everything the deployment's content depends on, hashed into its trigger. */
  private readonly deploymentInputs: string[] = [];

  constructor(scope: Construct, id: string, props: RestApiProps) {
    super(scope, id);
    this.api = new ApiGatewayRestApi(this, "api", {
      name: props.apiName,
      description: "Blog API, generated from functions/routes.ts",
      endpointConfiguration: { types: ["REGIONAL"] },
      minimumCompressionSize: "1024",
    });

    // Bodies are validated by the handler alone, so a 400 names the field and the rule on AWS as
    // it does locally: API Gateway's model validation answers only "Invalid request body".
    const validator = new ApiGatewayRequestValidator(this, "validator", {
      restApiId: this.api.id,
      name: "parameters",
      validateRequestBody: false,
      validateRequestParameters: true,
    });
    this.deploymentInputs.push(validator.id, contentDigest({ validateRequestBody: false, validateRequestParameters: true }));

    const resources = new Map<string, ApiGatewayResource>();
    for (const route of props.routes) this.addRoute(route, props, validator, resources);
    for (const [path, methods] of RESOURCE_METHODS) this.addMethodNotAllowed(resources.get(path)!, methods, validator);
    this.addGatewayResponses();

    const deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: this.api.id,
      description: "Managed by cdktf; replaced whenever the API changes",
      triggers: { redeployment: Fn.sha1(Fn.jsonencode(this.deploymentInputs)) },
      lifecycle: { createBeforeDestroy: true },
    });

    const accessLogs = new CloudwatchLogGroup(this, "access-logs", {
      name: `/aws/apigateway/${props.apiName}/access`,
      retentionInDays: props.logRetentionDays,
    });
    // API Gateway creates this group itself on first use, with no expiry; owning it sets retention.
    const executionLogs = new CloudwatchLogGroup(this, "execution-logs", {
      name: `API-Gateway-Execution-Logs_${this.api.id}/${STAGE_NAME}`,
      retentionInDays: props.logRetentionDays,
    });
    const account = props.manageAccountLogging
      ? new ApiGatewayCloudWatchAccount(this, "account-logging", { namePrefix: props.namePrefix, region: props.region }).account
      : undefined;

    this.stage = new ApiGatewayStage(this, "stage", {
      restApiId: this.api.id,
      stageName: STAGE_NAME,
      deploymentId: deployment.id,
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
      dependsOn: account ? [account] : [],
    });
    new ApiGatewayMethodSettings(this, "method-settings", {
      // Logging on, API Gateway creates the group itself on the first request; ours must exist first.
      dependsOn: [executionLogs],
      restApiId: this.api.id,
      stageName: this.stage.stageName,
      methodPath: "*/*",
      settings: {
        metricsEnabled: true,
        loggingLevel: "INFO",
        dataTraceEnabled: false,
        throttlingRateLimit: props.throttlingRateLimit,
        throttlingBurstLimit: props.throttlingBurstLimit,
      },
    });

    const usagePlan = new ApiGatewayUsagePlan(this, "usage-plan", {
      name: `${props.namePrefix}-admin`,
      description: "Admin clients: the key unlocks the routes marked apiKey in the route table",
      apiStages: [{ apiId: this.api.id, stage: this.stage.stageName }],
      throttleSettings: { rateLimit: props.throttlingRateLimit, burstLimit: props.throttlingBurstLimit },
    });
    this.apiKey = new ApiGatewayApiKey(this, "admin-key", { name: `${props.namePrefix}-admin`, enabled: true });
    new ApiGatewayUsagePlanKey(this, "usage-plan-key", {
      keyId: this.apiKey.id,
      keyType: "API_KEY",
      usagePlanId: usagePlan.id,
    });
  }

  private resourceFor(path: string, resources: Map<string, ApiGatewayResource>): ApiGatewayResource {
    const existing = resources.get(path);
    if (existing) return existing;
    const cut = path.lastIndexOf("/");
    const parentPath = path.slice(0, cut);
    const parentId = parentPath === "" ? this.api.rootResourceId : this.resourceFor(parentPath, resources).id;
    const resource = new ApiGatewayResource(this, `resource${path.replace(/[{}]/g, "")}`, {
      restApiId: this.api.id,
      parentId,
      pathPart: path.slice(cut + 1),
    });
    resources.set(path, resource);
    this.deploymentInputs.push(resource.id);
    return resource;
  }

  private addRoute(
    route: CompiledRoute,
    props: RestApiProps,
    validator: ApiGatewayRequestValidator,
    resources: Map<string, ApiGatewayResource>,
  ): void {
    const resource = this.resourceFor(route.resource, resources);
    const fn = props.functions[route.name];

    let requestModels: Record<string, string> | undefined;
    if (route.body) {
      // The model documents the body (exports, SDK generation); the handler validates it.
      const model = new ApiGatewayModel(this, `model-${route.body.model}`, {
        restApiId: this.api.id,
        name: route.body.model,
        contentType: "application/json",
        schema: JSON.stringify(route.body.schema),
      });
      requestModels = { "application/json": model.name };
      this.deploymentInputs.push(model.id, contentDigest({ name: route.body.model, contentType: "application/json", schema: route.body.schema }));
    }
    const requestParameters: Record<string, boolean> = {};
    for (const name of route.pathParameters) requestParameters[`method.request.path.${name}`] = true;
    for (const parameter of route.query) requestParameters[`method.request.querystring.${parameter.name}`] = parameter.required;

    const method = new ApiGatewayMethod(this, `method-${route.slug}`, {
      restApiId: this.api.id,
      resourceId: resource.id,
      httpMethod: route.method,
      authorization: "NONE",
      apiKeyRequired: route.apiKey,
      requestValidatorId: validator.id,
      requestModels,
      requestParameters,
    });
    const integration = new ApiGatewayIntegration(this, `integration-${route.slug}`, {
      restApiId: this.api.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      type: "AWS_PROXY",
      integrationHttpMethod: "POST",
      uri: fn.invokeArn,
    });
    this.deploymentInputs.push(
      method.id,
      integration.id,
      contentDigest({ apiKeyRequired: route.apiKey, model: route.body?.model, requestParameters, integration: ["AWS_PROXY", "POST"] }),
    );

    // Only this method on this path may invoke the function, from any stage of this API.
    new LambdaPermission(this, `permission-${route.slug}`, {
      statementId: "AllowApiGatewayInvoke",
      action: "lambda:InvokeFunction",
      functionName: fn.functionName,
      principal: "apigateway.amazonaws.com",
      sourceArn: `${this.api.executionArn}/*/${route.method}${route.arnPath}`,
    });
  }

  /**
   * Any other method on a route's path (HEAD included) matches ANY, whose MOCK integration answers
   * 405 with the path's Allow header in the JSON error shape, as the local server does.
   */
  private addMethodNotAllowed(resource: ApiGatewayResource, methods: readonly string[], validator: ApiGatewayRequestValidator): void {
    const id = `not-allowed${resource.node.id.replace(/^resource/, "")}`;
    const answer = methodNotAllowed(methods);
    const method = new ApiGatewayMethod(this, `method-${id}`, {
      restApiId: this.api.id,
      resourceId: resource.id,
      httpMethod: "ANY",
      authorization: "NONE",
      requestValidatorId: validator.id,
    });
    const integration = new ApiGatewayIntegration(this, `integration-${id}`, {
      restApiId: this.api.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      type: "MOCK",
      // A request without Content-Type uses the application/json template; another content type
      // is refused (415) rather than passed through, which a MOCK cannot answer from.
      passthroughBehavior: "NEVER",
      requestTemplates: { "application/json": '{"statusCode": 405}' },
    });
    const methodResponse = new ApiGatewayMethodResponse(this, `method-response-${id}`, {
      restApiId: this.api.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      statusCode: "405",
      responseParameters: { "method.response.header.Allow": true },
    });
    const integrationResponse = new ApiGatewayIntegrationResponse(this, `integration-response-${id}`, {
      restApiId: this.api.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      statusCode: "405",
      responseParameters: { "method.response.header.Allow": `'${answer.headers.Allow}'` },
      responseTemplates: { "application/json": JSON.stringify(answer.body) },
      dependsOn: [integration, methodResponse],
    });
    this.deploymentInputs.push(
      method.id,
      integration.id,
      methodResponse.id,
      integrationResponse.id,
      contentDigest({
        httpMethod: "ANY",
        integration: ["MOCK", "NEVER", '{"statusCode": 405}'],
        allow: answer.headers.Allow,
        responseTemplate: answer.body,
      }),
    );
  }

  private addGatewayResponses(): void {
    for (const [type, response] of Object.entries(GATEWAY_RESPONSES) as [string, GatewayResponse][]) {
      const message = response.gatewayMessage ? "$context.error.messageString" : JSON.stringify(response.message);
      // DEFAULT_4XX/5XX declare no status: one would replace the status of every response type
      // they cover (a 504 integration timeout would answer 500); their templates are what this needs.
      const statusCode = response.status === undefined ? undefined : String(response.status);
      const responseTemplates = { "application/json": `{"error":{"code":"${response.code}","message":${message}}}` };
      const gatewayResponse = new ApiGatewayGatewayResponse(this, `gateway-response-${type.toLowerCase()}`, {
        restApiId: this.api.id,
        responseType: type,
        statusCode,
        responseTemplates,
      });
      this.deploymentInputs.push(gatewayResponse.id, contentDigest({ type, statusCode, responseTemplates }));
    }
  }
}
