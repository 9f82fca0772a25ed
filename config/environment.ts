import { readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { z } from "zod";
import { EMAIL_PATTERN } from "../functions/schemas";

/** CloudWatch Logs accepts only these retention periods. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const localBackend = z
  .object({
    type: z.literal("local"),
    /** Relative to the project root, so state paths never depend on the machine. */
    directory: z
      .string()
      .regex(/^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+$/, "must be a relative path inside the project")
      .default("state"),
  })
  .strict();

const s3Backend = z
  .object({
    type: z.literal("s3"),
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name"),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as us-east-1"),
    keyPrefix: z.string().regex(/^[A-Za-z0-9._/-]*$/, "must contain only letters, digits, . _ / -"),
    useLockfile: z.boolean().default(true),
  })
  .strict();

/** Lowercase DNS name with at least two labels, each 1-63 characters: what ACM and Route 53 accept. */
const DOMAIN_NAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** The custom domain: a name in a Route 53 hosted zone this account owns. */
const siteDomain = z
  .object({
    name: z.string().regex(DOMAIN_NAME, "must be a lowercase DNS name such as blog.example.com"),
    hostedZoneId: z.string().regex(/^Z[A-Z0-9]{1,31}$/, "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ"),
  })
  .strict();

/** A web ACL in front of CloudFront; `enabled` defaults to on for the environment named prod. */
const siteWaf = z
  .object({
    enabled: z.boolean().optional(),
    /** Requests per client IP per 5 minutes on the write routes before WAF answers 429. */
    rateLimitPer5Min: z.number().int().min(100).max(2000000000).default(300),
  })
  .strict();

const environmentSchema = z
  .object({
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as us-east-1"),
    namePrefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,18}[a-z0-9]$/, "must be 3-20 lowercase letters, digits or dashes, starting with a letter"),
    articleTtlDays: z.number().int().min(1).max(3650).default(30),
    api: z
      .object({
        throttlingRateLimit: z.number().positive().max(10000),
        throttlingBurstLimit: z.number().int().positive().max(5000),
      })
      .strict(),
    lambda: z
      .object({
        memoryMb: z.number().int().min(128).max(10240),
        /** API Gateway stops waiting after 29 s, so a longer route timeout only burns money. */
        timeoutSeconds: z.number().int().min(1).max(29),
      })
      .strict(),
    logRetentionDays: z
      .number()
      .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
        message: `must be one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(", ")}`,
      }),
    deletionProtection: z.boolean(),
    /**
     * API Gateway's CloudWatch role is one setting per account and region. Set false when
     * another stack or team already manages it, or two stacks will fight over it.
     */
    manageApiGatewayAccount: z.boolean().default(true),
    analytics: z
      .object({
        /** Firehose writes a file at least this often (60-900 s; the size trigger is 64 MB). */
        firehoseBufferingSeconds: z.number().int().min(60).max(900).default(300),
        /** Athena refuses a query that would scan more than this (at least 10 MB). */
        athenaBytesScannedCutoffMb: z.number().int().min(10).default(1024),
        athenaResultsRetentionDays: z.number().int().min(1).default(30),
        accessLogRetentionDays: z.number().int().min(1).default(90),
      })
      .strict()
      .default({ firehoseBufferingSeconds: 300, athenaBytesScannedCutoffMb: 1024, athenaResultsRetentionDays: 30, accessLogRetentionDays: 90 }),
    alarms: z
      .object({
        /** Subscribed to every stack's alarm topic (it must confirm the subscription). */
        email: z.string().regex(new RegExp(EMAIL_PATTERN), "must be an e-mail address").optional(),
      })
      .strict()
      .default({}),
    site: z
      .object({
        /** How long CloudFront may serve a cached article list. */
        listCacheSeconds: z.number().int().min(0).max(300).default(5),
        accessLogRetentionDays: z.number().int().min(1).default(90),
        domain: siteDomain.optional(),
        waf: siteWaf.default({ rateLimitPer5Min: 300 }),
      })
      .strict()
      .default({ listCacheSeconds: 5, accessLogRetentionDays: 90, waf: { rateLimitPer5Min: 300 } }),
    backend: z.discriminatedUnion("type", [localBackend, s3Backend]).default({ type: "local", directory: "state" }),
  })
  .strict();

type ParsedEnvironment = z.infer<typeof environmentSchema>;
export type SiteDomain = z.infer<typeof siteDomain>;
export interface SiteWaf {
  enabled: boolean;
  rateLimitPer5Min: number;
}
export type EnvironmentConfig = Omit<ParsedEnvironment, "site"> & {
  name: string;
  site: Omit<ParsedEnvironment["site"], "waf"> & { waf: SiteWaf };
};

/** Environments whose WAF is on unless their file says otherwise. */
const WAF_BY_DEFAULT = ["prod"];
export type BackendConfig = EnvironmentConfig["backend"];

export class ConfigError extends Error {}

const ENV_NAME = /^[a-z][a-z0-9]{0,9}$/;

export function parseEnvironment(name: string, raw: unknown, source: string): EnvironmentConfig {
  if (!ENV_NAME.test(name)) {
    throw new ConfigError(`${source}: the file name must be a short lowercase environment name such as dev.json`);
  }
  const result = environmentSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join(".") : "(root)";
      return `${source}: ${field}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid environment configuration:\n  ${problems.join("\n  ")}`);
  }
  if (result.data.api.throttlingBurstLimit < result.data.api.throttlingRateLimit) {
    throw new ConfigError(
      `Invalid environment configuration:\n  ${source}: api.throttlingBurstLimit: must be at least api.throttlingRateLimit`,
    );
  }
  const { site } = result.data;
  const waf = { enabled: site.waf.enabled ?? WAF_BY_DEFAULT.includes(name), rateLimitPer5Min: site.waf.rateLimitPer5Min };
  return { ...result.data, name, site: { ...site, waf } };
}

export function loadEnvironment(file: string): EnvironmentConfig {
  const source = relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`${source}: cannot read JSON: ${(error as Error).message}`);
  }
  return parseEnvironment(basename(file, ".json"), raw, source);
}

/** Every `config/<env>.json`, sorted by name so the synthesized stacks come out in a stable order. */
export function loadEnvironments(directory: string = __dirname): EnvironmentConfig[] {
  const files = readdirSync(directory)
    .filter((file) => file.endsWith(".json") && !file.endsWith(".schema.json"))
    .sort();
  if (files.length === 0) throw new ConfigError(`${directory}: no environment files (<env>.json) found`);
  return files.map((file) => loadEnvironment(join(directory, file)));
}
