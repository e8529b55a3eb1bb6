/**
 * User text -> a safe FTS5 MATCH expression. Only letters and digits survive (no quotes, `*`, column filters,
 * NEAR, OR/AND/NOT operators or `--`); each word becomes a quoted prefix query on a light Dutch/English stem,
 * so "oncologie" and "oncology" both search `"oncolog"*`. Words are ANDed. Pure.
 */
const SUFFIXES = ["ische", "isch", "ical", "ieën", "ies", "ie", "en", "y", "e", "s"];
const MAX_WORDS = 8;

export function stem(word: string): string {
  if (word.length < 6) return word;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Lower-cased words without diacritics. */
export function words(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).filter((w) => w.length <= 64);
}

/** The MATCH expression, or null when the text has no searchable words. */
export function toMatchExpression(text: string | undefined): string | null {
  if (!text) return null;
  const stems = [...new Set(words(text).map(stem))].slice(0, MAX_WORDS);
  if (stems.length === 0) return null;
  return stems.map((s) => `"${s}"*`).join(" ");
}
