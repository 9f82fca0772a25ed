import { Fn } from "cdktf";

/**
 * The account id inside an ARN the stack owns ("arn:partition:service:region:account:..."). It
 * avoids an STS call at plan time (data "aws_caller_identity"), so plans also run offline.
 */
export function accountOf(arn: string): string {
  return Fn.element(Fn.split(":", arn), 4);
}
