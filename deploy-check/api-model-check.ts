import { Json, Stacks } from "../policy/terraform";
import { API_MODELS, AttributeMapping, ResourceMapping } from "./api-models";
import { Problem, problemAt } from "./problem";

export const UNMAPPED_TYPE = "AWS-MODEL-UNMAPPED-TYPE";
export const UNMAPPED_ATTRIBUTE = "AWS-MODEL-UNMAPPED-ATTRIBUTE";
export const ENUM = "AWS-MODEL-ENUM";

/** Keys that are Terraform meta-arguments or cdktf metadata, never sent to AWS. */
const META = new Set(["//", "depends_on", "lifecycle", "provider", "for_each", "count", "provisioner", "connection"]);
const WHOLE_REFERENCE = /^\$\{[^}]*\}$/;

/** Every literal string in a resource's configuration, by attribute path (list indices dropped). */
function literalStrings(value: Json, path: string[] = [], out: { path: string; value: string }[] = []): { path: string; value: string }[] {
  if (Array.isArray(value)) value.forEach((item) => literalStrings(item, path, out));
  else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) if (!(path.length === 0 && META.has(key))) literalStrings(child, [...path, key], out);
  } else if (typeof value === "string" && !WHOLE_REFERENCE.test(value)) out.push({ path: path.join("."), value });
  return out;
}

/** A mapping key as a path pattern: a trailing ".*" is any key of a map, a ".**." any depth of nested blocks. */
function keyPattern(key: string): RegExp {
  const escaped = key.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped.replace(/\\\.\*\*\\\./g, "\\.(?:[^.]+\\.)*").replace(/\\\.\*$/, "\\..+")}$`);
}

function mappingFor(mapping: ResourceMapping, path: string): AttributeMapping | undefined {
  if (mapping.attributes[path]) return mapping.attributes[path];
  const map = Object.keys(mapping.attributes).find((key) => key.includes("*") && keyPattern(key).test(path));
  return map ? mapping.attributes[map] : undefined;
}

export interface Coverage {
  resourceTypes: number;
  attributes: number;
  enumAttributes: number;
  /** Attribute values compared with a service model enumeration in this synth. */
  valuesChecked: number;
}

export function checkApiModels(stacks: Stacks, models: Record<string, ResourceMapping> = API_MODELS): { problems: Problem[]; coverage: Coverage } {
  const problems: Problem[] = [];
  let valuesChecked = 0;
  const types = [...new Set(Object.values(stacks.stacks).flatMap((json) => Object.keys(json.resource ?? {})))].sort();
  for (const type of types) {
    const mapping = models[type];
    for (const resource of stacks.resources(type)) {
      if (!mapping) {
        problems.push(problemAt(resource, "*", UNMAPPED_TYPE, "deploy-check/api-models.ts", `resource type ${type} has no Terraform -> API mapping: add one`));
        continue;
      }
      for (const { path, value } of literalStrings(resource.config)) {
        const attribute = mappingFor(mapping, path);
        if (!attribute) {
          problems.push(
            problemAt(resource, path, UNMAPPED_ATTRIBUTE, "deploy-check/api-models.ts", `literal attribute ${path} of ${type} is not mapped to a field of ${mapping.operation}: add it`),
          );
        } else if (attribute.allowed && !value.includes("${")) {
          valuesChecked += 1;
          if (!attribute.allowed.includes(value)) {
            problems.push(
              problemAt(resource, path, ENUM, mapping.doc, `"${value}" is not a valid ${mapping.operation} ${attribute.api} (${attribute.enumName}: ${attribute.allowed.join(", ")})`),
            );
          }
        }
      }
    }
  }
  const attributes = Object.values(models).flatMap((m) => Object.values(m.attributes));
  return {
    problems,
    coverage: {
      resourceTypes: Object.keys(models).length,
      attributes: attributes.length,
      enumAttributes: attributes.filter((a) => a.allowed).length,
      valuesChecked,
    },
  };
}
