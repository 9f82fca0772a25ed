import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { parse } from "node:path";
import { bundleFunction } from "./bundle";

export interface PolicyStatement {
  actions: string[];
  resources: string[];
}

export interface BundledFunctionProps {
  functionName: string;
  /** Handler source file, relative to the project root; it must export `handler`. */
  entry: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  logRetentionDays: number;
  environment: Record<string, string>;
  /** What the function may do beyond writing its own logs. */
  statements: PolicyStatement[];
}

/**
 * A Lambda function bundled alone from one TypeScript file, with its own role (only its own
 * log group plus the given statements), its own log group with retention, on arm64 Node 22.
 */
export class BundledFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly rolePolicy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);
    // Named after the entry, which it is cached by: one bundle per handler file, whatever the stack.
    const bundle = bundleFunction(parse(props.entry).name, props.entry);
    const asset = new TerraformAsset(this, "code", { path: bundle.zipPath, type: AssetType.FILE });

    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });

    const assumeRole = new DataAwsIamPolicyDocument(this, "assume-role", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }],
        },
      ],
    });
    this.role = new IamRole(this, "role", {
      name: `${props.functionName}-fn`,
      assumeRolePolicy: assumeRole.json,
    });
    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      statement: [
        { actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${this.logGroup.arn}:*`] },
        ...props.statements,
      ],
    });
    this.rolePolicy = new IamRolePolicy(this, "role-policy", { name: "least-privilege", role: this.role.id, policy: policy.json });

    this.function = new LambdaFunction(this, "function", {
      functionName: props.functionName,
      description: props.description,
      role: this.role.arn,
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "index.handler",
      filename: asset.path,
      sourceCodeHash: bundle.sha256,
      memorySize: props.memoryMb,
      timeout: props.timeoutSeconds,
      // No NODE_OPTIONS=--enable-source-maps: the source map stays beside the zip, not inside it
      // (constructs/bundle.ts), and stack traces are mapped offline with it.
      environment: { variables: props.environment },
      loggingConfig: { logFormat: "Text", logGroup: this.logGroup.name },
      dependsOn: [this.logGroup],
    });
  }
}
