import Ajv, { ErrorObject, ValidateFunction } from "ajv-draft-04";
import { JsonSchema } from "../schemas";

// allErrors stays off: the first problem is enough, and it bounds work on hostile input.
const ajv = new Ajv({ allErrors: false, strict: true });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

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

/** The first problem with a value against a schema, or null when it conforms. */
export function firstViolation(schema: JsonSchema, value: unknown): string | null {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(value)) return describe(validate.errors![0]);
  return malformedText(value);
}
