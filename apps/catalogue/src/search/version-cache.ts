/**
 * The catalogue version as this isolate last saw it. Reading it from D1 costs a round trip, so a reading is
 * trusted for VERSION_TTL_MS; a write through this isolate forgets it at once. Another isolate's write is seen
 * within VERSION_TTL_MS. A reading that was under way while this isolate wrote is not remembered (it may predate
 * the write), so a search after a write always sees it.
 */
export const VERSION_TTL_MS = 1000;
let known: { version: string; at: number } | null = null;
let writes = 0;

export function cachedVersion(now = Date.now()): string | null {
  return known && now - known.at < VERSION_TTL_MS ? known.version : null;
}
/** A token to pass to rememberVersion: take it before reading the version. */
export function readToken(): number {
  return writes;
}
export function rememberVersion(version: string, now = Date.now(), token = writes) {
  if (token !== writes) return;
  known = { version, at: now };
}
export function noteChange() {
  writes++;
  known = null;
}
