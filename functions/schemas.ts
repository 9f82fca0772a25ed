/** Limits and text rules of the API's inputs; functions/bodies.ts builds the body schemas from them. */
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

/** Characters that render as nothing: a field made only of these (and spaces) is blank. */
const INVISIBLE = "\\u200B-\\u200F\\u2060-\\u2064\\uFEFF";

/**
 * Single-line text: something visible, no control characters (C0 or C1, so no U+0085), no line
 * or paragraph separators, no bidi embeddings, overrides or isolates (U+202A-E, U+2066-9).
 * Joiners stay allowed inside visible text: emoji sequences and several scripts need them.
 */
export const LINE_PATTERN = `^(?=[\\s\\S]*[^\\s${INVISIBLE}])[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]+$`;

/** Multi-line text: something visible; tabs and line breaks allowed, other control characters not. */
export const TEXT_PATTERN = `^(?=[\\s\\S]*[^\\s${INVISIBLE}])[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]+$`;

export interface JsonSchema {
  [key: string]: unknown;
}

export type { CreateArticleBody, UpdateArticleBody } from "./bodies";
