import type { ValidateFunction } from "ajv-draft-04";
import { bodySchemas } from "./body-schemas";
import { compileValidator } from "./validator-compiler";

/**
 * Request body validators by route name. Function bundles replace this module with ajv
 * standalone code generated from the same schemas (constructs/bundle.ts), so a deployed
 * function never loads ajv nor compiles a schema; here (local server, tests) each one is
 * compiled on first use.
 */
const compiled = new Map<string, ValidateFunction>();

/**
 * Request body validators by route name. Function bundles replace this module with ajv
 * standalone code generated from the same schemas (constructs/bundle.ts), so a deployed
 * function never loads ajv nor compiles a schema; here (local server, tests) each one is
 * compiled on first use.
 */

export function compiledValidator(key: string): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    const schema = bodySchemas()[key];
    if (!schema) throw new Error(`no body schema for ${key}`);
    validate = compileValidator(schema);
    compiled.set(key, validate);
  }
  return validate;
}
