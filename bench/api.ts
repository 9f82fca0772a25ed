import { ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "../local/dynamodb-local";
import { load, LoadResult } from "./load";

const ROOT = resolve(__dirname, "..");

function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolvePromise({ url: match[1], child });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolvePromise) => child.once("exit", resolvePromise));
  child.kill("SIGTERM");
  await exited;
}

export interface ApiResult {
  list: LoadResult[];
  like: LoadResult[];
  floor: LoadResult[];
  /** Requests/s of the list at the highest connection count, as a fraction of the floor's. */
  listVsFloorAtMax: number;
}

/** GET /api/articles (a page of 20) and POST likes at each connection count, beside the floor. */
export async function benchApi(connections: number[], seconds: number): Promise<ApiResult> {
  const runtime = await startProcess(
    ["--import", "tsx", "local/start.ts"],
    { PORT: String(await freePort()), LOCAL_DATA_DIR: mkdtempSync(join(tmpdir(), "bench-api-")), LAKE_FLUSH_SECONDS: "5" },
    /Blog ready at (http:\/\/127\.0\.0\.1:\d+)\//,
  );
  try {
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const response = await fetch(`${runtime.url}/api/articles`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: `Bench ${i}`, body: `# Article ${i}\n\nSome text to read.`, authorName: "Bench", authorEmail: "bench@example.com" }),
      });
      ids.push(((await response.json()) as { article: { id: string } }).article.id);
    }
    const page = await (await fetch(`${runtime.url}/api/articles?limit=20`)).text();
    const floor = await startProcess([join(__dirname, "floor-server.cjs")], { FLOOR_BODY: page }, /floor listening on (http:\/\/127\.0\.0\.1:\d+)/);
    try {
      const result: ApiResult = { list: [], like: [], floor: [], listVsFloorAtMax: 0 };
      for (const c of connections) {
        result.list.push(await load(`${runtime.url}/api/articles?limit=20`, "GET", c, seconds));
        result.like.push(await load(`${runtime.url}/api/articles/${ids[0]}/likes`, "POST", c, seconds, { "CloudFront-Viewer-Country": "DE" }));
        result.floor.push(await load(`${floor.url}/api/articles?limit=20`, "GET", c, seconds));
      }
      const last = connections.length - 1;
      result.listVsFloorAtMax = Math.round((result.list[last].requestsPerSecond / result.floor[last].requestsPerSecond) * 1000) / 1000;
      return result;
    } finally {
      await stop(floor.child);
    }
  } finally {
    await stop(runtime.child);
  }
}
