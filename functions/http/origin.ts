import { timingSafeEqual } from "node:crypto";

/**
 * CloudFront adds this header, with a value only CloudFront and the functions know, to every
 * request it forwards to the API; a request to the execute-api URL directly lacks it.
 */
export const ORIGIN_VERIFY_HEADER = "x-origin-verify";

/** True when the request carries the origin secret (header names are matched case-insensitively). */
export function cameThroughCloudFront(headers: Record<string, string | undefined> | null, secret: string): boolean {
  const name = Object.keys(headers ?? {}).find((key) => key.toLowerCase() === ORIGIN_VERIFY_HEADER);
  const given = name === undefined ? undefined : headers?.[name];
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
