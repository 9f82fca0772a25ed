import { Agent, request } from "node:http";
import { percentile, round } from "./stats";

export interface LoadResult {
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** Keeps `connections` requests in flight against one loopback URL for `seconds`. */
export async function load(url: string, method: string, connections: number, seconds: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const target = new URL(url);
  if (target.hostname !== "127.0.0.1" && target.hostname !== "localhost") throw new Error("load tests target loopback only");
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const deadline = Date.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = process.hrtime.bigint();
      const req = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method, agent, headers }, (res) => {
        res.resume();
        res.on("end", () => {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          if ((res.statusCode ?? 0) >= 300) non2xx += 1;
          resolve();
        });
      });
      req.on("error", () => {
        errors += 1;
        resolve();
      });
      req.end();
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) await one();
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  return {
    connections,
    requests: latencies.length,
    requestsPerSecond: round(latencies.length / elapsed, 1),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
    non2xx,
  };
}
