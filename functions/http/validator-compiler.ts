import Ajv, { ValidateFunction } from "ajv-draft-04";
import standaloneCode from "ajv/dist/standalone";
import { JsonSchema } from "../schemas";

// allErrors stays off: the first problem is enough, and it bounds work on hostile input.
function newAjv(source: boolean): Ajv {
  return new Ajv({ allErrors: false, strict: true, code: { source } });
}

/** Compiles one schema in this process (the local server and tests, where start-up time is free). */
export function compileValidator(schema: JsonSchema): ValidateFunction {
  return newAjv(false).compile(schema);
}

/**
 * The source of a CommonJS module exporting `compiledValidator(key)`, the same ajv validators as
 * compileValidator, already compiled (ajv standalone code): function bundles load it instead of
 * ajv, so no schema is compiled at cold start. Input is plain JSON Schema (draft 4) by key.
 */
export function validatorModuleSource(schemas: Partial<Record<string, JsonSchema>>): string {
  const ajv = newAjv(true);
  const keys = Object.keys(schemas).filter((key) => schemas[key]).sort();
  const exportsByName: Record<string, string> = {};
  keys.forEach((key, i) => {
    ajv.addSchema(schemas[key]!, key);
    exportsByName[`v${i}`] = key;
  });
  const table = keys.map((key, i) => `${JSON.stringify(key)}: exports.v${i}`).join(", ");
  return [
    keys.length ? standaloneCode(ajv, exportsByName) : '"use strict";',
    `const validators = { ${table} };`,
    "exports.compiledValidator = function compiledValidator(key) {",
    "  const validate = validators[key];",
    '  if (!validate) throw new Error("no precompiled validator for " + key);',
    "  return validate;",
    "};",
    "",
  ].join("\n");
}
