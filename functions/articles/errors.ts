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
