// Run in a fresh process by bench/synth.ts: where one synth of main.ts spends its time.
const started = performance.now();
// Modules load after the clock starts: loading cdktf and the provider classes is part of the cost.
const { App } = require("cdktf") as typeof import("cdktf");
const { buildApp } = require("../main") as typeof import("../main");
const { bundleStats } = require("../constructs/bundle") as typeof import("../constructs/bundle");
const { buildSite } = require("../site/build") as typeof import("../site/build");
const loaded = performance.now();

// The site is built first and memoized, so its bundling is timed apart from the constructs.
buildSite();
const siteBuilt = performance.now();
const app = buildApp(new App());
const constructed = performance.now();
app.synth();
const serialized = performance.now();

process.stdout.write(
  JSON.stringify({
    loadModulesMs: loaded - started,
    constructMs: constructed - siteBuilt - bundleStats.ms,
    bundlingMs: siteBuilt - loaded + bundleStats.ms,
    functionBundlingMs: bundleStats.ms,
    esbuildRuns: bundleStats.builds,
    cacheHits: bundleStats.cacheHits,
    serializeMs: serialized - constructed,
  }),
);
