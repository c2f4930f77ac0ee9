/* How text becomes search terms. The build makes the index with the same rules in Python
 * (wegwijzer/search.py: tokenize, process_term, shard_of); a test compares both on every word of the site.
 * - words: MiniSearch's own tokeniser, splitting on line breaks, spaces and punctuation;
 * - terms: lower case, at least two letters, stemmed with the Dutch Snowball stemmer, so that
 *   "aanbesteding" and "aanbestedingen" are one term. */
import {stemmer} from "../vendor/dutch-stemmer.js";

const SEPARATORS = /[\n\r\p{Z}\p{P}]+/u;
const WORD = /[^\n\r\p{Z}\p{P}]+/gu;
const MIN_TERM_LENGTH = 2;

export function tokenize(text) {
  return text.split(SEPARATORS);
}

export function processTerm(token) {
  const term = token.toLowerCase();
  return term.length >= MIN_TERM_LENGTH ? stemmer(term) : null;
}

// The index keeps its terms in one file per first letter or digit; anything else is in "_".
export function shardOf(term) {
  const first = term[0];
  return /[a-z0-9]/.test(first) ? first : "_";
}

// Each word of a text with where it is: [start, end, word].
export function words(text) {
  return [...text.matchAll(WORD)].map((match) => [match.index, match.index + match[0].length, match[0]]);
}
