import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { openApiDocument } from "../functions/openapi";

const file = join(resolve(__dirname, ".."), "openapi.json");
writeFileSync(file, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`Wrote ${file}`);
