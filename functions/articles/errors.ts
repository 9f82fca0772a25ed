/** Domain failures; the HTTP layer decides what status each one becomes. */
export class NotFoundError extends Error {
  readonly kind = "not-found";
}

export class ConflictError extends Error {
  readonly kind = "conflict";
}

export class InvalidInputError extends Error {
  readonly kind = "invalid-input";
}

const ECHO_LIMIT = 40;

/** A caller's value quoted for a message, cut short so a huge value is not sent back whole. */
export function quoted(value: string): string {
  return JSON.stringify(value.length > ECHO_LIMIT ? `${value.slice(0, ECHO_LIMIT)}…` : value);
}

export function articleNotFound(id: string): NotFoundError {
  return new NotFoundError(`Article ${quoted(id)} not found`);
}
