import { join, resolve } from "node:path";
import { namedQueries, openLake, query } from "./lake-sql";

const USAGE = `Usage: npm run query -- "<SQL>" | <named query> [--param name=value ...] [--json]
Named queries (queries/*.sql): ${namedQueries()
  .map((q) => q.name + (q.params.length ? ` (--param ${q.params.map((p) => `${p}=...`).join(" ")})` : ""))
  .join(", ")}
Reads the lake under $LOCAL_DATA_DIR/lake (default .local/lake).`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let json = false;
  const params = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === "--json") json = true;
    else if (args[i] === "--help" || args[i] === "-h") {
      console.log(USAGE);
      return;
    } else if (args[i] === "--param") {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(args[++i] ?? "");
      if (!match) fail("--param takes name=value");
      params.set(match[1], match[2]);
    } else positional.push(args[i]);
  }
  if (positional.length !== 1) fail("Give exactly one SQL statement or named query.");

  const named = namedQueries().find((q) => q.name === positional[0]);
  let sql = positional[0];
  let values: string[] = [];
  if (named) {
    sql = named.sql;
    values = named.params.map((name) => params.get(name) ?? fail(`${named.name} needs --param ${name}=...`));
    const unknown = [...params.keys()].filter((name) => !named.params.includes(name));
    if (unknown.length) fail(`${named.name} has no parameter ${unknown.join(", ")}`);
  } else if (params.size > 0) {
    fail("--param applies to named queries only");
  } else if (/^[a-z_]+$/.test(sql)) {
    fail(`No named query "${sql}".`);
  }

  const lake = await openLake(join(resolve(process.env.LOCAL_DATA_DIR || ".local"), "lake"));
  try {
    const rows = await query(lake.connection, sql, values);
    if (json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    else if (rows.length === 0) console.log("(no rows)");
    else console.table(rows);
  } finally {
    lake.close();
  }
}

main().catch((error) => {
  console.error(`Query failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
