import { EMAIL_PATTERN, LIMITS } from "../../functions/schemas";
import type { NewArticle } from "./api";

export type Field = keyof NewArticle;
export type FieldErrors = Partial<Record<Field, string>>;

const email = new RegExp(EMAIL_PATTERN);
const characters = (value: string) => [...value].length;

function text(label: string, value: string, limits: { min: number; max: number }): string | undefined {
  if (value.trim() === "") return `${label} is required.`;
  if (characters(value) > limits.max) return `${label} must be at most ${limits.max.toLocaleString("en")} characters (now ${characters(value).toLocaleString("en")}).`;
  return undefined;
}

/** The API's own limits (functions/schemas.ts), checked before anything is sent. */
export function validateArticle(input: NewArticle): FieldErrors {
  const errors: FieldErrors = {};
  const title = text("Title", input.title, LIMITS.title);
  const body = text("Article text", input.body, LIMITS.body);
  const author = text("Your name", input.authorName, LIMITS.authorName);
  if (title) errors.title = title;
  if (body) errors.body = body;
  if (author) errors.authorName = author;
  if (input.authorEmail.trim() === "") errors.authorEmail = "E-mail is required.";
  else if (input.authorEmail.length > LIMITS.authorEmail.max || !email.test(input.authorEmail)) {
    errors.authorEmail = "Enter a valid e-mail address, like name@example.com.";
  }
  return errors;
}

export { LIMITS };
