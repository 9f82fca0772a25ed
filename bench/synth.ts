import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { round, Spread, spread } from "./stats";

const ROOT = resolve(__dirname, "..");

interface Run {
  ms: number;
  maxRssMb: number;
  stdout: string;
}

function run(command: string, args: string[], env: Record<string, string>): Run {
  const outdir = mkdtempSync(join(tmpdir(), "bench-synth-"));
  const usage = join(outdir, "usage.json");
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: join(outdir, "out"), BENCH_USAGE_FILE: usage, CHECKPOINT_DISABLE: "1", ...env },
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${[command, ...args].join(" ")} failed: ${result.stderr}`);
  let maxRssMb = 0;
  try {
    maxRssMb = (JSON.parse(readFileSync(usage, "utf8")) as { maxRssKb: number }).maxRssKb / 1024;
  } catch {
    // The cdktf CLI runs the app in a child process the probe does not reach.
  }
  rmSync(outdir, { recursive: true, force: true });
  return { ms, maxRssMb, stdout: result.stdout };
}

const node = (script: string, env: Record<string, string> = {}) =>
  run(process.execPath, ["--require", join(__dirname, "usage-probe.cjs"), "--import", "tsx", script], env);

interface Phases {
  loadModulesMs: number;
  constructMs: number;
  bundlingMs: number;
  functionBundlingMs: number;
  esbuildRuns: number;
  cacheHits: number;
  serializeMs: number;
}

export interface PhaseSpread {
  loadModulesMs: Spread;
  constructMs: Spread;
  bundlingMs: Spread;
  functionBundlingMs: Spread;
  serializeMs: Spread;
  /** Function esbuild runs and cache hits of the last run. */
  esbuildRuns: number;
  cacheHits: number;
}

export interface SynthResult {
  /** main.ts run directly (npm run synth), with the bundle cache warm: the usual second synth. */
  app: { wallMs: Spread; peakMemoryMb: Spread };
  /** A provider-only app with the same stacks: what cdktf costs before any resource. */
  floor: { wallMs: Spread; peakMemoryMb: Spread };
  ratio: { time: number; memory: number };
  /** One synth's phases, timed inside the process, from an empty bundle cache and again. */
  phases: { cold: PhaseSpread; warm: PhaseSpread };
  /** `npx cdktf synth` beside `npm run synth` (the direct run), both with a warm cache. */
  /** Left out of --quick: the CLI alone takes longer than the rest of the synth figures. */
  cli?: { wallMs: Spread };
  direct?: { wallMs: Spread };
}

function phaseSpread(runs: Phases[]): PhaseSpread {
  const of = (key: keyof Phases) => spread(runs.map((r) => r[key]));
  const last = runs[runs.length - 1];
  return {
    loadModulesMs: of("loadModulesMs"),
    constructMs: of("constructMs"),
    bundlingMs: of("bundlingMs"),
    functionBundlingMs: of("functionBundlingMs"),
    serializeMs: of("serializeMs"),
    esbuildRuns: last.esbuildRuns,
    cacheHits: last.cacheHits,
  };
}

/** Everything alternates run by run, so the machine's noise falls on all of it alike. */
export function benchSynth(runs: number, cliRuns: number): SynthResult {
  const app: Run[] = [];
  const floor: Run[] = [];
  const cold: Phases[] = [];
  const warm: Phases[] = [];
  for (let i = 0; i < runs; i += 1) {
    const cache = mkdtempSync(join(tmpdir(), "bench-bundles-"));
    cold.push(JSON.parse(node("bench/synth-phases.ts", { BUNDLE_CACHE_DIR: cache }).stdout) as Phases);
    warm.push(JSON.parse(node("bench/synth-phases.ts", { BUNDLE_CACHE_DIR: cache }).stdout) as Phases);
    app.push(node("main.ts", { BUNDLE_CACHE_DIR: cache }));
    floor.push(node("bench/floor-app.ts"));
    rmSync(cache, { recursive: true, force: true });
  }
  const cli: Run[] = [];
  const direct: Run[] = [];
  for (let i = 0; i < cliRuns; i += 1) {
    cli.push(run("npx", ["--no-install", "cdktf", "synth"], {}));
    direct.push(run("npm", ["run", "-s", "synth"], {}));
  }
  const summary = (runsOf: Run[]) => ({ wallMs: spread(runsOf.map((r) => r.ms)), peakMemoryMb: spread(runsOf.map((r) => r.maxRssMb)) });
  const a = summary(app);
  const f = summary(floor);
  return {
    app: a,
    floor: f,
    ratio: { time: round(a.wallMs.median / f.wallMs.median), memory: round(a.peakMemoryMb.median / f.peakMemoryMb.median) },
    phases: { cold: phaseSpread(cold), warm: phaseSpread(warm) },
    ...(cliRuns > 0 ? { cli: { wallMs: spread(cli.map((r) => r.ms)) }, direct: { wallMs: spread(direct.map((r) => r.ms)) } } : {}),
  };
}
