import { resolve } from "node:path";
import { DataDirInUseError } from "./data-dir-lock";
import { startLocal } from "./runtime";

function positiveInteger(name: string, fallback?: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${name} must be a positive integer, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const port = positiveInteger("PORT", 3000)!;
  const dataDir = resolve(process.env.LOCAL_DATA_DIR || ".local");
  const runtime = await startLocal({
    port,
    dataDir,
    adminApiKey: process.env.ADMIN_API_KEY || undefined,
    articleTtlSeconds: positiveInteger("ARTICLE_TTL_SECONDS"),
    lakeFlushSeconds: positiveInteger("LAKE_FLUSH_SECONDS", 5),
    ttlSweepSeconds: positiveInteger("LOCAL_TTL_SWEEP_SECONDS", 5),
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping`);
    runtime.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));

  if (!process.env.ADMIN_API_KEY) console.log(`Admin API key (generated; set ADMIN_API_KEY to choose one): ${runtime.adminApiKey}`);
  console.log(`Data: ${dataDir} (lake: ${runtime.lakeDir}, DLQ: ${runtime.dlqDir})`);
  console.log(`Blog ready at ${runtime.url}/ (API at ${runtime.url}/api, try ${runtime.url}/api/health)`);
}

/** The reasons a start fails that the user can act on, said with the variable to change. */
function explain(error: unknown): string {
  if (error instanceof DataDirInUseError) {
    return (
      `${error.message}.\nStop that one first, or run a second runtime with its own data folder and port, ` +
      `e.g. LOCAL_DATA_DIR=.local-2 PORT=3001 npm start`
    );
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") {
    const port = (error as { port?: number }).port;
    return `port ${port} on 127.0.0.1 is already in use by another program; choose another with PORT, e.g. PORT=${(port ?? 3000) + 1} npm start`;
  }
  return error instanceof Error ? error.message : String(error);
}

main().catch((error) => {
  console.error(`Could not start: ${explain(error)}`);
  process.exit(1);
});
