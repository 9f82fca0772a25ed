import { Resource } from "../policy/terraform";

/** One thing AWS would refuse (or silently break) at apply time, located in the synthesized JSON. */
export interface Problem {
  stack: string;
  /** Terraform address, e.g. aws_sns_topic.alarms_topic_1234ABCD. */
  address: string;
  attribute: string;
  rule: string;
  doc: string;
  message: string;
}

export function problemAt(resource: Resource, attribute: string, rule: string, doc: string, message: string): Problem {
  return { stack: resource.stack, address: `${resource.type}.${resource.name}`, attribute, rule, doc, message };
}

export function formatProblem(p: Problem): string {
  return `${p.stack}  ${p.address}  ${p.attribute}  [${p.rule}]  ${p.message}  ${p.doc}`;
}
