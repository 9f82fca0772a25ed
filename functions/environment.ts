/**
 * The environment every function receives, declared once. The API stack gives these values to
 * each Lambda; the local runtime gives the same names to the same handlers.
 */
export interface FunctionEnvironmentInput {
  tableName: string;
  articleTtlSeconds: number;
  /** The value CloudFront sends in the origin-verify header (see functions/http/origin.ts). */
  originVerifySecret: string;
}

export function functionEnvironment(input: FunctionEnvironmentInput): Record<string, string> {
  return {
    TABLE_NAME: input.tableName,
    ARTICLE_TTL_SECONDS: String(input.articleTtlSeconds),
    ORIGIN_VERIFY_SECRET: input.originVerifySecret,
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

/** The origin secret; without it no request could be trusted, so a missing value fails every request. */
export function readOriginVerifySecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.ORIGIN_VERIFY_SECRET;
  if (!secret) throw new Error("ORIGIN_VERIFY_SECRET is not set");
  return secret;
}
