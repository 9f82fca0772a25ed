import { LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ApiGatewayCloudWatchAccount } from "../constructs/api-gateway-account";
import { REQUIRED_TERRAFORM } from "./backend";

/**
 * `account-<region>`: settings that are one per account and region, owned by no environment, so
 * that environments sharing an account neither overwrite them nor remove them when destroyed.
 * Deployed once per account, before the first environment (like `state`, its state stays local).
 */
export class AccountStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: { region: string }) {
    super(scope, id);
    new LocalBackend(this, { path: `../../../state/${id}.tfstate` });
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM);
    new AwsProvider(this, "aws", {
      region: props.region,
      defaultTags: [{ tags: { Project: "serverless-blog", Stack: id, ManagedBy: "cdktf" } }],
    });
    new ApiGatewayCloudWatchAccount(this, "apigateway", { namePrefix: `serverless-blog-${props.region}`, region: props.region });
  }
}
