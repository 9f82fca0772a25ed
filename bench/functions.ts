import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { unzipSync } from "fflate";
import { BundleSettings, bundleFunction, FUNCTION_BUNDLE } from "../constructs/bundle";
import { COMPILED_ROUTES } from "../functions/compiled-routes";
import { round, Spread, spread } from "./stats";

const ROOT = resolve(__dirname, "..");

/** Runs in a fresh Node process: import the bundle, then serve one request; prints the times. */
const PROBE = `
const started = performance.now();
const { handler } = require(process.env.BUNDLE);
const imported = performance.now();
handler(JSON.parse(process.env.EVENT), { awsRequestId: "bench" }).then((response) => {
  const served = performance.now();
  process.stdout.write(JSON.stringify({ importMs: imported - started, firstRequestMs: served - imported, status: response.statusCode }));
});
`;

/** What aws-cdk's NodejsFunction does by default: SDK external, not minified, no source map. */
export const NODEJS_FUNCTION_DEFAULTS: BundleSettings = { sdk: "external", minify: false, sourceMap: false, precompiledValidators: false };

/** This project's settings with the SDK left to the runtime: what bundling the SDK buys. */
const SDK_EXTERNAL: BundleSettings = { ...FUNCTION_BUNDLE, sdk: "external" };

export const FLOOR_ENTRY = "bench/floor-function.ts";

export interface Measured {
  zippedBytes: number;
  importAndFirstRequestMs: Spread;
  importMs: Spread;
  status: number;
}

export interface FunctionResult extends Measured {
  name: string;
  /** This function's median over the floor's median in the same run. */
  vsFloor: number;
  /** The same handler bundled as aws-cdk's NodejsFunction would by default. */
  peer: Measured;
}

export interface FunctionsResult {
  /** A bundle with the same settings whose handler only creates the Document client and sends one GetItem. */
  floor: Measured;
  /** The floor with the SDK external (from node_modules, as the Lambda runtime provides it). */
  floorSdkExternal: Measured;
  routes: FunctionResult[];
}

interface Variant {
  key: string;
  name: string;
  entry: string;
  settings: BundleSettings;
}

/**
 * Every variant is unpacked from its zip and run in a fresh Node process, round-robin so that
 * the machine's noise falls on all of them alike; the SDK, when external, comes from
 * node_modules as the Lambda runtime would provide it.
 */
export function benchFunctions(runs: number, environment: Record<string, string>, eventFor: (route: string) => unknown): FunctionsResult {
  const dir = mkdtempSync(join(tmpdir(), "bench-functions-"));
  const probe = join(dir, "probe.cjs");
  writeFileSync(probe, PROBE);
  const variants: Variant[] = [
    { key: "floor", name: "floor", entry: FLOOR_ENTRY, settings: FUNCTION_BUNDLE },
    { key: "floor-sdk-external", name: "floor", entry: FLOOR_ENTRY, settings: SDK_EXTERNAL },
    ...COMPILED_ROUTES.flatMap((route) => [
      { key: route.slug, name: route.slug, entry: route.handlerEntry, settings: FUNCTION_BUNDLE },
      { key: `${route.slug}-peer`, name: route.slug, entry: route.handlerEntry, settings: NODEJS_FUNCTION_DEFAULTS },
    ]),
  ];
  const prepared = variants.map((variant) => {
    const bundle = bundleFunction(variant.name, variant.entry, variant.settings);
    const unpacked = join(dir, variant.key);
    mkdirSync(unpacked, { recursive: true });
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(bundle.zipPath)))) writeFileSync(join(unpacked, name), bytes);
    return { variant, bundle, unpacked, totals: [] as number[], imports: [] as number[], status: 0 };
  });
  for (let i = 0; i < runs; i += 1) {
    for (const item of prepared) {
      const result = spawnSync(process.execPath, [probe], {
        cwd: item.unpacked,
        env: { ...process.env, ...environment, NODE_PATH: join(ROOT, "node_modules"), BUNDLE: join(item.unpacked, "index.js"), EVENT: JSON.stringify(item.variant.name === "floor" ? {} : eventFor(item.variant.name)) },
        encoding: "utf8",
      });
      if (result.status !== 0) throw new Error(`${item.variant.key}: ${result.stderr}`);
      const times = JSON.parse(result.stdout.trim().split("\n").pop()!) as { importMs: number; firstRequestMs: number; status: number };
      item.totals.push(times.importMs + times.firstRequestMs);
      item.imports.push(times.importMs);
      item.status = times.status;
    }
  }
  const measured = (key: string): Measured => {
    const item = prepared.find((p) => p.variant.key === key)!;
    return { zippedBytes: item.bundle.zipBytes, importAndFirstRequestMs: spread(item.totals), importMs: spread(item.imports), status: item.status };
  };
  const floor = measured("floor");
  return {
    floor,
    floorSdkExternal: measured("floor-sdk-external"),
    routes: COMPILED_ROUTES.map((route) => {
      const own = measured(route.slug);
      return { name: route.slug, ...own, vsFloor: round(own.importAndFirstRequestMs.median / floor.importAndFirstRequestMs.median), peer: measured(`${route.slug}-peer`) };
    }),
  };
}
