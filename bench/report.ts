import { writeFileAtomic } from "../scripts/atomic-output";
import { join } from "node:path";
import { STREAM_CONSUMER } from "../functions/lake/stream-consumer";
import { round } from "./stats";
import type { ApiResult } from "./api";
import type { CostResult } from "./cost";
import { LIMITS } from "../functions/schemas";
import type { FunctionsResult } from "./functions";
import type { LakeResult } from "./lake";
import type { PipelineResult } from "./pipeline";
import type { SynthResult } from "./synth";

export interface Results {
  mode: string;
  date: string;
  /** loadAverage: the 1-minute load average when the run started and ended (other processes' share of the cores). */
  machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string; loadAverage: { start: number; end: number } };
  durationSeconds: number;
  synth: SynthResult;
  functions: FunctionsResult;
  api: ApiResult;
  cost: CostResult;
  pipeline: PipelineResult;
  lake: LakeResult;
}

interface Target {
  what: string;
  target: string;
  measured: string;
  met: boolean;
  /** measured / limit, oriented so that <= 1 meets the target (for the chart). */
  load: number;
  gap?: string;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function targets(r: Results): Target[] {
  const fns = r.functions;
  const maxZip = Math.max(...fns.routes.map((f) => f.zippedBytes));
  // health sends no DynamoDB request: it is its own floor.
  const sdkRoutes = fns.routes.filter((f) => f.name !== "health");
  const slowest = sdkRoutes.reduce((a, b) => (a.vsFloor > b.vsFloor ? a : b));
  const likeSmall = r.cost.operations.find((o) => o.operation === "like (10-char article)")!;
  const likeLarge = r.cost.operations.find((o) => o.operation === "like (20 KB article)")!;
  const list = r.cost.operations.find((o) => o.operation === "list page of 20")!;
  const slowestQuery = r.lake.queries.reduce((a, b) => (a.ms.median > b.ms.median ? a : b));
  const apiErrors = [...r.api.list, ...r.api.like].reduce((n, l) => n + l.errors + l.non2xx, 0);
  const delayLimit = (r.pipeline.flushSeconds + 3) * 1000;
  const cliRatio = r.synth.cli && r.synth.direct ? r.synth.cli.wallMs.median / r.synth.direct.wallMs.median : undefined;
  const t: Target[] = [
    { what: "synth time (warm bundle cache) vs provider-only floor", target: "≤ 1.5×", measured: `${r.synth.ratio.time}×`, met: r.synth.ratio.time <= 1.5, load: r.synth.ratio.time / 1.5 },
    { what: "synth peak memory vs provider-only floor", target: "≤ 1.5×", measured: `${r.synth.ratio.memory}×`, met: r.synth.ratio.memory <= 1.5, load: r.synth.ratio.memory / 1.5 },
    {
      what: "second synth, no source change: function esbuild runs",
      target: "0",
      measured: `${r.synth.phases.warm.esbuildRuns} (${r.synth.phases.warm.cacheHits} cache hits)`,
      met: r.synth.phases.warm.esbuildRuns === 0,
      load: r.synth.phases.warm.esbuildRuns === 0 ? 0 : 2,
    },
    ...(cliRatio === undefined
      ? []
      : [{ what: "npx cdktf synth vs npm run synth (direct)", target: "direct faster", measured: `${round(cliRatio)}× slower via the CLI`, met: cliRatio > 1, load: 1 / Math.max(cliRatio, 0.01) }]),
    { what: "largest function zip", target: "≤ 150 KB", measured: kb(maxZip), met: maxZip <= 150 * 1024, load: maxZip / (150 * 1024) },
    {
      what: `import + first request vs floor (slowest: ${slowest.name}), medians`,
      target: "≤ 1.25×",
      measured: `${slowest.vsFloor}× (${slowest.importAndFirstRequestMs.median} / ${fns.floor.importAndFirstRequestMs.median} ms)`,
      met: slowest.vsFloor <= 1.25,
      load: slowest.vsFloor / 1.25,
    },
    ...r.api.listVsFloor
      .filter((l) => l.connections <= 10)
      .map((l) => ({
        what: `list at ${l.connections} connection${l.connections > 1 ? "s" : ""} vs its DynamoDB calls alone`,
        target: "≥ 0.8×",
        measured: `${l.ratio}×`,
        met: l.ratio >= 0.8,
        load: 0.8 / Math.max(l.ratio, 0.001),
      })),
    { what: "API errors under load", target: "0", measured: String(apiErrors), met: apiErrors === 0, load: apiErrors === 0 ? 0 : 2 },
    {
      what: "like write cost, 10-char vs 20 KB article",
      target: "≤ 2 WCU, equal",
      measured: `${likeSmall.tableUnits + likeSmall.indexUnits} / ${likeLarge.tableUnits + likeLarge.indexUnits} WCU`,
      met: likeLarge.tableUnits + likeLarge.indexUnits <= 2 && likeSmall.tableUnits + likeSmall.indexUnits === likeLarge.tableUnits + likeLarge.indexUnits,
      load: (likeLarge.tableUnits + likeLarge.indexUnits) / 2,
    },
    {
      what: "listing requests per page",
      target: "≤ 2, no Scan",
      measured: `${list.requests}: a Query reading ${LIMITS.listPage.default + 1} index items (one past the page), a BatchGetItem of ${LIMITS.listPage.default} counters`,
      met: list.requests <= 2,
      load: list.requests / 4,
    },
    { what: "pipeline throughput (backlog)", target: "≥ 1,000 records/s", measured: `${r.pipeline.recordsPerSecond} records/s`, met: r.pipeline.recordsPerSecond >= 1000, load: 1000 / Math.max(r.pipeline.recordsPerSecond, 1) },
    {
      what: `like → queryable p95 (flush ${r.pipeline.flushSeconds} s)`,
      target: `≤ ${delayLimit / 1000} s`,
      measured: `${(r.pipeline.likeToQueryableMs.p95 / 1000).toFixed(2)} s`,
      met: r.pipeline.likeToQueryableMs.p95 <= delayLimit,
      load: r.pipeline.likeToQueryableMs.p95 / delayLimit,
    },
    { what: "Parquet vs NDJSON bytes per like", target: "≤ 25%", measured: `${(r.lake.parquetToJson * 100).toFixed(1)}%`, met: r.lake.parquetToJson <= 0.25, load: r.lake.parquetToJson / 0.25 },
    {
      what: `slowest named query (${slowestQuery.name}) over ${r.lake.likes.toLocaleString("en")} likes`,
      target: "< 1 s",
      measured: `${slowestQuery.ms.median} ms`,
      met: slowestQuery.ms.median < 1000,
      load: slowestQuery.ms.median / 1000,
    },
    { what: "one day read vs 30 days", target: "≤ 5%", measured: `${(r.lake.oneDayShare * 100).toFixed(2)}%`, met: r.lake.oneDayShare <= 0.05, load: r.lake.oneDayShare / 0.05 },
  ];
  for (const item of t) if (!item.met) item.gap = gapNote(item, r);
  return t;
}

function gapNote(item: Target, r: Results): string {
  const warm = r.synth.phases.warm;
  if (item.what.startsWith("pipeline throughput")) {
    return `Missed by ${(1000 / r.pipeline.recordsPerSecond).toFixed(1)}×. The local poller reads one shard sequentially in pages of ${STREAM_CONSUMER.batchSize} records and the local Firehose writes Parquet through DuckDB on each flush, all on the same 2 cores as DynamoDB Local. Several pages per invocation and a shorter flush would raise it; in AWS the mapping's parallelization factor and Firehose scale it out.`;
  }
  if (item.what.startsWith("list at")) {
    return `The floor sends the same Query and BatchGetItem from the domain code with no HTTP in between; the API adds the HTTP server, the gateway emulation (validation, API key, proxy event) and the handler, all in one Node process on the same 2 cores as DynamoDB Local and the load generator. Measured p50: API ${r.api.list.map((l) => l.p50Ms).join(" / ")} ms against floor ${r.api.floor.map((l) => l.p50Ms).join(" / ")} ms at ${r.api.list.map((l) => l.connections).join(" / ")} connections.`;
  }
  if (item.what.startsWith("import + first request")) {
    const f = r.functions;
    const over = f.routes
      .filter((fn) => fn.name !== "health" && fn.vsFloor > 1.25)
      .map((fn) => `${fn.name} import ${fn.importMs.median} ms, first request ${round(fn.importAndFirstRequestMs.median - fn.importMs.median)} ms (its NodejsFunction peer: ${fn.peer.importAndFirstRequestMs.median} ms in all)`)
      .join("; ");
    return `The floor (SDK client + one GetItem, bundled the same way) imports in ${f.floor.importMs.median} ms and serves its first request in ${round(f.floor.importAndFirstRequestMs.median - f.floor.importMs.median)} ms (with the SDK external: ${f.floorSdkExternal.importAndFirstRequestMs.median} ms in all). Over the target: ${over}. The largest route bundle is ${round((Math.max(...f.routes.map((fn) => fn.zippedBytes)) / f.floor.zippedBytes - 1) * 100, 0)}% larger than the floor's, so most of an import gap is noise; the first request of list-articles is two requests in sequence (Query, then BatchGetItem), update-article's and delete-article's a read then a write, against the floor's one GetItem. Where the peer, with the SDK external, beats our bundle for the same handler, the difference is not explained by these runs: it needs more runs on an idle machine, and a profile of the first request. Each figure is a median of ${f.floor.importAndFirstRequestMs.runs} fresh processes on a shared machine (see min / max below).`;
  }
  if (item.what.startsWith("synth time")) {
    return `Measured inside one warm synth: loading cdktf and the provider classes ${warm.loadModulesMs.median} ms, constructing the stacks ${warm.constructMs.median} ms, bundling ${warm.bundlingMs.median} ms (functions: cache hits only, ${warm.functionBundlingMs.median} ms to hash their inputs; the site is still built by esbuild each time), serializing ${warm.serializeMs.median} ms. The floor constructs no resource; constructing and serializing every stack's resources is the gap, the cost of the infrastructure itself.`;
  }
  if (item.what.startsWith("synth peak memory")) {
    return `Peak memory is held by the construct tree and each stack's synthesized JSON, which cdktf builds in memory before writing (${r.synth.app.peakMemoryMb.median} MB against the floor's ${r.synth.floor.peakMemoryMb.median} MB, which has 7 providers and no resource). Bundling adds little: esbuild runs in its own process, and with a warm cache not at all. Synthesizing each environment in its own process would lower the peak, at the cost of loading cdktf once per process.`;
  }
  const { start, end } = r.machine.loadAverage;
  if (Math.max(start, end) > r.machine.cores) {
    return `Measured under a load average of ${start} to ${end} on ${r.machine.cores} cores: other processes held most of the CPU, so this absolute time says little about an idle machine (the ratios to floors, measured in the same conditions, do). See the details below.`;
  }
  return "See the details below.";
}

function chart(items: Target[]): string {
  const width = 880;
  const row = 26;
  const left = 330;
  const scale = (width - left - 150) / 2;
  const bars = items
    .map((item, i) => {
      const y = 40 + i * row;
      const length = Math.min(item.load, 2) * scale;
      const color = item.met ? "#1b6e3a" : "#a4161a";
      const label = item.what.length > 48 ? `${item.what.slice(0, 47)}…` : item.what;
      return `<text x="${left - 8}" y="${y + 14}" text-anchor="end" font-size="12">${escapeXml(label)}</text>` +
        `<rect x="${left}" y="${y + 3}" width="${Math.max(length, 1).toFixed(1)}" height="16" fill="${color}"/>` +
        `<text x="${left + Math.max(length, 1) + 4}" y="${y + 15}" font-size="11">${escapeXml(item.measured)}</text>`;
    })
    .join("\n");
  const height = 60 + items.length * row;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="22" font-size="14" font-weight="bold">Share of each target used (the line is the target; shorter bars have more headroom)</text>
<line x1="${left + scale}" y1="34" x2="${left + scale}" y2="${height - 10}" stroke="#333" stroke-dasharray="4 3"/>
${bars}
</svg>
`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function markdown(r: Results, items: Target[]): string {
  const lines: string[] = [];
  lines.push(`# Benchmarks (${r.mode} run)`);
  lines.push("");
  lines.push(`Measured ${r.date} on ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GiB, Node ${r.machine.node}; the run took ${r.durationSeconds} s, with a 1-minute load average of ${r.machine.loadAverage.start} at its start and ${r.machine.loadAverage.end} at its end on ${r.machine.cores} cores. These machines are noisy: compare ratios measured in the same run, not absolute figures across runs. Regenerate with \`npm run bench\`.`);
  lines.push("");
  lines.push("![headline figures](chart.svg)");
  lines.push("");
  lines.push("| what | target | measured | met |");
  lines.push("|---|---|---|---|");
  for (const t of items) lines.push(`| ${t.what} | ${t.target} | ${t.measured} | ${t.met ? "yes" : "**no**"} |`);
  const missed = items.filter((t) => !t.met);
  if (missed.length) {
    lines.push("");
    lines.push("Missed targets, by how much and what would close them:");
    lines.push("");
    for (const t of missed) lines.push(`- **${t.what}** (${t.measured}, target ${t.target}): ${t.gap}`);
  }
  const ms = (s: { min: number; median: number; max: number }) => `${s.min} / ${s.median} / ${s.max}`;
  lines.push("");
  lines.push("## Synth");
  lines.push("");
  lines.push(`\`main.ts\` run directly (\`npm run synth\`: every stack, functions bundled, site built) with a warm bundle cache, beside a provider-only app with the same stacks, each ${r.synth.app.wallMs.runs}× in a fresh process, alternating. min / median / max.`);
  lines.push("");
  lines.push("| app | wall ms | peak memory MB |");
  lines.push("|---|---|---|");
  lines.push(`| this project | ${ms(r.synth.app.wallMs)} | ${ms(r.synth.app.peakMemoryMb)} |`);
  lines.push(`| provider-only floor | ${ms(r.synth.floor.wallMs)} | ${ms(r.synth.floor.peakMemoryMb)} |`);
  lines.push("");
  lines.push("Where one synth's time goes, timed inside the process (bench/synth-phases.ts): first from an empty bundle cache, then again with no source change. Function bundles are content-addressed (constructs/bundle.ts), so the second run finds every one without running esbuild.");
  lines.push("");
  const { cold, warm } = r.synth.phases;
  lines.push("| phase | empty cache, ms | second synth, ms |");
  lines.push("|---|---|---|");
  lines.push(`| load cdktf, provider classes, app modules | ${ms(cold.loadModulesMs)} | ${ms(warm.loadModulesMs)} |`);
  lines.push(`| construct the stacks (bundling excluded) | ${ms(cold.constructMs)} | ${ms(warm.constructMs)} |`);
  lines.push(`| bundling: functions + site | ${ms(cold.bundlingMs)} | ${ms(warm.bundlingMs)} |`);
  lines.push(`| of which functions | ${ms(cold.functionBundlingMs)} | ${ms(warm.functionBundlingMs)} |`);
  lines.push(`| function esbuild runs / cache hits | ${cold.esbuildRuns} / ${cold.cacheHits} | ${warm.esbuildRuns} / ${warm.cacheHits} |`);
  lines.push(`| serialize (app.synth) | ${ms(cold.serializeMs)} | ${ms(warm.serializeMs)} |`);
  lines.push("");
  lines.push(
    r.synth.cli && r.synth.direct
      ? `The cdktf CLI (\`npx cdktf synth\`) against the direct run (\`npm run synth\`), warm cache, ${r.synth.cli.wallMs.runs}× each: ${ms(r.synth.cli.wallMs)} ms against ${ms(r.synth.direct.wallMs)} ms. The CLI starts its own Node process, then runs the app through \`npx tsx\` in another.`
      : "The cdktf CLI against the direct run is measured by the full run only.",
  );
  lines.push("");
  lines.push("Peer: aws-cdk's `cdk synth` is not installed here and the project is not an aws-cdk app, so there is no like-for-like row.");
  lines.push("");
  lines.push("## Function bundles");
  lines.push("");
  const f = r.functions;
  lines.push(`Each function's zip unpacked and run in a fresh Node process against DynamoDB Local: import, then one request. All variants alternate run by run, ${f.floor.importMs.runs} runs each; min / median / max ms. Our bundles carry the AWS SDK from the lock file, tree-shaken and minified (source maps beside the zip, not in it), and body validators precompiled. The floor is a bundle with the same settings whose handler only creates the Document client and sends one GetItem. The peer is the same handler bundled as aws-cdk's \`NodejsFunction\` does by default (esbuild, SDK external, not minified, no source map); its SDK, like the one an external bundle gets from the Lambda runtime, is loaded from node_modules.`);
  lines.push("");
  lines.push("| function | zipped | import ms | import + first request ms | vs floor | peer zipped | peer import + first request ms |");
  lines.push("|---|---|---|---|---|---|---|");
  lines.push(`| floor | ${kb(f.floor.zippedBytes)} | ${ms(f.floor.importMs)} | ${ms(f.floor.importAndFirstRequestMs)} | 1 | | |`);
  lines.push(`| floor, SDK external | ${kb(f.floorSdkExternal.zippedBytes)} | ${ms(f.floorSdkExternal.importMs)} | ${ms(f.floorSdkExternal.importAndFirstRequestMs)} | ${round(f.floorSdkExternal.importAndFirstRequestMs.median / f.floor.importAndFirstRequestMs.median)} | | |`);
  for (const fn of f.routes) lines.push(`| ${fn.name} | ${kb(fn.zippedBytes)} | ${ms(fn.importMs)} | ${ms(fn.importAndFirstRequestMs)} | ${fn.vsFloor} | ${kb(fn.peer.zippedBytes)} | ${ms(fn.peer.importAndFirstRequestMs)} |`);
  lines.push("");
  lines.push("health sends no DynamoDB request and loads no SDK: it is its own floor.");
  lines.push("");
  lines.push("## API on the local runtime");
  lines.push("");
  lines.push("Keep-alive connections on loopback. The floor is what DynamoDB Local allows a list page: the same Query and BatchGetItem, sent by the same domain code from a plain Node loop at the same concurrency, against the same DynamoDB Local and data. Peer: SAM local (`sam local start-api`) needs Docker, which these machines do not have, so it is not measured.");
  lines.push("");
  lines.push("| route | connections | requests/s | p50 ms | p99 ms | errors | non-2xx |");
  lines.push("|---|---|---|---|---|---|---|");
  const rows = (name: string, results: ApiResult["list"]) => results.forEach((l) => lines.push(`| ${name} | ${l.connections} | ${l.requestsPerSecond} | ${l.p50Ms} | ${l.p99Ms} | ${l.errors} | ${l.non2xx} |`));
  rows("GET /api/articles (20)", r.api.list);
  rows("POST /api/articles/{id}/likes", r.api.like);
  rows("floor: Query + BatchGetItem", r.api.floor);
  lines.push("");
  lines.push(`List over floor: ${r.api.listVsFloor.map((l) => `${l.ratio}× at ${l.connections}`).join(", ")}.`);
  lines.push("");
  lines.push("## Cost per request");
  lines.push("");
  lines.push("DynamoDB's own consumed-capacity report (table and indexes), on DynamoDB Local.");
  lines.push("");
  lines.push("| operation | requests | table units | index units |");
  lines.push("|---|---|---|---|");
  for (const o of r.cost.operations) lines.push(`| ${o.operation} | ${o.requests} | ${o.tableUnits} | ${o.indexUnits} |`);
  lines.push("");
  lines.push(`Monthly estimate, prices ${r.cost.monthly.pricesAsOf} (bench/prices.ts). Assumptions: ${r.cost.monthly.assumptions.join("; ")}.`);
  lines.push("");
  lines.push("| item | USD / month |");
  lines.push("|---|---|");
  for (const l of r.cost.monthly.lines) lines.push(`| ${l.item} | ${l.usd.toFixed(2)} |`);
  lines.push(`| **total** | **${r.cost.monthly.totalUsd.toFixed(2)}** |`);
  lines.push("");
  lines.push("## Pipeline");
  lines.push("");
  lines.push(`${r.pipeline.backlogRecords.toLocaleString("en")} likes written while the stream was held, then drained into Parquet: ${r.pipeline.recordsPerSecond} records/s. Like to queryable row (LAKE_FLUSH_SECONDS=${r.pipeline.flushSeconds}), ${r.pipeline.likeToQueryableMs.runs} samples: min / median / max ${ms(r.pipeline.likeToQueryableMs)} ms, p95 ${r.pipeline.likeToQueryableMs.p95} ms.`);
  lines.push("");
  lines.push("## Lake");
  lines.push("");
  lines.push(`${r.lake.likes.toLocaleString("en")} generated likes over 30 daily partitions and ${r.lake.articles.toLocaleString("en")} articles. Parquet (Snappy) ${r.lake.parquetBytesPerLike} bytes per like row against ${r.lake.jsonBytesPerLike} as newline-delimited JSON (${(r.lake.parquetToJson * 100).toFixed(1)}%). A one-day query reads one partition: ${r.lake.oneDayBytes.toLocaleString("en")} of ${r.lake.thirtyDaysBytes.toLocaleString("en")} bytes (${(r.lake.oneDayShare * 100).toFixed(2)}%; DuckDB's profile confirms one file read).`);
  lines.push("");
  lines.push("| named query | DuckDB ms (min / median / max) |");
  lines.push("|---|---|");
  for (const q of r.lake.queries) lines.push(`| ${q.name} | ${ms(q.ms)} |`);
  lines.push("");
  return lines.join("\n");
}

/** Writes results.json, REPORT.md and chart.svg; returns their paths. */
export function writeReport(results: Results, dir: string): string[] {
  const items = targets(results);
  const files = { json: join(dir, "results.json"), report: join(dir, "REPORT.md"), chart: join(dir, "chart.svg") };
  // Whole files only: a reader (or a second run) never sees one half-written.
  writeFileAtomic(files.json, `${JSON.stringify({ ...results, targets: items }, null, 2)}\n`);
  writeFileAtomic(files.report, markdown(results, items));
  writeFileAtomic(files.chart, chart(items));
  return Object.values(files);
}
