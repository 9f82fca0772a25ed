import { LakeColumnType, LakeTable } from "../functions/lake/tables";

/** Each lake column type as DuckDB names it; Parquet files carry the same logical types. */
export const DUCKDB_TYPES: Record<LakeColumnType, string> = {
  string: "VARCHAR",
  int: "INTEGER",
  bigint: "BIGINT",
  timestamp: "TIMESTAMP",
};

const TIMESTAMP_TEXT = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,9})?Z?$/;
const INT_RANGE = 2 ** 31;

/** Why a value does not fit a column, as Firehose's conversion would refuse it; null when it fits. */
function misfit(type: LakeColumnType, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "string":
      return typeof value === "string" ? null : "expected a string";
    case "int":
      return Number.isInteger(value) && Math.abs(value as number) < INT_RANGE ? null : "expected a 32-bit integer";
    case "bigint":
      return Number.isSafeInteger(value) ? null : "expected an integer";
    case "timestamp":
      return typeof value === "string" && TIMESTAMP_TEXT.test(value) && !Number.isNaN(Date.parse(value.replace(" ", "T")))
        ? null
        : "expected a timestamp yyyy-MM-dd HH:mm:ss[.SSS]";
  }
}

/** Parses one record's JSON and checks it against the table's columns (unknown keys are ignored, as OpenX does). */
export function convertRecord(table: LakeTable, text: string): { row: Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: "malformed JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: "not a JSON object" };
  const row: Record<string, unknown> = {};
  for (const column of table.columns) {
    const cell = (value as Record<string, unknown>)[column.name];
    const problem = misfit(column.type, cell);
    if (problem) return { error: `${column.name}: ${problem}` };
    row[column.name] = cell ?? null;
  }
  return { row };
}

export function duckdbColumns(table: LakeTable): string {
  return `{${table.columns.map((column) => `'${column.name}': '${DUCKDB_TYPES[column.type]}'`).join(", ")}}`;
}
