/** A read-only view of synthesized cdk.tf.json files, with the reference resolution rules need. */
export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface TerraformJson {
  terraform?: Record<string, Json>;
  provider?: Record<string, Json>;
  resource?: Record<string, Record<string, Json>>;
  data?: Record<string, Record<string, Json>>;
  output?: Record<string, Json>;
}

export interface Resource {
  stack: string;
  type: string;
  name: string;
  /** The construct path, e.g. dev-api/rest-api/method-health: stable and readable. */
  path: string;
  config: Json;
}

export class Stacks {
  constructor(readonly stacks: Record<string, TerraformJson>) {}

  resources(type: string): Resource[] {
    return Object.entries(this.stacks).flatMap(([stack, json]) =>
      Object.entries(json.resource?.[type] ?? {}).map(([name, config]) => ({
        stack,
        type,
        name,
        path: config?.["//"]?.metadata?.path ?? `${stack}/${type}.${name}`,
        config,
      })),
    );
  }

  /** Resources of a type whose attribute refers to the given resource. */
  referring(type: string, attribute: string, target: Resource): Resource[] {
    const ref = new RegExp(`^\\$\\{${target.type}\\.${escape(target.name)}\\.[a-z_]+\\}$`);
    return this.resources(type).filter((r) => r.stack === target.stack && typeof r.config[attribute] === "string" && ref.test(r.config[attribute]));
  }

  /** The statements of an IAM policy given as a reference to an aws_iam_policy_document, or as JSON. */
  statements(stack: string, policy: string): Json[] {
    const match = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(policy);
    if (match) {
      const document = this.stacks[stack].data?.aws_iam_policy_document?.[match[1]];
      return document ? [document.statement].flat().filter(Boolean) : [];
    }
    try {
      const parsed = JSON.parse(policy);
      return [parsed.Statement].flat().map((s: Json) => ({
        effect: s.Effect,
        actions: [s.Action].flat(),
        resources: [s.Resource].flat(),
        principals: s.Principal,
        condition: s.Condition,
      }));
    } catch {
      return [];
    }
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A nested block may be an object or a list of objects in cdktf output. */
export function blocks(value: Json): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
