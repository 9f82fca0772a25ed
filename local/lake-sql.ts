import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { LAKE_TABLES, PARTITION_COLUMN } from "../functions/lake/tables";
import { DUCKDB_TYPES } from "./lake-schema";

export const QUERIES_DIR = resolve(__dirname, "..", "queries");

export interface NamedQuery {
  name: string;
  sql: string;
  /** Names of the `?` placeholders, in order, from a `-- params: a, b` line. */
  params: string[];
  description: string;
}

export function namedQueries(): NamedQuery[] {
  return readdirSync(QUERIES_DIR)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file) => parseNamedQuery(file.slice(0, -4), readFileSync(join(QUERIES_DIR, file), "utf8")));
}

export function parseNamedQuery(name: string, sql: string): NamedQuery {
  const params = /^--\s*params:\s*(.+)$/m.exec(sql)?.[1].split(",").map((param) => param.trim()).filter(Boolean) ?? [];
  const description = (/^--\s*(?!params:)(.+)$/m.exec(sql)?.[1] ?? name).trim();
  const placeholders = (sql.replace(/--.*$/gm, "").match(/\?/g) ?? []).length;
  if (placeholders !== params.length) {
    throw new Error(`queries/${name}.sql: ${placeholders} placeholders but ${params.length} declared params`);
  }
  return { name, sql: sql.trim().replace(/;\s*$/, ""), params, description };
}

function hasParquet(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? hasParquet(join(dir, entry.name)) : entry.name.endsWith(".parquet") && !entry.name.startsWith("."),
  );
}

/** DuckDB with one view per lake table, named like the Glue tables, over the local Parquet lake. */
export async function openLake(lakeDir: string): Promise<{ connection: DuckDBConnection; close(): void }> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  for (const table of LAKE_TABLES) {
    const dir = join(lakeDir, table.name);
    const columns = [...table.columns.map((c) => `"${c.name}"`), `"${PARTITION_COLUMN.name}"`].join(", ");
    const source = hasParquet(dir)
      ? `SELECT ${columns} FROM read_parquet('${join(dir, "*", "[!.]*.parquet")}', hive_partitioning = true, ` +
        `hive_types = {'${PARTITION_COLUMN.name}': VARCHAR}, union_by_name = true)`
      : `SELECT ${[...table.columns.map((c) => `CAST(NULL AS ${DUCKDB_TYPES[c.type]}) AS "${c.name}"`), `CAST(NULL AS VARCHAR) AS "${PARTITION_COLUMN.name}"`].join(", ")} WHERE false`;
    await connection.run(`CREATE VIEW "${table.name}" AS ${source}`);
  }
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Runs SQL with positional parameters; BIGINTs come back as numbers when they fit. */
export async function query(connection: DuckDBConnection, sql: string, params: string[] = []): Promise<Record<string, unknown>[]> {
  const reader =
    params.length > 0
      ? await (async () => {
          const statement = await connection.prepare(sql);
          params.forEach((value, i) => statement.bindVarchar(i + 1, value));
          return statement.runAndReadAll();
        })()
      : await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key,
        typeof value === "bigint" && Number.isSafeInteger(Number(value)) ? Number(value) : value instanceof Date ? value.toISOString() : value,
      ]),
    ),
  );
}
