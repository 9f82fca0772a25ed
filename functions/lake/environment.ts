import { LAKE_TABLES, LakeTable } from "./tables";

/** The stream reader's environment: the delivery stream of each lake table. */
export function lakeStreamVariable(table: LakeTable): string {
  return `LAKE_STREAM_${table.name.toUpperCase()}`;
}

export function streamReaderEnvironment(streamNames: Record<string, string>): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const table of LAKE_TABLES) {
    const name = streamNames[table.name];
    if (!name) throw new Error(`No delivery stream for lake table ${table.name}`);
    environment[lakeStreamVariable(table)] = name;
  }
  return environment;
}

export function readStreamReaderSettings(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    LAKE_TABLES.map((table) => {
      const value = env[lakeStreamVariable(table)];
      if (!value) throw new Error(`${lakeStreamVariable(table)} is not set`);
      return [table.name, value];
    }),
  );
}
