/* Search with MiniSearch over the index that the build writes to assets/search/ (wegwijzer/search.py).
 * The index comes in parts, so that a query loads little before its first result:
 * index.json has the documents (title, address, lengths) and names the other files; terms-<letter>.json
 * holds the terms that begin with that letter, loaded for the letters of the words asked;
 * text-<n>.json holds the texts from which snippets are cut, loaded after the results are shown. */
import MiniSearch from "../vendor/minisearch.js";
import {processTerm, shardOf, tokenize, words} from "./terms.js";

const SNIPPET_LENGTH = 220;

// Options for each word of a query; the words are joined with AND in search() below.
const SEARCH_OPTIONS = {
  prefix: true, // while typing: "aanbest" finds "aanbesteding"
  // A typo, or a half-typed word one or two letters past the stem ("aanbestedi" finds "aanbested").
  // Only terms with the same first letter are loaded, so only they can match this way.
  fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
  maxFuzzy: 2,
  boost: {title: 2},
  // A query reaches MiniSearch as terms that are already processed.
  tokenize: (term) => [term],
  processTerm: (term) => term,
};

async function fetchJson(url) {
  const response = await fetch(url, {credentials: "same-origin"});
  if (!response.ok) {
    throw new Error(`${url}: ${response.status}`);
  }
  return response.json();
}

function once(cache, key, load) {
  if (!cache.has(key)) {
    cache.set(key, load());
  }
  return cache.get(key);
}

export class SearchIndex {
  constructor(url, root) {
    this.url = url;
    this.root = root;
    this.files = new Map(); // address -> promise of its parsed JSON
    this.engines = new Map(); // the letters loaded, joined -> promise of a MiniSearch over them
  }

  static async load(url) {
    const absolute = new URL(url, location.href);
    return new SearchIndex(absolute, await fetchJson(absolute));
  }

  file(name) {
    const address = new URL(name, this.url).href;
    return once(this.files, address, () => fetchJson(address));
  }

  // Per word of a query, the terms to look for: its stem, and the word as typed. The stem finds other forms
  // of a whole word ("aanbestedingen" finds "aanbesteding"); the word as typed finds, as a prefix, the
  // words it is the start of while the stem of a half-typed word is not ("raamovereen" stems to "raamoveren").
  words(query) {
    const found = tokenize(query).map((token) => [processTerm(token), token.toLowerCase()]).filter(([stem]) => stem);
    return found.map((forms) => [...new Set(forms)]);
  }

  // The results for a query, best first: {id, score, terms (the index terms it matched), title, url, context}.
  async search(query) {
    const words = this.words(query);
    const letters = [...new Set(words.flat().map(shardOf))].sort();
    if (!words.length || letters.some((letter) => !(letter in this.root.terms))) {
      return []; // a word with no term of its first letter: nothing can match every word
    }
    const engine = await once(this.engines, letters.join(""), async () => {
      const parts = await Promise.all(letters.map((letter) => this.file(this.root.terms[letter])));
      return MiniSearch.loadJS({...this.root.minisearch, index: parts.flat()},
        {fields: this.root.fields, storeFields: this.root.storeFields, searchOptions: SEARCH_OPTIONS});
    });
    // Every word counts: more words, fewer results. (MiniSearch takes combineWith from each query object.)
    return engine.search({combineWith: "AND", queries: words.map((forms) => ({combineWith: "OR", queries: forms}))});
  }

  // The full text of a document, for its snippet.
  async text(id) {
    const [first, name] = this.root.texts.filter(([start]) => start <= id).pop();
    const texts = await this.file(name);
    return texts[id - first];
  }
}

// A part of a text around its first match, as [piece, isMatch] pairs: the words whose term is one of `terms`
// are matches. The caller turns them into text nodes and <mark> elements.
export function snippet(text, terms) {
  const wanted = new Set(terms);
  const matches = words(text).filter(([, , word]) => wanted.has(processTerm(word)));
  const first = matches.length ? matches[0][0] : 0;
  let start = Math.max(0, first - Math.floor(SNIPPET_LENGTH / 3));
  const space = text.indexOf(" ", start);
  if (start > 0 && space >= 0 && space < first) {
    start = space + 1; // begin at a word
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    end = Math.max(text.lastIndexOf(" ", end), first + 1);
  }
  const pieces = [];
  let position = start;
  for (const [from, to] of matches.filter(([from, to]) => from >= start && to <= end)) {
    pieces.push([text.slice(position, from), false], [text.slice(from, to), true]);
    position = to;
  }
  pieces.push([text.slice(position, end), false]);
  if (start > 0) {
    pieces.unshift(["… ", false]);
  }
  if (end < text.length) {
    pieces.push([" …", false]);
  }
  return pieces.filter(([piece]) => piece !== "");
}
