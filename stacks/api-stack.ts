import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentConfig } from "../config/environment";
import { accountOf } from "../constructs/arn";
import { ArticlesTable } from "../constructs/articles-table";
import { BundledFunction } from "../constructs/bundled-function";
import { RestApi } from "../constructs/rest-api";
import { functionEnvironment } from "../functions/environment";
import { handlerEntry, ROUTES } from "../functions/routes";
import { TABLE } from "../functions/table";
import { configureBackend } from "./backend";

/** `<env>-api`: the table, one function per route, and the REST API in front of them. */
export class ApiStack extends TerraformStack {
  readonly table: ArticlesTable;
  readonly restApi: RestApi;

  constructor(scope: Construct, id: string, env: EnvironmentConfig) {
    super(scope, id);
    configureBackend(this, id, env.backend);
    new AwsProvider(this, "aws", {
      region: env.region,
      defaultTags: [{ tags: { Project: "serverless-blog", Environment: env.name, Stack: id, ManagedBy: "cdktf" } }],
    });
    const partition = new DataAwsPartition(this, "partition");

    this.table = new ArticlesTable(this, "articles", {
      name: `${env.namePrefix}-articles`,
      deletionProtection: env.deletionProtection,
    });
    const environment = functionEnvironment({
      tableName: this.table.table.name,
      articleTtlSeconds: env.articleTtlDays * 86400,
    });

    const functions = Object.fromEntries(
      ROUTES.map((route) => {
        const fn = new BundledFunction(this, route.name, {
          functionName: `${env.namePrefix}-${route.name}`,
          entry: handlerEntry(route),
          description: `${route.method} /api${route.path}: ${route.description}`,
          memoryMb: env.lambda.memoryMb,
          timeoutSeconds: env.lambda.timeoutSeconds,
          logRetentionDays: env.logRetentionDays,
          environment,
          statements: route.table.map((grant) => ({
            actions: [...grant.actions],
            resources: [grant.target === "table" ? this.table.table.arn : this.table.indexArn(TABLE.articlesIndex.name)],
          })),
        });
        return [route.name, fn.function];
      }),
    );

    this.restApi = new RestApi(this, "rest-api", {
      namePrefix: env.namePrefix,
      routes: ROUTES,
      functions,
      throttlingRateLimit: env.api.throttlingRateLimit,
      throttlingBurstLimit: env.api.throttlingBurstLimit,
      logRetentionDays: env.logRetentionDays,
      manageAccountLogging: env.manageApiGatewayAccount,
      region: env.region,
      accountId: accountOf(this.table.table.arn),
      partition: partition.partition,
    });

    new TerraformOutput(this, "table_name", { value: this.table.table.name });
    new TerraformOutput(this, "table_stream_arn", { value: this.table.table.streamArn });
    new TerraformOutput(this, "rest_api_id", { value: this.restApi.api.id });
    new TerraformOutput(this, "stage_name", { value: this.restApi.stage.stageName });
    new TerraformOutput(this, "api_url", { value: this.restApi.stage.invokeUrl });
    new TerraformOutput(this, "admin_api_key_id", {
      value: this.restApi.apiKey.id,
      description: "aws apigateway get-api-key --include-value --api-key <id> prints the admin key",
    });
  }
}
