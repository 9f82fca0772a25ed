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
 * one @, no spaces or control characters, a dot in the domain.
 */
export const EMAIL_PATTERN = "^[^\\s@\\u0000-\\u001F\\u007F]+@[^\\s@.\\u0000-\\u001F\\u007F]+(\\.[^\\s@.\\u0000-\\u001F\\u007F]+)+$";

/** Single-line text: not blank, no control characters. Both Java (API Gateway) and JS read it. */
export const LINE_PATTERN = "^(?=[\\s\\S]*\\S)[^\\u0000-\\u001F\\u007F]+$";

/** Multi-line text: not blank; tabs and line breaks allowed, other control characters not. */
export const TEXT_PATTERN = "^(?=[\\s\\S]*\\S)[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]+$";

export interface JsonSchema {
  [key: string]: unknown;
}

const text = (limits: { min: number; max: number }, pattern: string): JsonSchema => ({
  type: "string",
  minLength: limits.min,
  maxLength: limits.max,
  pattern,
});

export const createArticleSchema: JsonSchema = {
  $schema: "http://json-schema.org/draft-04/schema#",
  title: "CreateArticle",
  type: "object",
  properties: {
    title: text(LIMITS.title, LINE_PATTERN),
    body: text(LIMITS.body, TEXT_PATTERN),
    authorName: text(LIMITS.authorName, LINE_PATTERN),
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
    title: text(LIMITS.title, LINE_PATTERN),
    body: text(LIMITS.body, TEXT_PATTERN),
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
