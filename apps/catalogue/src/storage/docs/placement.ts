/**
 * Where a new dataset's document goes: the first partition with room in the order its id's hash gives
 * (h, h+1, … mod n), so datasets spread evenly while no partition passes `capacity`, and a partition added later
 * (DOCS_n) takes new datasets without moving old ones (the directory remembers each dataset's partition). Pure.
 */

/** FNV-1a, 32 bits: a stable hash of the id (the same in every isolate and release). */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A partition for each id in `ids`, counting each placement against `counts` (documents per partition, mutated);
 * null for an id when every partition is at capacity.
 */
export function placeNew(ids: string[], counts: number[], capacity: number): (number | null)[] {
  const n = counts.length;
  return ids.map((id) => {
    const start = n === 0 ? 0 : hashId(id) % n;
    for (let i = 0; i < n; i++) {
      const part = (start + i) % n;
      if (counts[part]! < capacity) {
        counts[part]!++;
        return part;
      }
    }
    return null;
  });
}
