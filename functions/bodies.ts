import { z } from "zod";
import { EMAIL_PATTERN, JsonSchema, LIMITS, LINE_PATTERN, TEXT_PATTERN } from "./schemas";

/**
 * Each request body is declared once, here: its JSON Schema (draft 4, the dialect of API Gateway
 * models, validated by the handler with ajv) and its TypeScript type both derive from it.
 */
const text = (limits: { min: number; max: number }, pattern: string) =>
  z.string().min(limits.min).max(limits.max).regex(new RegExp(pattern));

export const CreateArticle = z
  .strictObject({
    title: text(LIMITS.title, LINE_PATTERN),
    body: text(LIMITS.body, TEXT_PATTERN),
    authorName: text(LIMITS.authorName, LINE_PATTERN),
    authorEmail: z.string().max(LIMITS.authorEmail.max).regex(new RegExp(EMAIL_PATTERN)),
  })
  .meta({ title: "CreateArticle" });

export const UpdateArticle = z
  .strictObject({
    title: text(LIMITS.title, LINE_PATTERN).optional(),
    body: text(LIMITS.body, TEXT_PATTERN).optional(),
  })
  .meta({ title: "UpdateArticle", minProperties: 1 });

export type CreateArticleBody = z.infer<typeof CreateArticle>;
export type UpdateArticleBody = z.infer<typeof UpdateArticle>;

/** A zod schema as plain draft-4 JSON Schema data, which ajv and a build step can compile. */
export function draft4(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { target: "draft-4" }) as JsonSchema;
}
