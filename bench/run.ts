import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { publishArticle } from "../functions/articles/articles";
import { createDocumentClient } from "../functions/articles/store";
import { functionEnvironment } from "../functions/environment";
import { ensureTable } from "../local/create-table";
import { LOCAL_CREDENTIALS, localDynamoClient, startDynamoDbLocal } from "../local/dynamodb-local";
import { toProxyEvent } from "../local/api-gateway-event";
import { COMPILED_ROUTES } from "../functions/compiled-routes";
import { ORIGIN_VERIFY_HEADER } from "../functions/http/origin";
import { synthesizeAll } from "../policy/check";
import { benchApi } from "./api";
import { benchCost } from "./cost";
import { benchFunctions } from "./functions";
import { benchLake } from "./lake";
import { benchPipeline } from "./pipeline";
import { writeReport } from "./report";
import { round } from "./stats";
import { benchSynth } from "./synth";

const ROOT = resolve(__dirname, "..");
/** The benchmark plays CloudFront for its own functions; nothing is protected by this value. */
const BENCH_ORIGIN_SECRET = "bench-origin-secret";

async function functionsBench(runs: number) {
  const dynamo = await startDynamoDbLocal();
  const client = localDynamoClient(dynamo.endpoint);
  try {
    await ensureTable(client, "bench-functions");
    const store = { client: createDocumentClient(client), tableName: "bench-functions", ttlSeconds: 86400, now: Date.now };
    const publish = (title: string) => publishArticle(store, { title, body: "Body", authorName: "B", authorEmail: "b@example.com" });
    const article = await publish("Bench");
    // Each delete needs its own article (the route's own bundle and its peer, every run).
    const doomed = await Promise.all(Array.from({ length: runs * 2 }, (_, i) => publish(`Doomed ${i}`)));
    let created = 0;
    const eventFor = (slug: string) => {
      const route = COMPILED_ROUTES.find((r) => r.slug === slug)!;
      const id = route.name === "deleteArticle" ? doomed.pop()!.id : article.id;
      const params = route.pathParameters.includes("id") ? { id } : null;
      const body =
        route.name === "createArticle"
          ? JSON.stringify({ title: `New ${(created += 1)}`, body: "Body", authorName: "B", authorEmail: "b@example.com" })
          : route.name === "updateArticle"
            ? JSON.stringify({ title: "Edited" })
            : "";
      return toProxyEvent(
        { method: route.method, path: route.resource.replace("{id}", id), query: new URLSearchParams(route.name === "listArticles" ? "limit=20" : ""), headers: { [ORIGIN_VERIFY_HEADER]: BENCH_ORIGIN_SECRET, ...(body ? { "content-type": "application/json" } : {}) }, body, sourceIp: "127.0.0.1" },
        route.resource,
        params,
        "api",
      );
    };
    const environment = {
      ...functionEnvironment({ tableName: "bench-functions", articleTtlSeconds: 86400, originVerifySecret: BENCH_ORIGIN_SECRET }),
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
    return benchFunctions(runs, environment, eventFor);
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const plan = quick
    ? { synthRuns: 1, cliRuns: 0, functionRuns: 3, connections: [1, 10], seconds: 2, backlog: 500, samples: 3, likes: 100_000, articles: 1_000, queryRuns: 3 }
    : { synthRuns: 3, cliRuns: 2, functionRuns: 7, connections: [1, 10, 50], seconds: 8, backlog: 5_000, samples: 20, likes: 1_000_000, articles: 10_000, queryRuns: 5 };
  const log = (step: string) => console.log(`[bench${quick ? " --quick" : ""}] ${step}`);
  const started = Date.now();
  const loadAtStart = loadavg()[0];

  // One part alone, printed as JSON and never written to the report: for iterating on it.
  const only = process.argv[process.argv.indexOf("--only") + 1];
  if (process.argv.includes("--only")) {
    const parts: Record<string, () => Promise<unknown>> = {
      synth: async () => benchSynth(plan.synthRuns, plan.cliRuns),
      functions: () => functionsBench(plan.functionRuns),
      api: () => benchApi(plan.connections, plan.seconds),
    };
    if (!parts[only]) throw new Error(`--only takes one of ${Object.keys(parts).join(", ")}`);
    console.log(JSON.stringify(await parts[only](), null, 2));
    return;
  }

  log("synth");
  const synth = benchSynth(plan.synthRuns, plan.cliRuns);
  log("function bundles");
  const functions = await functionsBench(plan.functionRuns);
  log("API, local runtime");
  const api = await benchApi(plan.connections, plan.seconds);
  log("cost per request");
  const stacks = synthesizeAll();
  const alarmCount = ["dev-api", "dev-analytics"].reduce((n, name) => n + Object.keys(stacks[name].resource?.aws_cloudwatch_metric_alarm ?? {}).length, 0);
  const cost = await benchCost(alarmCount);
  log("pipeline");
  const pipeline = await benchPipeline(plan.backlog, plan.samples);
  log("lake");
  const lake = await benchLake(plan.likes, plan.articles, plan.queryRuns);

  const results = {
    mode: quick ? "quick" : "full",
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version, platform: `${process.platform}-${process.arch}`, loadAverage: { start: round(loadAtStart), end: round(loadavg()[0]) } },
    durationSeconds: Math.round((Date.now() - started) / 1000),
    synth,
    functions,
    api,
    cost,
    pipeline,
    lake,
  };
  // A quick run never overwrites the committed full results, nor another quick run's.
  const outDir = quick ? join(ROOT, ".build", "bench-quick", `${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}`) : join(ROOT, "bench");
  const written = writeReport(results, outDir);
  log(`done in ${results.durationSeconds} s: ${written.join(", ")}`);
  const report = written.find((file) => file.endsWith("REPORT.md"));
  if (report) console.log(readFileSync(report, "utf8").split("\n## ")[0]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
