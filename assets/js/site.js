/* Wegwijzer: progressive enhancement for every page. Without JavaScript the links do the same job.
 * - question pages: the answers become a form; answering loads the next page in place,
 *   the address bar follows the same URLs (History API), focus goes to the new heading;
 * - advice pages: "kopieer link" and "print" buttons.
 * Pages are fetched from the same site and their nodes adopted; no string is ever parsed into HTML here
 * except the site's own pages through DOMParser. */
import {copyText, element, find, findAll} from "./lib/dom.js";

const base = document.body.dataset.base || "/";
const wizardRoot = base + "wegwijzer/";
let shown = location.pathname; // the page whose content is in the document
let latest = 0; // the newest navigation; older answers are dropped

function isWizardUrl(url) {
  if (url.origin !== location.origin || !url.pathname.startsWith(wizardRoot)) {
    return false;
  }
  return !/^(tips|schema)\//.test(url.pathname.slice(wizardRoot.length));
}

// Turn the answer links of a question page into a radio group with a "Verder" button.
function enhanceQuestion(root) {
  const list = find("[data-choices]", root);
  if (!list) {
    return;
  }
  const fieldset = element("fieldset", {"aria-labelledby": "vraag", "aria-describedby": "voortgang"});
  findAll("a.choice", list).forEach((link, index) => {
    const id = `antwoord-${index + 1}`;
    const main = find(".choice__label", link);
    const hint = find(".choice__hint", link);
    fieldset.append(element("div", {class: "radio"},
      element("input", {type: "radio", name: "antwoord", id, value: link.getAttribute("href")}),
      element("label", {for: id},
        element("span", {class: "choice__label"}, main ? main.textContent : link.textContent),
        hint ? element("span", {class: "choice__hint"}, hint.textContent) : null)));
  });
  const error = element("p", {class: "error", id: "antwoord-fout", role: "alert"});
  const form = element("form", {class: "choice-form", novalidate: ""},
    fieldset, error, element("button", {type: "submit", class: "button"}, "Verder"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = find("input[name=antwoord]:checked", form);
    if (!chosen) {
      error.textContent = "Kies een antwoord.";
      fieldset.setAttribute("aria-describedby", "voortgang antwoord-fout");
      find("input[name=antwoord]", form).focus();
      return;
    }
    navigate(new URL(chosen.value, location.href).href, true);
  });
  list.replaceWith(form);
}

// Everything that differs between wizard pages: content, menu state, date, title and head links.
function swapPage(doc) {
  for (const selector of ["#voor-inhoud", "#inhoud", ".site-nav", ".site-footer time"]) {
    const current = find(selector);
    const next = find(selector, doc);
    if (current && next) {
      current.replaceWith(document.adoptNode(next));
    }
  }
  document.title = doc.title;
  for (const selector of ["meta[name=robots]", "meta[name=description]", "link[rel=canonical]"]) {
    find(selector, document.head)?.remove();
    const fresh = find(selector, doc.head);
    if (fresh) {
      document.head.append(document.adoptNode(fresh));
    }
  }
  shown = location.pathname;
}

async function navigate(href, push) {
  const ticket = ++latest;
  try {
    const response = await fetch(href, {credentials: "same-origin"});
    if (!response.ok) {
      throw new Error(String(response.status));
    }
    const text = await response.text();
    if (ticket !== latest) {
      return; // a later step (quick back, back) has overtaken this one
    }
    const doc = new DOMParser().parseFromString(text, "text/html");
    if (push) {
      history.pushState({wegwijzer: true}, "", href);
    }
    swapPage(doc);
    enhance(document);
    window.scrollTo(0, 0);
    const heading = find("main h1");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) {
        heading.setAttribute("tabindex", "-1");
      }
      heading.focus();
    }
  } catch {
    location.assign(href);
  }
}

// Links between wizard steps (back, change, sibling advice) also load in place.
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[href]");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  if (link.target || link.hasAttribute("download")) {
    return;
  }
  const url = new URL(link.href, location.href);
  if (!isWizardUrl(url) || url.hash) {
    return;
  }
  event.preventDefault();
  navigate(url.href, true);
});

window.addEventListener("popstate", () => {
  if (location.pathname === shown) {
    return; // only the #fragment changed: the browser scrolls
  }
  if (isWizardUrl(new URL(location.href))) {
    navigate(location.href, false);
  } else {
    location.reload();
  }
});

function enhanceActions(root) {
  const actions = find("[data-actions]", root);
  if (!actions) {
    return;
  }
  const status = find("[data-copy-status]", actions);
  find("[data-copy-link]", actions).addEventListener("click", async () => {
    try {
      await copyText(location.href);
      status.textContent = "De link is gekopieerd.";
    } catch {
      status.textContent = "Kopiëren lukte niet. Kopieer de link uit de adresbalk: " + location.href;
    }
  });
  find("[data-print]", actions).addEventListener("click", () => window.print());
  actions.hidden = false;
}

function enhance(root) {
  enhanceQuestion(root);
  enhanceActions(root);
}

if (isWizardUrl(new URL(location.href))) {
  history.replaceState({wegwijzer: true}, "");
}
enhance(document);
