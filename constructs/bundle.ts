import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { zipSync } from "fflate";

export const PROJECT_ROOT = resolve(__dirname, "..");

export interface Bundle {
  /** Absolute path of the deterministic zip. */
  zipPath: string;
  /** base64 SHA-256 of the zip, which is what Lambda's source_code_hash expects. */
  sha256: string;
  zipBytes: number;
}

/** Zip entries get one fixed timestamp so the same code always makes the same bytes. */
const FIXED_MTIME = new Date("1980-01-01T00:00:00Z");

const cache = new Map<string, Bundle>();

/**
 * Bundles one handler file alone (tree-shaken, minified, with a source map that names files
 * relative to the project), into .build/functions/<name>/. Memoized per process: every
 * environment's stack reuses the same bytes.
 */
export function bundleFunction(name: string, entry: string): Bundle {
  const cached = cache.get(entry);
  if (cached) return cached;
  const outDir = join(PROJECT_ROOT, ".build", "functions", name);
  mkdirSync(outDir, { recursive: true });
  const result = buildSync({
    entryPoints: [join(PROJECT_ROOT, entry)],
    absWorkingDir: PROJECT_ROOT,
    outfile: join(outDir, "index.js"),
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minify: true,
    sourcemap: "external",
    sourcesContent: false,
    legalComments: "none",
    logLevel: "silent",
    write: false,
    // The nodejs22.x runtime provides AWS SDK v3 (as aws-cdk's NodejsFunction assumes), and a
    // function must never pull in cdktf.
    external: ["@aws-sdk/*", "cdktf", "constructs", "@cdktf/*"],
  });
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const file of result.outputFiles) {
    const base = file.path.slice(outDir.length + 1);
    files[base] = [file.contents, { mtime: FIXED_MTIME }];
  }
  const zip = zipSync(files, { level: 9 });
  const zipPath = join(outDir, `${name}.zip`);
  writeFileSync(zipPath, zip);
  const bundle = {
    zipPath,
    sha256: createHash("sha256").update(readFileSync(zipPath)).digest("base64"),
    zipBytes: zip.byteLength,
  };
  cache.set(entry, bundle);
  return bundle;
}
