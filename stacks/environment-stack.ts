import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentConfig } from "../config/environment";
import { configureBackend } from "./backend";

/** A stack of one environment: its backend from the config, and the AWS provider with tags. */
export class EnvironmentStack extends TerraformStack {
  constructor(scope: Construct, id: string, env: EnvironmentConfig) {
    super(scope, id);
    configureBackend(this, id, env.backend);
    new AwsProvider(this, "aws", {
      region: env.region,
      defaultTags: [{ tags: { Project: "serverless-blog", Environment: env.name, Stack: id, ManagedBy: "cdktf" } }],
    });
  }
}
