/** Text of a language map in the reader's language, falling back to Dutch, English, untagged, then any. */
export function pickLang(map: Record<string, string> | undefined, lang: string): string {
  if (!map) return "";
  return map[lang] ?? map.nl ?? map.en ?? map["@none"] ?? Object.values(map)[0] ?? "";
}

export interface Segment {
  text: string;
  mark: boolean;
}

/** The words of a search query worth highlighting (2+ letters, no FTS operators). */
export function queryTerms(q: string | undefined): string[] {
  if (!q) return [];
  const words = q
    .toLowerCase()
    .replace(/["*()^:]/g, " ")
    .split(/\s+/)
    .filter((w) => w.length >= 2 && !["and", "or", "not", "near"].includes(w));
  return [...new Set(words)].slice(0, 10);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Splits `text` into marked and unmarked segments: words that start with a query term are marked
 * (prefix match, case-insensitive), the way a full-text index matches them.
 */
export function highlight(text: string, terms: string[]): Segment[] {
  if (terms.length === 0 || !text) return [{ text, mark: false }];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${terms.map(escapeRegExp).join("|")})[\\p{L}\\p{N}]*`, "giu");
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), mark: false });
    out.push({ text: m[0], mark: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), mark: false });
  return out;
}

/** A short excerpt (about `max` characters) around the first match, cut at word boundaries. */
export function excerpt(text: string, terms: string[], max = 240): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const lower = clean.toLowerCase();
  const hit =
    terms
      .map((t) => lower.indexOf(t))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b)[0] ?? 0;
  let start = Math.max(0, hit - Math.floor(max / 3));
  if (start > 0) start = clean.indexOf(" ", start) + 1 || start;
  let end = Math.min(clean.length, start + max);
  if (end < clean.length) end = clean.lastIndexOf(" ", end) > start ? clean.lastIndexOf(" ", end) : end;
  return `${start > 0 ? "… " : ""}${clean.slice(start, end)}${end < clean.length ? " …" : ""}`;
}
