import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { PrivateBucket } from "../constructs/private-bucket";
import { LocalStateStack } from "./local-state-stack";

export interface StateStackProps {
  region: string;
  bucketPrefix: string;
}

/**
 * `state`: the bucket that holds every other stack's Terraform state once an environment switches
 * to the S3 backend. It keeps its own state locally (state/state.tfstate): it cannot live in the
 * bucket it creates.
 */
export class StateStack extends LocalStateStack {
  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id, props.region);
    // Versioned so that a bad apply can be rolled back to the previous state; old versions expire.
    const state = new PrivateBucket(this, "state", { bucketPrefix: props.bucketPrefix, versionedForDays: 90 });

    new TerraformOutput(this, "state_bucket", { value: state.bucket.bucket });
    new TerraformOutput(this, "state_region", { value: props.region });
    new TerraformOutput(this, "backend_config", {
      description: "Put this in config/<env>.json as \"backend\" to keep that environment's state in S3",
      value: { type: "s3", bucket: state.bucket.bucket, region: props.region, keyPrefix: "serverless-blog", useLockfile: true },
    });
  }
}
