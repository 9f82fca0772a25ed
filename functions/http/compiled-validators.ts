import type { ValidateFunction } from "ajv-draft-04";
import type { RouteName } from "../routes";
import { bodySchemas } from "./body-schemas";
import { compileValidator } from "./validator-compiler";

/**
 * Request body validators by route name. Function bundles replace this module with ajv
 * standalone code generated from the same schemas (constructs/bundle.ts), so a deployed
 * function never loads ajv nor compiles a schema; here (local server, tests) each one is
 * compiled on first use.
 */
const compiled = new Map<RouteName, ValidateFunction>();

export function compiledValidator(route: RouteName): ValidateFunction {
  let validate = compiled.get(route);
  if (!validate) {
    const schema = bodySchemas()[route];
    if (!schema) throw new Error(`no body schema for ${route}`);
    validate = compileValidator(schema);
    compiled.set(route, validate);
  }
  return validate;
}
