import { LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { REQUIRED_TERRAFORM } from "./backend";

/**
 * A stack shared by every environment (`state`, `account-<region>`): its state stays in a local
 * file, since it exists before (or underneath) any environment's S3 state, and its provider is
 * tagged with the stack rather than an environment.
 */
export class LocalStateStack extends TerraformStack {
  constructor(scope: Construct, id: string, region: string) {
    super(scope, id);
    new LocalBackend(this, { path: `../../../state/${id}.tfstate` });
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM);
    new AwsProvider(this, "aws", {
      region,
      defaultTags: [{ tags: { Project: "serverless-blog", Stack: id, ManagedBy: "cdktf" } }],
    });
  }
}
