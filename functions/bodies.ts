import { EMAIL_PATTERN, JsonSchema, LIMITS, LINE_PATTERN, TEXT_PATTERN } from "./schemas";

/**
 * Each request body is declared once, here, as plain draft-4 JSON Schema data (the dialect of
 * API Gateway models; the handler validates with it, and a build step can precompile it), and
 * its TypeScript type is derived from that same declaration by BodyType.
 *
 * Not zod: its schemas are runtime objects, and the handlers read the route table, so zod would
 * ship in every function (measured: +454 KB minified per bundle, README "Adding a route").
 */
const text = (limits: { readonly min: number; readonly max: number }, pattern: string) =>
  ({ type: "string", minLength: limits.min, maxLength: limits.max, pattern }) as const;

export const CreateArticle = {
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
} as const satisfies BodySchema;

export const UpdateArticle = {
  $schema: "http://json-schema.org/draft-04/schema#",
  title: "UpdateArticle",
  type: "object",
  properties: {
    title: text(LIMITS.title, LINE_PATTERN),
    body: text(LIMITS.body, TEXT_PATTERN),
  },
  minProperties: 1,
  additionalProperties: false,
} as const satisfies BodySchema;

/** A body: a JSON object with a title (the API Gateway model's name) and typed properties. */
export interface BodySchema extends JsonSchema {
  readonly title: string;
  readonly type: "object";
  readonly properties: Readonly<Record<string, { readonly type: "string" | "integer" | "number" | "boolean"; readonly [keyword: string]: unknown }>>;
  readonly required?: readonly string[];
}

type ValueOf<P> = P extends { type: "string" } ? string : P extends { type: "integer" | "number" } ? number : P extends { type: "boolean" } ? boolean : never;
type Properties<S> = S extends { properties: infer P } ? P : never;
type Required<S> = S extends { required: readonly (infer K)[] } ? K : never;
type Flatten<T> = { [K in keyof T]: T[K] };

/** The TypeScript type of a body schema: its required properties, then its optional ones. */
export type BodyType<S> = Flatten<
  { -readonly [K in keyof Properties<S> & Required<S>]: ValueOf<Properties<S>[K]> } & {
    -readonly [K in Exclude<keyof Properties<S>, Required<S>>]?: ValueOf<Properties<S>[K]>;
  }
>;

export type CreateArticleBody = BodyType<typeof CreateArticle>;
export type UpdateArticleBody = BodyType<typeof UpdateArticle>;
