import { Construct } from "constructs";
import { ApiGatewayCloudWatchAccount } from "../constructs/api-gateway-account";
import { LocalStateStack } from "./local-state-stack";

/**
 * `account-<region>`: settings that are one per account and region, owned by no environment, so
 * that environments sharing an account neither overwrite them nor remove them when destroyed.
 * Deployed once per account, before the first environment (like `state`, its state stays local).
 */
export class AccountStack extends LocalStateStack {
  constructor(scope: Construct, id: string, props: { region: string }) {
    super(scope, id, props.region);
    new ApiGatewayCloudWatchAccount(this, "apigateway", { namePrefix: `serverless-blog-${props.region}`, region: props.region });
  }
}
