import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentConfig } from "../config/environment";
import { configureBackend } from "./backend";

/** A stack of one environment: its backend from the config, and the AWS provider with tags. */
export class EnvironmentStack extends TerraformStack {
  private readonly tags: Record<string, string>;

  constructor(scope: Construct, id: string, env: EnvironmentConfig) {
    super(scope, id);
    configureBackend(this, id, env.backend);
    this.tags = { Project: "serverless-blog", Environment: env.name, Stack: id, ManagedBy: "cdktf" };
    new AwsProvider(this, "aws", { region: env.region, defaultTags: [{ tags: this.tags }] });
  }

  /** A second AWS provider for resources a service requires in one region (CloudFront's: us-east-1). */
  protected regionalProvider(region: string): AwsProvider {
    return new AwsProvider(this, `aws-${region}`, { alias: region.replace(/-/g, "_"), region, defaultTags: [{ tags: this.tags }] });
  }
}
