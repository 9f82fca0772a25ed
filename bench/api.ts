import { ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "../local/dynamodb-local";
import { listFloor } from "./list-floor";
import { load, LoadResult } from "./load";
import { round } from "./stats";

const ROOT = resolve(__dirname, "..");

function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ match: RegExpExecArray; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolvePromise({ match, child });
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
  /** The list page's own DynamoDB calls from a plain Node loop, at the same connection counts. */
  floor: LoadResult[];
  /** List requests/s over the floor's, at each connection count. */
  listVsFloor: { connections: number; ratio: number }[];
}

/** GET /api/articles (a page of 20) and POST likes at each connection count, beside the floor. */
export async function benchApi(connections: number[], seconds: number): Promise<ApiResult> {
  const runtime = await startProcess(
    ["--import", "tsx", "local/start.ts"],
    { PORT: String(await freePort()), LOCAL_DATA_DIR: mkdtempSync(join(tmpdir(), "bench-api-")), LAKE_FLUSH_SECONDS: "5" },
    /DynamoDB Local at (http:\/\/127\.0\.0\.1:\d+), table (\S+)\n[\s\S]*Blog ready at (http:\/\/127\.0\.0\.1:\d+)\//,
  );
  const [, dynamoDbEndpoint, tableName, url] = runtime.match;
  try {
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const response = await fetch(`${url}/api/articles`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: `Bench ${i}`, body: `# Article ${i}\n\nSome text to read.`, authorName: "Bench", authorEmail: "bench@example.com" }),
      });
      ids.push(((await response.json()) as { article: { id: string } }).article.id);
    }
    const result: ApiResult = { list: [], like: [], floor: [], listVsFloor: [] };
    for (const c of connections) {
      result.floor.push(await listFloor(dynamoDbEndpoint, tableName, c, seconds));
      result.list.push(await load(`${url}/api/articles?limit=20`, "GET", c, seconds));
      result.like.push(await load(`${url}/api/articles/${ids[0]}/likes`, "POST", c, seconds, { "CloudFront-Viewer-Country": "DE" }));
    }
    result.listVsFloor = connections.map((c, i) => ({ connections: c, ratio: round(result.list[i].requestsPerSecond / result.floor[i].requestsPerSecond, 3) }));
    return result;
  } finally {
    await stop(runtime.child);
  }
}
