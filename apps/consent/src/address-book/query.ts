/**
 * The name search as an FTS5 query (pure). Every word of `q` becomes a prefix term over the folded name and place
 * (all words must match); `place` becomes prefix terms on the place column only. Folding (shared `foldText`)
 * leaves only [a-z0-9] in a word, so a term can never carry FTS5 syntax.
 */
import { foldedWords } from "@regie/shared/text/fold";

export const MAX_QUERY_WORDS = 6;

export interface FtsQuery {
  /** the MATCH expression, or null when neither q nor place has a word */
  match: string | null;
  /** the folded q, for the "name starts with the query" ranking boost (LIKE prefix; only [a-z0-9 ]) */
  namePrefix: string | null;
}

export function ftsQuery(q: string | undefined, place: string | undefined): FtsQuery {
  const words = foldedWords(q ?? "", MAX_QUERY_WORDS);
  const places = foldedWords(place ?? "", MAX_QUERY_WORDS);
  const terms = [...words.map((w) => `"${w}"*`), ...places.map((w) => `search_place : "${w}"*`)];
  return { match: terms.length ? terms.join(" AND ") : null, namePrefix: words.length ? words.join(" ") : null };
}
