import { DuckDBInstance } from "@duckdb/node-api";
import { mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { namedQueries, openLake, query } from "../local/lake-sql";
import { LIKES_TABLE } from "../functions/lake/tables";
import { round, Spread, spread } from "./stats";

export interface LakeResult {
  likes: number;
  articles: number;
  parquetBytesPerLike: number;
  jsonBytesPerLike: number;
  parquetToJson: number;
  queries: { name: string; ms: Spread }[];
  oneDayBytes: number;
  thirtyDaysBytes: number;
  oneDayShare: number;
}

function bytesUnder(dir: string): number {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith(".parquet"))
    .reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
}

/**
 * A generated lake (likes spread over 30 days, one Parquet file per day, as Firehose's daily
 * prefixes give) to measure bytes per row, named-query times and what partition pruning saves.
 */
export async function benchLake(likes: number, articles: number, runs: number): Promise<LakeResult> {
  const lakeDir = mkdtempSync(join(tmpdir(), "bench-lake-"));
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const countries = "['DE','FR','US','BR','JP','IN','NG','AU','GB','ES']";
  await c.run(`CREATE TABLE likes AS SELECT
      'ev-' || lpad(i::VARCHAR, 12, '0') AS event_id,
      TIMESTAMP '2026-01-01' + to_milliseconds(i * (2592000000::BIGINT // ${likes})) AS event_time,
      'article-' || (i % ${articles})::VARCHAR AS article_id,
      (${countries})[1 + (hash(i) % 10)::INTEGER] AS country,
      CASE hash(i * 7) % 3 WHEN 0 THEN 'mobile' WHEN 1 THEN 'desktop' ELSE 'tablet' END AS device_type,
      '198.51.' || (hash(i) % 256)::VARCHAR || '.0/24' AS ip_prefix,
      'Mozilla/5.0 (' || CASE hash(i * 3) % 3 WHEN 0 THEN 'Windows NT 10.0; Win64; x64' WHEN 1 THEN 'iPhone; CPU iPhone OS 17_0 like Mac OS X' ELSE 'Linux; Android 14' END || ') AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36' AS user_agent
    FROM range(${likes}) t(i)`);
  await c.run(`CREATE TABLE articles AS SELECT
      'pub-' || i::VARCHAR AS event_id, 'published' AS event_type, TIMESTAMP '2025-12-01' AS event_time,
      'article-' || i::VARCHAR AS article_id, 'Title ' || i::VARCHAR AS title, 'Author ' || (i % 200)::VARCHAR AS author_name,
      TIMESTAMP '2025-12-01' AS published_at, (500 + i % 5000)::INTEGER AS body_length
    FROM range(${articles}) t(i)`);
  const columns = LIKES_TABLE.columns.map((col) => col.name).join(", ");
  for (let day = 0; day < 30; day += 1) {
    const dt = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
    mkdirSync(join(lakeDir, "likes", `dt=${dt}`), { recursive: true });
    await c.run(`COPY (SELECT ${columns} FROM likes WHERE event_time::DATE = DATE '${dt}') TO '${join(lakeDir, "likes", `dt=${dt}`, "part.parquet")}' (FORMAT parquet, COMPRESSION snappy)`);
  }
  mkdirSync(join(lakeDir, "articles", "dt=2025-12-01"), { recursive: true });
  await c.run(`COPY articles TO '${join(lakeDir, "articles", "dt=2025-12-01", "part.parquet")}' (FORMAT parquet, COMPRESSION snappy)`);
  const jsonFile = join(lakeDir, "likes.ndjson");
  await c.run(`COPY (SELECT ${columns} FROM likes) TO '${jsonFile}' (FORMAT json)`);
  c.closeSync();
  db.closeSync();

  const parquetBytes = bytesUnder(join(lakeDir, "likes"));
  const jsonBytes = statSync(jsonFile).size;
  const lake = await openLake(lakeDir);
  try {
    const queries = [];
    for (const named of namedQueries()) {
      const times: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const started = process.hrtime.bigint();
        await query(lake.connection, named.sql, named.params.map(() => "DE"));
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      queries.push({ name: named.name, ms: spread(times) });
    }
    // What a one-day query must read once partition pruning has skipped the other days' files.
    const profile = await query(lake.connection, "EXPLAIN ANALYZE SELECT COUNT(DISTINCT event_id) FROM likes WHERE dt = '2026-01-15'");
    const plan = JSON.stringify(profile);
    const filesRead = Number(/Total Files Read:\s*(\d+)/.exec(plan)?.[1] ?? NaN);
    const oneDayBytes = bytesUnder(join(lakeDir, "likes", "dt=2026-01-15"));
    if (filesRead !== 1) throw new Error(`partition pruning did not happen: ${filesRead} files read`);
    return {
      likes,
      articles,
      parquetBytesPerLike: round(parquetBytes / likes, 1),
      jsonBytesPerLike: round(jsonBytes / likes, 1),
      parquetToJson: round(parquetBytes / jsonBytes, 3),
      queries,
      oneDayBytes,
      thirtyDaysBytes: parquetBytes,
      oneDayShare: round(oneDayBytes / parquetBytes, 4),
    };
  } finally {
    lake.close();
  }
}
