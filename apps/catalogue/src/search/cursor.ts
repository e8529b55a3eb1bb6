/**
 * Opaque page cursors: the offset of the next page (so totals and "is there a next page" stay as before) and the
 * sort key and ordinal of the last item given (keyset), so that the next page starts right after it in every shard
 * instead of skipping `offset` hits: the last page costs what the first does. A cursor of the older offset-only
 * form is still accepted (then the shards skip). Pure.
 */
import { fromBase64urlText, toBase64url } from "@regie/shared/util/encoding";
import type { After, SortKind } from "./shard/query";

export interface PageCursor {
  offset: number;
  /** the last item of the previous page, in the order `sort` */
  after?: After & { sort: SortKind };
}

const SORTS: readonly SortKind[] = ["relevance", "modified", "title", "quality"];
const NUMERIC_KEYS: readonly SortKind[] = ["relevance", "quality"];

export function encodePageCursor(c: PageCursor): string {
  const json: Record<string, unknown> = { o: c.offset };
  if (c.after) Object.assign(json, { s: c.after.sort, k: c.after.key, d: c.after.ord });
  return toBase64url(JSON.stringify(json));
}

/** The cursor, or null when it is not one of ours. */
export function decodePageCursor(cursor: string): PageCursor | null {
  try {
    const j = JSON.parse(fromBase64urlText(cursor)) as { o?: unknown; s?: unknown; k?: unknown; d?: unknown };
    if (!(typeof j.o === "number" && Number.isInteger(j.o) && j.o >= 0 && j.o <= 10_000_000)) return null;
    if (j.s === undefined) return { offset: j.o };
    const numeric = NUMERIC_KEYS.includes(j.s as SortKind);
    const keyOk = numeric ? typeof j.k === "number" && Number.isFinite(j.k) : typeof j.k === "string" && j.k.length <= 1000;
    if (!SORTS.includes(j.s as SortKind) || !keyOk || !(typeof j.d === "number" && Number.isSafeInteger(j.d) && j.d >= 0)) return null;
    return { offset: j.o, after: { sort: j.s as SortKind, key: j.k as number | string, ord: j.d } };
  } catch {
    return null;
  }
}
