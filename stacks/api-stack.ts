import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { EnvironmentConfig } from "../config/environment";
import { Alarms } from "../constructs/alarms";
import { ArticlesTable } from "../constructs/articles-table";
import { Dashboard } from "../constructs/dashboard";
import { BundledFunction } from "../constructs/bundled-function";
import { OriginSecret } from "../constructs/origin-secret";
import { RestApi } from "../constructs/rest-api";
import { functionEnvironment } from "../functions/environment";
import { COMPILED_ROUTES } from "../functions/compiled-routes";
import { RouteName, STAGE_NAME } from "../functions/routes";
import { deliveryStreamName, LAKE_TABLES } from "../functions/lake/tables";
import { EnvironmentStack } from "./environment-stack";
import { resourceNames } from "./names";

/** What the other stacks read from the API stack (as cross-stack references), and nothing more. */
export interface ApiStackOutputs {
  readonly tableArn: string;
  readonly tableStreamArn: string;
  readonly restApiId: string;
  readonly stageName: string;
  readonly originSecret: { readonly value: string };
}

/** `<env>-api`: the table, one function per route, and the REST API in front of them. */
export class ApiStack extends EnvironmentStack implements ApiStackOutputs {
  readonly tableArn: string;
  readonly tableStreamArn: string;
  readonly restApiId: string;
  readonly stageName: string;
  /** The secret CloudFront sends to the API; only the site stack reads it. */
  readonly originSecret: OriginSecret;

  constructor(scope: Construct, id: string, env: EnvironmentConfig) {
    super(scope, id, env);
    const names = resourceNames(env.namePrefix);
    const table = new ArticlesTable(this, "articles", {
      name: names.table,
      deletionProtection: env.deletionProtection,
    });
    this.originSecret = new OriginSecret(this, "origin-secret", env.namePrefix);
    const environment = functionEnvironment({
      tableName: table.table.name,
      articleTtlSeconds: env.articleTtlDays * 86400,
      originVerifySecret: this.originSecret.value,
    });

    const functions = Object.fromEntries(
      COMPILED_ROUTES.map((route) => {
        const fn = new BundledFunction(this, route.slug, {
          functionName: names.routeFunction(route.slug),
          entry: route.handlerEntry,
          description: `${route.method} ${route.resource}: ${route.description}`,
          memoryMb: env.lambda.memoryMb,
          timeoutSeconds: env.lambda.timeoutSeconds,
          logRetentionDays: env.logRetentionDays,
          environment,
          statements: table.grantStatements(route.grants),
        });
        return [route.name, fn.function];
      }),
    ) as Record<RouteName, BundledFunction["function"]>;

    const restApi = new RestApi(this, "rest-api", {
      apiName: names.api,
      namePrefix: env.namePrefix,
      routes: COMPILED_ROUTES,
      functions,
      throttlingRateLimit: env.api.throttlingRateLimit,
      throttlingBurstLimit: env.api.throttlingBurstLimit,
      logRetentionDays: env.logRetentionDays,
      manageAccountLogging: env.manageApiGatewayAccount,
      region: env.region,
    });

    this.tableArn = table.table.arn;
    this.tableStreamArn = table.table.streamArn;
    this.restApiId = restApi.api.id;
    this.stageName = restApi.stage.stageName;

    this.addAlarms(env);
    new Dashboard(this, "dashboard", {
      name: names.dashboard,
      region: env.region,
      apiName: names.api,
      stage: STAGE_NAME,
      tableName: names.table,
      functionNames: COMPILED_ROUTES.map((route) => names.routeFunction(route.slug)),
      streamReaderName: names.streamReader,
      deadLetterQueueName: names.streamReaderDlq,
      deliveryStreams: LAKE_TABLES.map((table) => deliveryStreamName(env.namePrefix, table)),
    });

    new TerraformOutput(this, "table_name", { value: table.table.name });
    new TerraformOutput(this, "table_stream_arn", { value: table.table.streamArn });
    new TerraformOutput(this, "rest_api_id", { value: restApi.api.id });
    new TerraformOutput(this, "stage_name", { value: restApi.stage.stageName });
    new TerraformOutput(this, "api_url", { value: restApi.stage.invokeUrl });
    new TerraformOutput(this, "admin_api_key_id", {
      value: restApi.apiKey.id,
      description: "aws apigateway get-api-key --include-value --api-key <id> prints the admin key",
    });
  }

  /** Each function, the API and the table, alarmed on the api stack's own topic. */
  private addAlarms(env: EnvironmentConfig): void {
    const names = resourceNames(env.namePrefix);
    const alarms = new Alarms(this, "alarms", { topicName: names.alarmTopic("api"), email: env.alarms.email });
    new TerraformOutput(this, "alarm_topic_arn", { value: alarms.topic.arn, description: "Subscribe whoever should hear this stack's alarms" });
    for (const route of COMPILED_ROUTES) alarms.lambda(names.routeFunction(route.slug), env.lambda.timeoutSeconds);

    const api = { ApiName: names.api, Stage: STAGE_NAME };
    alarms.add(`${env.namePrefix}-api-5xx`, "The API answered 5xx", "api-5xx", {
      namespace: "AWS/ApiGateway",
      metricName: "5XXError",
      dimensions: api,
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 5,
    });
    alarms.add(`${env.namePrefix}-api-4xx-rate`, "Over 25% of API requests refused with 4xx", "api-4xx-rate", {
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0.25,
      metricQuery: [
        { id: "errors", metric: { namespace: "AWS/ApiGateway", metricName: "4XXError", dimensions: api, period: 900, stat: "Sum" } },
        { id: "requests", metric: { namespace: "AWS/ApiGateway", metricName: "Count", dimensions: api, period: 900, stat: "Sum" } },
        { id: "rate", expression: "IF(requests >= 20, errors / requests, 0)", label: "4xx rate", returnData: true },
      ],
    });
    alarms.add(`${env.namePrefix}-api-latency-p99`, "API p99 latency above 2 s", "api-latency", {
      namespace: "AWS/ApiGateway",
      metricName: "Latency",
      dimensions: api,
      extendedStatistic: "p99",
      period: 300,
      evaluationPeriods: 3,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 2000,
    });

    const table = { TableName: names.table };
    alarms.add(`${env.namePrefix}-table-throttles`, "Table reads or writes throttled", "dynamodb-throttles", {
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      metricQuery: [
        { id: "reads", metric: { namespace: "AWS/DynamoDB", metricName: "ReadThrottleEvents", dimensions: table, period: 300, stat: "Sum" } },
        { id: "writes", metric: { namespace: "AWS/DynamoDB", metricName: "WriteThrottleEvents", dimensions: table, period: 300, stat: "Sum" } },
        { id: "throttles", expression: "reads + writes", label: "throttled requests", returnData: true },
      ],
    });
    const operations = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem", "TransactWriteItems"];
    alarms.add(`${env.namePrefix}-table-system-errors`, "DynamoDB returned system errors", "dynamodb-system-errors", {
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      metricQuery: [
        ...operations.map((operation, i) => ({
          id: `op${i}`,
          metric: { namespace: "AWS/DynamoDB", metricName: "SystemErrors", dimensions: { ...table, Operation: operation }, period: 300, stat: "Sum" },
        })),
        { id: "errors", expression: operations.map((_, i) => `FILL(op${i}, 0)`).join(" + "), label: "system errors", returnData: true },
      ],
    });
  }
}
