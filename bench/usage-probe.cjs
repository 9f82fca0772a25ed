// Preloaded into a measured process: on exit it writes its own peak memory (maxRSS) to a file.
const { writeFileSync } = require("node:fs");
process.on("exit", () => {
  if (process.env.BENCH_USAGE_FILE) writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
});
