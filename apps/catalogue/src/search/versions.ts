/** Catalogue versions (`epoch:counter`, see DatasetsRepo.version). Pure. */

/** `epoch:counter` -> its parts. */
export function parseVersion(version: string): { epoch: string; counter: number } {
  const i = version.lastIndexOf(":");
  return { epoch: version.slice(0, i), counter: Number(version.slice(i + 1)) };
}

/** Whether an index at `indexVersion` holds every change up to catalogue version `wanted`. */
export function covers(indexVersion: string, wanted: string): boolean {
  const a = parseVersion(indexVersion),
    b = parseVersion(wanted);
  return a.epoch === b.epoch && a.counter >= b.counter;
}

/** The change-log counter to read from, when `have` and `now` are versions of the same database. */
export function logPosition(have: string, now: string): number | null {
  const a = parseVersion(have),
    b = parseVersion(now);
  if (a.epoch !== b.epoch) return null;
  return Number.isSafeInteger(a.counter) ? a.counter : null;
}
