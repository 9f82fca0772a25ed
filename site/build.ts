import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { openApiDocument } from "../functions/openapi";
import { publishDirectory } from "../scripts/atomic-output";

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

const SITE_DIR = resolve(__dirname);
const BUILD_ROOT = resolve(__dirname, "..", ".build", "site");

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
 * Bundles the site with esbuild: one content-hashed script and stylesheet, and index.html
 * pointing at them, plus the OpenAPI document. Deterministic: the same sources give the same
 * bytes and names. The files are built in memory and published as .build/site/<content hash>/,
 * so processes building at the same time never see each other's half-written output.
 */
export function buildSite(): SiteBuild {
  if (cached) return cached;
  const assetsDir = join(BUILD_ROOT, "assets");
  const result = buildSync({
    entryPoints: { app: join(SITE_DIR, "src", "main.ts") },
    absWorkingDir: resolve(SITE_DIR, ".."),
    outdir: assetsDir,
    entryNames: "[name]-[hash]",
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    platform: "browser",
    legalComments: "none",
    logLevel: "silent",
    write: false,
  });
  const contents = new Map<string, Uint8Array>();
  for (const output of result.outputFiles) contents.set(`assets/${relative(assetsDir, output.path)}`, output.contents);
  const keys = [...contents.keys()];
  const script = keys.find((key) => key.endsWith(".js"));
  const style = keys.find((key) => key.endsWith(".css"));
  if (!script || !style) throw new Error(`site build produced ${keys.join(", ")}`);
  const html = readFileSync(join(SITE_DIR, "index.html"), "utf8").replace("{{script}}", `/${script}`).replace("{{style}}", `/${style}`);
  contents.set("index.html", Buffer.from(html));
  contents.set(OPENAPI_KEY, Buffer.from(`${JSON.stringify(openApiDocument(), null, 2)}\n`));

  const digest = createHash("sha256");
  for (const key of [...contents.keys()].sort()) digest.update(`${key}\0`).update(contents.get(key)!).update("\0");
  const dir = join(BUILD_ROOT, digest.digest("hex").slice(0, 16));
  publishDirectory(dir, contents);

  const file = (key: string, cacheControl: string): SiteFile => {
    const bytes = contents.get(key)!;
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
    dir,
    files: [file("index.html", REVALIDATE), file(script, IMMUTABLE), file(style, IMMUTABLE), file(OPENAPI_KEY, REVALIDATE)],
  };
  return cached;
}
