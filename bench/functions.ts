import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { unzipSync } from "fflate";
import { bundleFunction } from "../constructs/bundle";
import { COMPILED_ROUTES } from "../functions/compiled-routes";
import { Spread, spread } from "./stats";

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

export interface FunctionResult {
  name: string;
  zippedBytes: number;
  importAndFirstRequestMs: Spread;
  importMs: Spread;
  status: number;
}

export function benchFunctions(runs: number, environment: Record<string, string>, events: Record<string, unknown>): FunctionResult[] {
  const dir = mkdtempSync(join(tmpdir(), "bench-functions-"));
  const probe = join(dir, "probe.cjs");
  writeFileSync(probe, PROBE);
  return COMPILED_ROUTES.map((route) => {
    const bundle = bundleFunction(route.slug, route.handlerEntry);
    const unpacked = join(dir, route.slug);
    mkdirSync(unpacked, { recursive: true });
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(bundle.zipPath)))) writeFileSync(join(unpacked, name), bytes);
    const totals: number[] = [];
    const imports: number[] = [];
    let status = 0;
    for (let i = 0; i < runs; i += 1) {
      // The bundle's only external is the AWS SDK, which the Lambda runtime provides.
      const result = spawnSync(process.execPath, [probe], {
        cwd: unpacked,
        env: { ...process.env, ...environment, NODE_PATH: join(ROOT, "node_modules"), BUNDLE: join(unpacked, "index.js"), EVENT: JSON.stringify(events[route.name]) },
        encoding: "utf8",
      });
      if (result.status !== 0) throw new Error(`${route.name}: ${result.stderr}`);
      const times = JSON.parse(result.stdout.trim().split("\n").pop()!) as { importMs: number; firstRequestMs: number; status: number };
      totals.push(times.importMs + times.firstRequestMs);
      imports.push(times.importMs);
      status = times.status;
    }
    return { name: route.name, zippedBytes: bundle.zipBytes, importAndFirstRequestMs: spread(totals), importMs: spread(imports), status };
  });
}
