/**
 * Search folding shared by the address book's index and its queries: lower case, diacritics removed
 * ("Überlingen" -> "uberlingen", "Ĳsselmonde" -> "ijsselmonde"), every run of other characters one space.
 * SQLite FTS5's `unicode61 remove_diacritics 2` tokenizer folds the indexed text the same way; queries are
 * folded here first so that the prefix terms sent to FTS5 contain only [a-z0-9].
 */
export function foldText(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[ĳĲ]/g, "ij")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The words of a folded query (at most `max`, longest kept first in the original order). */
export function foldedWords(value: string, max = 8): string[] {
  const words = foldText(value).split(" ").filter(Boolean);
  return words.slice(0, max);
}
