/**
 * The catalogue version as this isolate last saw it. Reading it from D1 costs a round trip, so a reading is
 * trusted for VERSION_TTL_MS; a write through this isolate forgets it at once. Another isolate's write is seen
 * within VERSION_TTL_MS.
 */
export const VERSION_TTL_MS = 1000;
let known: { version: string; at: number } | null = null;

export function cachedVersion(now = Date.now()): string | null {
  return known && now - known.at < VERSION_TTL_MS ? known.version : null;
}
export function rememberVersion(version: string, now = Date.now()) {
  known = { version, at: now };
}
export function noteChange() {
  known = null;
}
