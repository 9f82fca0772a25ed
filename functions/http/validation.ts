import type { ErrorObject } from "ajv-draft-04";
import { compiledValidator } from "./compiled-validators";

/** An ajv validate function, compiled in this process or precompiled into the bundle. */
export type CompiledValidator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

function describe(error: ErrorObject): string {
  const field = error.instancePath ? error.instancePath.slice(1).replace(/\//g, ".") : "body";
  if (error.keyword === "additionalProperties") {
    return `unknown field "${(error.params as { additionalProperty: string }).additionalProperty}"`;
  }
  if (error.keyword === "required") {
    return `missing field "${(error.params as { missingProperty: string }).missingProperty}"`;
  }
  if (error.keyword === "pattern" && field === "authorEmail") return "authorEmail must be a valid e-mail address";
  if (error.keyword === "pattern") return `${field} must not be blank or contain control characters`;
  if (error.keyword === "minProperties") return "body must contain at least one field to change";
  return `${field} ${error.message ?? "is invalid"}`;
}

/** A string with a lone UTF-16 surrogate cannot be stored as UTF-8 without being altered. */
function malformedText(value: unknown, path = "body"): string | null {
  if (typeof value === "string") return value.isWellFormed() ? null : `${path} is not well-formed Unicode`;
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
export function bodyViolation(route: string, value: unknown): string | null {
  return firstViolation(compiledValidator(route), value);
}
