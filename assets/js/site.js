/* Wegwijzer: progressive enhancement for every page. Without JavaScript the links do the same job.
 * - question pages: the answer cards become radio buttons with a "Verder" button; answering loads the next
 *   page in place, the address bar follows the same URLs (History API), focus goes to the new heading.
 *   The wizard remembers the answers it has seen in the URLs, so going back or changing an answer shows
 *   the current one chosen. No choice gives GOV.UK's error pattern: a summary at the top, "Fout: " in the
 *   title, the message above the options;
 * - advice pages: copy link, print with or without the Leeswijzers, open or close all Leeswijzers, the
 *   contents list marks the section in view; after a changed answer the note that says so gets focus.
 * Pages are fetched from the same site and their nodes adopted; no string is ever parsed into HTML here
 * except the site's own pages through DOMParser. */
import {copyText, element, find, findAll} from "./lib/dom.js";

const HEAD_TAGS = "meta[name=robots], meta[name=description], link[rel=canonical], meta[property^='og:']";
let shown = location.pathname; // the page whose content is in the document
let latest = 0; // the newest navigation; older answers are dropped
let known = []; // the visitor's answers (slugs) by question, as the URLs seen so far say them
let lastAdvice = null; // the answers of the last advice page shown
let sectionObserver = null;

// The answers (slugs) of the wizard step a document shows, or null if it is not a question or advice page.
// The pages say it themselves, so the script needs to know nothing of the site's paths.
function stepOf(doc) {
  const page = find("[data-wizard], [data-advice]", doc);
  return page ? page.dataset.answers.split(" ").filter(Boolean) : null;
}

// A page's answers replace the known ones from the first question on; answers to later questions stay.
function remember(answers) {
  known = answers.concat(known.slice(answers.length));
}

// The change note for going from one advice to another that differs in exactly one answer, or "".
function changeNote(before, after) {
  if (!before || before.length !== after.length) {
    return "";
  }
  const changed = after.map((slug, index) => (slug === before[index] ? -1 : index)).filter((index) => index >= 0);
  return changed.length === 1 ? `#gewijzigd-${changed[0] + 1}-${after[changed[0]]}` : "";
}

// --- question pages ---------------------------------------------------------------------------

function choiceCard(link, index) {
  const id = `antwoord-${index + 1}`;
  const label = find(".choice__label", link);
  const hint = find(".choice__hint", link);
  const input = element("input", {type: "radio", name: "antwoord", id, value: link.getAttribute("href")});
  input.checked = link.dataset.slug === known[stepOf(document).length];
  return element("label", {class: "choice", for: id}, input,
    element("span", {class: "choice__text"},
      element("span", {class: "choice__label"}, label ? label.textContent : link.textContent),
      hint ? element("span", {class: "choice__hint"}, hint.textContent) : null));
}

function showError(wizard, fieldset) {
  if (!find("[data-error-summary]", wizard)) {
    const jump = element("a", {href: "#antwoord-1"}, "Kies een antwoord");
    jump.addEventListener("click", (event) => {
      event.preventDefault();
      find("#vraag").scrollIntoView();
      find("#antwoord-1").focus({preventScroll: true});
    });
    wizard.prepend(element("div", {class: "error-summary", tabindex: "-1", "data-error-summary": ""},
      element("div", {role: "alert"},
        element("h2", {}, "Er is een probleem"),
        element("ul", {}, element("li", {}, jump)))));
    fieldset.prepend(element("p", {class: "error-message", id: "antwoord-fout"},
      element("span", {class: "visually-hidden"}, "Fout: "), "Kies een antwoord op deze vraag."));
    fieldset.classList.add("choice-form__group--error");
    fieldset.setAttribute("aria-describedby", "voortgang antwoord-fout");
    document.title = "Fout: " + document.title;
  }
  find("[data-error-summary]", wizard).focus();
}

// Turn the answer links of a question page into a radio group with a "Verder" button.
function enhanceQuestion(root) {
  const wizard = find("[data-wizard]", root);
  const list = wizard && find("[data-choices]", wizard);
  if (!list) {
    return;
  }
  const fieldset = element("fieldset", {"aria-labelledby": "vraag", "aria-describedby": "voortgang"},
    ...findAll("a.choice", list).map(choiceCard));
  const form = element("form", {class: "choice-form", novalidate: ""},
    fieldset, element("button", {type: "submit", class: "button"}, "Verder"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = find("input[name=antwoord]:checked", form);
    if (chosen) {
      navigate(new URL(chosen.value, location.href).href, true, true);
    } else {
      showError(wizard, fieldset);
    }
  });
  list.replaceWith(form);
}

// --- moving between wizard pages in place -------------------------------------------------------

// Everything that differs between wizard pages: content, menu state, date, title and head tags.
function swapPage(doc) {
  for (const selector of ["#voor-inhoud", "#inhoud", ".site-nav", ".site-footer time"]) {
    const current = find(selector);
    const next = find(selector, doc);
    if (current && next) {
      current.replaceWith(document.adoptNode(next));
    }
  }
  document.title = doc.title;
  findAll(HEAD_TAGS, document.head).forEach((node) => node.remove());
  const stylesheet = find("link[rel=stylesheet]", document.head);
  findAll(HEAD_TAGS, doc.head).forEach((node) => document.head.insertBefore(document.adoptNode(node), stylesheet));
  shown = location.pathname;
}

