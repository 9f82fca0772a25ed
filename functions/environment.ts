/**
 * The environment every function receives, declared once. The API stack gives these values to
 * each Lambda; the local runtime gives the same names to the same handlers.
 */
export interface FunctionEnvironmentInput {
  tableName: string;
  articleTtlSeconds: number;
}

export function functionEnvironment(input: FunctionEnvironmentInput): Record<string, string> {
  return {
    TABLE_NAME: input.tableName,
    ARTICLE_TTL_SECONDS: String(input.articleTtlSeconds),
  };
}

export interface RuntimeSettings {
  tableName: string;
  articleTtlSeconds: number;
}

/** Read by handlers at cold start; a missing value is a deployment bug, so fail loudly. */
export function readRuntimeSettings(env: NodeJS.ProcessEnv = process.env): RuntimeSettings {
  const tableName = env.TABLE_NAME;
  const ttl = Number(env.ARTICLE_TTL_SECONDS);
  if (!tableName) throw new Error("TABLE_NAME is not set");
  if (!Number.isInteger(ttl) || ttl <= 0) throw new Error(`ARTICLE_TTL_SECONDS must be a positive integer, got "${env.ARTICLE_TTL_SECONDS}"`);
  return { tableName, articleTtlSeconds: ttl };
}
