import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { openApiDocument } from "../functions/openapi";

/** Where the API's OpenAPI document is published, beside the site (and served at that path). */
export const OPENAPI_KEY = "api/openapi.json";

export interface SiteFile {
  /** Key in the bucket and path below the site root, e.g. "assets/app-3F2A.js". */
  key: string;
  contentType: string;
  cacheControl: string;
  md5: string;
  bytes: number;
}

export interface SiteBuild {
  dir: string;
  files: SiteFile[];
}

/** The site's icon, linked from index.html, so browsers do not ask for a missing /favicon.ico. */
const FAVICON_KEY = "favicon.svg";

const SITE_DIR = resolve(__dirname);
const OUT_DIR = resolve(__dirname, "..", ".build", "site");

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/** Content-hashed assets never change under their name; the page is revalidated every time. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

let cached: SiteBuild | undefined;

/**
 * Bundles the site with esbuild into .build/site: one content-hashed script and stylesheet, and
 * index.html pointing at them. Deterministic: the same sources give the same bytes and names.
 */
export function buildSite(): SiteBuild {
  if (cached) return cached;
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(join(OUT_DIR, "assets"), { recursive: true });
  const result = buildSync({
    entryPoints: { app: join(SITE_DIR, "src", "main.ts") },
    absWorkingDir: resolve(SITE_DIR, ".."),
    outdir: join(OUT_DIR, "assets"),
    entryNames: "[name]-[hash]",
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    platform: "browser",
    legalComments: "none",
    metafile: true,
    logLevel: "silent",
  });
  const outputs = Object.keys(result.metafile.outputs).map((path) => path.split("/").pop()!);
  const script = outputs.find((name) => name.endsWith(".js"));
  const style = outputs.find((name) => name.endsWith(".css"));
  if (!script || !style) throw new Error(`site build produced ${outputs.join(", ")}`);
  const html = readFileSync(join(SITE_DIR, "index.html"), "utf8")
    .replace("{{script}}", `/assets/${script}`)
    .replace("{{style}}", `/assets/${style}`);
  writeFileSync(join(OUT_DIR, "index.html"), html);
  writeFileSync(join(OUT_DIR, FAVICON_KEY), readFileSync(join(SITE_DIR, FAVICON_KEY)));
  mkdirSync(join(OUT_DIR, "api"), { recursive: true });
  writeFileSync(join(OUT_DIR, OPENAPI_KEY), `${JSON.stringify(openApiDocument(), null, 2)}\n`);

  const file = (key: string, cacheControl: string): SiteFile => {
    const bytes = readFileSync(join(OUT_DIR, key));
    const extension = key.slice(key.lastIndexOf("."));
    return {
      key,
      contentType: CONTENT_TYPES[extension] ?? "application/octet-stream",
      cacheControl,
      md5: createHash("md5").update(bytes).digest("hex"),
      bytes: bytes.length,
    };
  };
  cached = {
    dir: OUT_DIR,
    files: [
      file("index.html", REVALIDATE),
      file(`assets/${script}`, IMMUTABLE),
      file(`assets/${style}`, IMMUTABLE),
      file(OPENAPI_KEY, REVALIDATE),
      file(FAVICON_KEY, REVALIDATE),
    ],
  };
  return cached;
}
