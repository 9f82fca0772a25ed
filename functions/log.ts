/**
 * The one logger of the route handlers, the stream reader and the local runtime: a JSON line with
 * level and message first. Powertools Logger was measured against it (README, "Logging") and
 * costs more cold-start CPU than the 5 ms budget, so this stays a module of its own.
 */
export type LogLevel = "INFO" | "WARN" | "ERROR";

export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  (level === "INFO" ? console.log : console.error)(JSON.stringify({ level, message, ...fields }));
}

/** An error as log fields: name, message and stack, never lost to JSON.stringify's {}. */
export function errorFields(error: unknown): unknown {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error);
}
