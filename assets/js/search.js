/* The search page, /zoeken/: results while typing, under the page's own form.
 * The form is a plain GET form, so a search is a link (/zoeken/?q=...) with or without JavaScript; here the
 * address follows what is typed (replaceState), so the link can be copied and back returns to the results.
 * The number of results is said in a live region. Results and snippets are built as DOM nodes: the index's
 * text never goes into the page as HTML. */
import {element, find} from "./lib/dom.js";
import {SearchIndex, snippet} from "./search/engine.js";

const MAX_RESULTS = 50;
const DELAY = 150; // ms after the last key press; fewer announcements while typing

function resultCount(count, query) {
  const shown = count > MAX_RESULTS ? `; de eerste ${MAX_RESULTS} staan hieronder` : "";
  return `${count} ${count === 1 ? "resultaat" : "resultaten"} voor “${query}”${shown}.`;
}

function resultItem(base, result) {
  return element("li", {class: "search__result"},
    element("a", {class: "search__link", href: base + result.url}, result.title),
    element("p", {class: "search__context"}, result.context));
}

function snippetNode(pieces) {
  return element("p", {class: "search__snippet"},
    ...pieces.map(([piece, isMatch]) => (isMatch ? element("mark", {}, piece) : piece)));
}

function start(root) {
  const form = find("[data-search-form]");
  const input = find("input[name=q]", form);
  const status = find("[data-search-status]", root);
  const list = find("[data-search-results]", root);
  const base = document.body.dataset.base || "/";
  const pageTitle = document.title;
  let index = null;
  let latest = 0; // the newest query; an older one that finishes later is dropped
  let timer = 0;

  find("[data-search-nojs]").hidden = true;
  root.hidden = false;

  function remember(query) {
    const url = new URL(location.href);
    if (query) {
      url.searchParams.set("q", query);
    } else {
      url.searchParams.delete("q");
    }
    history.replaceState(history.state, "", url);
    document.title = query ? `${query} – ${pageTitle}` : pageTitle;
  }

  async function addSnippets(items, results, ticket) {
    for (const [item, result] of items.map((node, i) => [node, results[i]])) {
      const text = await index.text(result.id);
      if (ticket !== latest) {
        return;
      }
      item.append(snippetNode(snippet(text, result.terms)));
    }
  }

  async function run(rawQuery) {
    const ticket = ++latest;
    const query = rawQuery.trim();
    remember(query);
    if (query.length < 2) {
      list.replaceChildren();
      status.textContent = query ? "Typ minstens twee letters." : "";
      return;
    }
    try {
      index = index || (await SearchIndex.load(find("link[data-search-index]").href));
      const results = await index.search(query);
      if (ticket !== latest) {
        return;
      }
      const shown = results.slice(0, MAX_RESULTS);
      const items = shown.map((result) => resultItem(base, result));
      list.replaceChildren(...items);
      status.textContent = results.length
        ? resultCount(results.length, query)
        : `Geen resultaten voor “${query}”. Probeer een ander of korter woord, of bekijk hieronder alle tips.`;
      await addSnippets(items, shown, ticket);
    } catch {
      index = null;
      if (ticket === latest) {
        list.replaceChildren();
        status.textContent = "Zoeken lukt nu niet: de zoekgegevens konden niet laden. Probeer het later opnieuw, of bekijk hieronder alle tips.";
      }
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), DELAY);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });

  const asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    run(asked);
  }
}

const root = find("[data-search]");
if (root) {
  start(root);
}