// After a page is in place: focus goes to the change note the address points at, or to the heading.
function settle(hash) {
  window.scrollTo(0, 0);
  const note = hash && document.getElementById(hash.slice(1));
  if (note) {
    location.replace(hash); // a fragment navigation, so that :target and the marks of new tips follow
    note.focus();
    return;
  }
  const heading = find("main h1");
  if (heading) {
    if (!heading.hasAttribute("tabindex")) {
      heading.setAttribute("tabindex", "-1");
    }
    heading.focus();
  }
}

async function navigate(href, push, answered = false) {
  const ticket = ++latest;
  const url = new URL(href);
  try {
    const response = await fetch(url.pathname + url.search, {credentials: "same-origin"});
    if (!response.ok) {
      throw new Error(String(response.status));
    }
    const text = await response.text();
    if (ticket !== latest) {
      return; // a later step (quick back, back) has overtaken this one
    }
    const doc = new DOMParser().parseFromString(text, "text/html");
    if (!stepOf(doc)) {
      throw new Error("not a wizard step"); // e.g. a renamed answer's redirect page: let the browser follow it
    }
    if (push) {
      history.pushState({wegwijzer: true}, "", url.pathname + url.search);
    }
    const before = lastAdvice;
    swapPage(doc);
    enhance(document);
    settle(url.hash || (answered && lastAdvice ? changeNote(before, lastAdvice) : ""));
  } catch {
    location.assign(href);
  }
}

// Links to wizard steps (start, back, change, sibling advice; the templates mark them) load in place.
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[data-step]");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  if (link.target || link.hasAttribute("download")) {
    return;
  }
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || (url.pathname === location.pathname && url.hash)) {
    return; // another site, or a jump within this page
  }
  if (link.hasAttribute("data-restart")) {
    known = [];
    lastAdvice = null;
  }
  event.preventDefault();
  navigate(url.href, true);
});

window.addEventListener("popstate", () => {
  if (location.pathname === shown) {
    return; // only the #fragment changed: the browser scrolls
  }
  if (history.state?.wegwijzer) {
    navigate(location.href, false);
  } else {
    location.reload();
  }
});

// --- advice pages -------------------------------------------------------------------------------

function enhanceSharing(advice) {
  const status = find("[data-copy-status]", advice);
  const copy = find("[data-copy-link]", advice);
  copy.addEventListener("click", async () => {
    const permalink = location.origin + location.pathname; // without a change note's #fragment
    try {
      await copyText(permalink);
      status.textContent = "De link is gekopieerd.";
    } catch {
      status.textContent = "Kopiëren lukte niet. Kopieer de link uit de adresbalk: " + permalink;
    }
  });
  find("[data-print]", advice).addEventListener("click", () => window.print());
  // Print with every Leeswijzer open; afterwards they are as the visitor left them.
  find("[data-print-leeswijzer]", advice).addEventListener("click", () => {
    const closed = findAll("details.cell__leeswijzer", advice).filter((details) => !details.open);
    closed.forEach((details) => { details.open = true; });
    document.documentElement.classList.add("print-leeswijzer");
    window.addEventListener("afterprint", () => {
      closed.forEach((details) => { details.open = false; });
      document.documentElement.classList.remove("print-leeswijzer");
    }, {once: true});
    window.print();
  });
  [copy, find("[data-print]", advice), find("[data-print-leeswijzer]", advice)].forEach((button) => { button.hidden = false; });
}

function enhanceLeeswijzers(advice) {
  const toggle = find("[data-toggle-leeswijzers]", advice);
  const all = findAll("details.cell__leeswijzer", advice);
  if (!toggle || !all.length) {
    return;
  }
  const update = () => {
    toggle.textContent = all.every((details) => details.open) ? "Sluit alle leeswijzers" : "Open alle leeswijzers";
  };
  toggle.addEventListener("click", () => {
    const open = !all.every((details) => details.open);
    all.forEach((details) => { details.open = open; });
    update();
  });
  all.forEach((details) => details.addEventListener("toggle", update));
  update();
  toggle.hidden = false;
}

// The contents list marks the first section that is in the upper part of the window.
function markCurrentSection(advice) {
  sectionObserver?.disconnect();
  const links = findAll("[data-toc] > ol > li > a", advice);
  const sections = links.map((link) => document.getElementById(link.hash.slice(1))).filter(Boolean);
  if (!("IntersectionObserver" in window) || !sections.length) {
    return;
  }
  const visible = new Set();
  sectionObserver = new IntersectionObserver((entries) => {
    entries.forEach((entry) => (entry.isIntersecting ? visible.add(entry.target) : visible.delete(entry.target)));
    const current = sections.find((section) => visible.has(section));
    links.forEach((link) => {
      if (current && link.hash === "#" + current.id) {
        link.setAttribute("aria-current", "true");
      } else {
        link.removeAttribute("aria-current");
      }
    });
  }, {rootMargin: "0px 0px -60% 0px"});
  sections.forEach((section) => sectionObserver.observe(section));
}

function enhanceAdvice(root) {
  const advice = find("[data-advice]", root);
  if (!advice) {
    return;
  }
  lastAdvice = stepOf(document);
  enhanceSharing(advice);
  enhanceLeeswijzers(advice);
  markCurrentSection(advice);
}

function enhance(root) {
  const answers = stepOf(document);
  if (answers) {
    remember(answers);
  }
  enhanceQuestion(root);
  enhanceAdvice(root);
}

if (stepOf(document)) {
  history.replaceState({wegwijzer: true}, "");
}
enhance(document);
// Arriving with a change note in the address (a link opened anew, or without the in-place wizard).
document.getElementById(location.hash.slice(1))?.closest(".change-note")?.focus();
