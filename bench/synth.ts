import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { round, Spread, spread } from "./stats";

const ROOT = resolve(__dirname, "..");

function measure(script: string): { ms: number; maxRssMb: number } {
  const outdir = mkdtempSync(join(tmpdir(), "bench-synth-"));
  const usage = join(outdir, "usage.json");
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--require", join(__dirname, "usage-probe.cjs"), "--import", "tsx", script], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: join(outdir, "out"), BENCH_USAGE_FILE: usage, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
  const { maxRssKb } = JSON.parse(readFileSync(usage, "utf8")) as { maxRssKb: number };
  rmSync(outdir, { recursive: true, force: true });
  return { ms, maxRssMb: maxRssKb / 1024 };
}

export interface SynthResult {
  app: { wallMs: Spread; peakMemoryMb: Spread };
  floor: { wallMs: Spread; peakMemoryMb: Spread };
  ratio: { time: number; memory: number };
}

/** The app's synth (every stack, bundling included) beside a provider-only app, run alternately. */
export function benchSynth(runs: number): SynthResult {
  const app: { ms: number; maxRssMb: number }[] = [];
  const floor: { ms: number; maxRssMb: number }[] = [];
  for (let i = 0; i < runs; i += 1) {
    app.push(measure("main.ts"));
    floor.push(measure("bench/floor-app.ts"));
  }
  const summary = (runsOf: typeof app) => ({ wallMs: spread(runsOf.map((r) => r.ms)), peakMemoryMb: spread(runsOf.map((r) => r.maxRssMb)) });
  const a = summary(app);
  const f = summary(floor);
  return { app: a, floor: f, ratio: { time: round(a.wallMs.median / f.wallMs.median), memory: round(a.peakMemoryMb.median / f.peakMemoryMb.median) } };
}
