import { join, resolve } from "node:path";
import { openApiDocument } from "../functions/openapi";
import { writeFileAtomic } from "./atomic-output";

const file = join(resolve(__dirname, ".."), "openapi.json");
writeFileAtomic(file, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`Wrote ${file}`);
