import type { ErrorObject } from "ajv-draft-04";
import type { RouteName } from "../routes";
import { compiledValidator } from "./compiled-validators";

/** An ajv validate function, compiled in this process or precompiled into the bundle. */
export type CompiledValidator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** A field name from the caller, bounded so a huge one is not sent back whole. */
function fieldName(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

/** "field: rule", naming the field and the rule it breaks. */
function describe(error: ErrorObject): string {
  const field = error.instancePath ? fieldName(error.instancePath.slice(1).replace(/\//g, ".")) : "body";
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return `${fieldName(String(params.additionalProperty))}: is not a field of this body`;
    case "required":
      return `${String(params.missingProperty)}: is required`;
    case "type":
      return `${field}: must be ${params.type === "object" ? "a JSON object" : `a ${String(params.type)}`}`;
    case "minLength":
      return params.limit === 1 ? `${field}: must not be empty` : `${field}: must be at least ${String(params.limit)} characters`;
    case "maxLength":
      return `${field}: must be at most ${String(params.limit)} characters`;
    case "pattern":
      return field === "authorEmail"
        ? "authorEmail: must be a valid e-mail address"
        : `${field}: must contain visible text and no control, line-separator, invisible-only or bidirectional-override characters`;
    case "minProperties":
      return "body: must contain at least one field to change";
    default:
      return `${field}: ${error.message ?? "is invalid"}`;
  }
}

/** A string with a lone UTF-16 surrogate cannot be stored as UTF-8 without being altered. */
function malformedText(value: unknown, path = "body"): string | null {
  if (typeof value === "string") return value.isWellFormed() ? null : `${path}: is not well-formed Unicode`;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = malformedText(item, `${path}.${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = malformedText(key, path) ?? malformedText(item, path === "body" ? key : `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** The first problem with a value, or null when it conforms. */
export function firstViolation(validate: CompiledValidator, value: unknown): string | null {
  if (!validate(value)) return describe(validate.errors![0]);
  return malformedText(value);
}

/** The first problem with a route's request body, or null when it conforms. */
export function bodyViolation(route: RouteName, value: unknown): string | null {
  return firstViolation(compiledValidator(route), value);
}
