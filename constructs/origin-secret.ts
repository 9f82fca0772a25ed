import { Construct } from "constructs";
import { ApiGatewayApiKey } from "@cdktf/provider-aws/lib/api-gateway-api-key";

/**
 * The secret CloudFront sends to the API and the functions compare against. API Gateway generates
 * it (an API key created without a value gets 40 random characters), so it is never in the repo
 * or the synthesized JSON, and offline plans work with the AWS provider alone. The key is
 * disabled and in no usage plan: it opens nothing in API Gateway. It lives in state (as every
 * secret Terraform manages does): keep state encrypted and access to it narrow.
 */
export class OriginSecret extends Construct {
  readonly value: string;

  constructor(scope: Construct, id: string, namePrefix: string) {
    super(scope, id);
    const key = new ApiGatewayApiKey(this, "value", {
      name: `${namePrefix}-origin-verify`,
      description: "Origin secret: CloudFront sends it, the API's functions require it. Not an API key for callers.",
      enabled: false,
    });
    this.value = key.value;
  }
}
