/** The optional `Idempotency-Key` request header: 1 to 200 visible ASCII characters, or a 400 problem. */
import { ApiError } from "./problem";

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** The key of the header, undefined when there is none; a malformed key throws 400 BAD_REQUEST. */
export function parseIdempotencyKey(header: string | null | undefined): string | undefined {
  if (header === undefined || header === null) return undefined;
  if (!KEY_PATTERN.test(header)) throw new ApiError("BAD_REQUEST", "Idempotency-Key must be 1 to 200 visible ASCII characters");
  return header;
}
