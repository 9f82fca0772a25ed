/**
 * Request body schemas (JSON Schema draft 4, the dialect API Gateway models speak). API Gateway
 * validates with them, the local runtime validates with them, and handlers validate again.
 */
export const LIMITS = {
  title: { min: 1, max: 200 },
  body: { min: 1, max: 20000 },
  authorName: { min: 1, max: 100 },
  authorEmail: { max: 254 },
  listPage: { min: 1, max: 50, default: 20 },
} as const;

/**
 * A pragmatic address check that API Gateway can enforce too (it ignores "format"):
 * one @, no spaces, a dot in the domain.
 */
export const EMAIL_PATTERN = "^[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+$";

export interface JsonSchema {
  [key: string]: unknown;
}

const text = (limits: { min: number; max: number }): JsonSchema => ({
  type: "string",
  minLength: limits.min,
  maxLength: limits.max,
  pattern: "\\S",
});

export const createArticleSchema: JsonSchema = {
  $schema: "http://json-schema.org/draft-04/schema#",
  title: "CreateArticle",
  type: "object",
  properties: {
    title: text(LIMITS.title),
    body: text(LIMITS.body),
    authorName: text(LIMITS.authorName),
    authorEmail: { type: "string", maxLength: LIMITS.authorEmail.max, pattern: EMAIL_PATTERN },
  },
  required: ["title", "body", "authorName", "authorEmail"],
  additionalProperties: false,
};

export const updateArticleSchema: JsonSchema = {
  $schema: "http://json-schema.org/draft-04/schema#",
  title: "UpdateArticle",
  type: "object",
  properties: {
    title: text(LIMITS.title),
    body: text(LIMITS.body),
  },
  minProperties: 1,
  additionalProperties: false,
};

export interface CreateArticleBody {
  title: string;
  body: string;
  authorName: string;
  authorEmail: string;
}

export interface UpdateArticleBody {
  title?: string;
  body?: string;
}
