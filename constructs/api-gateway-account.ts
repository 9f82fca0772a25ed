import { Fn } from "cdktf";
import { Construct } from "constructs";
import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { accountOf } from "./arn";

export interface ApiGatewayCloudWatchAccountProps {
  /** Prefix of the role's name. */
  namePrefix: string;
  region: string;
}

/**
 * API Gateway's account-wide CloudWatch role (aws_api_gateway_account): one setting per account
 * and region that every API's execution and access logging needs. Whoever owns it must outlive
 * every API that logs, so it is never owned by more than one stack per region.
 */
export class ApiGatewayCloudWatchAccount extends Construct {
  readonly account: ApiGatewayAccount;

  constructor(scope: Construct, id: string, props: ApiGatewayCloudWatchAccountProps) {
    super(scope, id);
    const assume = new DataAwsIamPolicyDocument(this, "cloudwatch-assume-role", {
      statement: [
        { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["apigateway.amazonaws.com"] }] },
      ],
    });
    const role = new IamRole(this, "cloudwatch-role", {
      name: `${props.namePrefix}-apigateway-cloudwatch`,
      assumeRolePolicy: assume.json,
    });
    // The role writes logs for every API in this account and region, so it is scoped to this
    // account's log groups in this region rather than to one API.
    const policy = new DataAwsIamPolicyDocument(this, "cloudwatch-policy", {
      statement: [
        {
          actions: [
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:DescribeLogGroups",
            "logs:DescribeLogStreams",
            "logs:PutLogEvents",
            "logs:GetLogEvents",
            "logs:FilterLogEvents",
          ],
          resources: [`arn:${Fn.element(Fn.split(":", role.arn), 1)}:logs:${props.region}:${accountOf(role.arn)}:log-group:*`],
        },
      ],
    });
    new IamRolePolicy(this, "cloudwatch-role-policy", { name: "push-to-cloudwatch", role: role.id, policy: policy.json });
    this.account = new ApiGatewayAccount(this, "account", { cloudwatchRoleArn: role.arn });
  }
}
