/* Wegwijzer: progressive enhancement for every page. Without JavaScript the links do the same job.
 * - question pages: the answers become a form; answering loads the next page in place,
 *   the address bar follows the same URLs (History API), focus goes to the new heading;
 * - advice pages: "kopieer link" and "print" buttons.
 * Pages are fetched from the same site and their nodes adopted; no string is ever parsed into HTML here
 * except the site's own pages through DOMParser. */
(function () {
  "use strict";

  var base = document.body.getAttribute("data-base") || "/";
  var wizardRoot = base + "wegwijzer/";
  var shown = location.pathname; /* the page whose content is in the document */
  var latest = 0; /* the newest navigation; older answers are dropped */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function isWizardUrl(url) {
    if (url.origin !== location.origin || url.pathname.indexOf(wizardRoot) !== 0) { return false; }
    var rest = url.pathname.slice(wizardRoot.length);
    return !/^(tips|schema)\//.test(rest);
  }

  /* Turn the answer links of a question page into a radio group with a "Verder" button. */
  function enhanceQuestion(root) {
    var list = root.querySelector("[data-choices]");
    if (!list) { return; }
    var links = Array.prototype.slice.call(list.querySelectorAll("a.choice"));
    var form = el("form", { "class": "choice-form", novalidate: "" });
    var fieldset = el("fieldset", { "aria-labelledby": "vraag", "aria-describedby": "voortgang" });
    links.forEach(function (link, index) {
      var id = "antwoord-" + (index + 1);
      var row = el("div", { "class": "radio" });
      var input = el("input", { type: "radio", name: "antwoord", id: id, value: link.getAttribute("href") });
      var label = el("label", { "for": id });
      var main = link.querySelector(".choice__label");
      var hint = link.querySelector(".choice__hint");
      label.appendChild(el("span", { "class": "choice__label" }, main ? main.textContent : link.textContent));
      if (hint) { label.appendChild(el("span", { "class": "choice__hint" }, hint.textContent)); }
      row.appendChild(input);
      row.appendChild(label);
      fieldset.appendChild(row);
    });
    var error = el("p", { "class": "error", id: "antwoord-fout", role: "alert" });
    var button = el("button", { type: "submit", "class": "button" }, "Verder");
    form.appendChild(fieldset);
    form.appendChild(error);
    form.appendChild(button);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = form.querySelector("input[name=antwoord]:checked");
      if (!chosen) {
        error.textContent = "Kies een antwoord.";
        fieldset.setAttribute("aria-describedby", "voortgang antwoord-fout");
        form.querySelector("input[name=antwoord]").focus();
        return;
      }
      navigate(new URL(chosen.value, location.href).href, true);
    });
    list.replaceWith(form);
  }

  /* Everything that differs between wizard pages: content, menu state, date, title and head links. */
  function swapPage(doc) {
    ["#voor-inhoud", "#inhoud", ".site-nav", ".site-footer time"].forEach(function (selector) {
      var current = document.querySelector(selector);
      var next = doc.querySelector(selector);
      if (current && next) { current.replaceWith(document.adoptNode(next)); }
    });
    document.title = doc.title;
    ["meta[name=robots]", "meta[name=description]", "link[rel=canonical]"].forEach(function (selector) {
      var old = document.head.querySelector(selector);
      var fresh = doc.head.querySelector(selector);
      if (old) { old.remove(); }
      if (fresh) { document.head.appendChild(document.adoptNode(fresh)); }
    });
    shown = location.pathname;
  }

  function navigate(href, push) {
    var ticket = ++latest;
    return fetch(href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (text) {
      if (ticket !== latest) { return; } /* a later step (quick back, back) has overtaken this one */
      var doc = new DOMParser().parseFromString(text, "text/html");
      if (push) { history.pushState({ wegwijzer: true }, "", href); }
      swapPage(doc);
      enhance(document);
      window.scrollTo(0, 0);
      var heading = document.querySelector("main h1");
      if (heading) {
        if (!heading.hasAttribute("tabindex")) { heading.setAttribute("tabindex", "-1"); }
        heading.focus();
      }
    }).catch(function () {
      location.assign(href);
    });
  }

  /* Links between wizard steps (back, change, sibling advice) also load in place. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    if (link.target || link.hasAttribute("download")) { return; }
    var url = new URL(link.href, location.href);
    if (!isWizardUrl(url) || url.hash) { return; }
    event.preventDefault();
    navigate(url.href, true);
  });

  window.addEventListener("popstate", function () {
    if (location.pathname === shown) { return; } /* only the #fragment changed: the browser scrolls */
    if (isWizardUrl(new URL(location.href))) { navigate(location.href, false); } else { location.reload(); }
  });

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) { return navigator.clipboard.writeText(text); }
    return new Promise(function (resolve, reject) {
      var area = el("textarea", { readonly: "", "class": "visually-hidden" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      area.remove();
      if (ok) { resolve(); } else { reject(new Error("copy")); }
    });
  }

  function enhanceActions(root) {
    var actions = root.querySelector("[data-actions]");
    if (!actions) { return; }
    var status = actions.querySelector("[data-copy-status]");
    actions.querySelector("[data-copy-link]").addEventListener("click", function () {
      copyText(location.href).then(function () {
        status.textContent = "De link is gekopieerd.";
      }, function () {
        status.textContent = "Kopiëren lukte niet. Kopieer de link uit de adresbalk: " + location.href;
      });
    });
    actions.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
    actions.hidden = false;
  }

  function enhance(root) {
    enhanceQuestion(root);
    enhanceActions(root);
  }

  if (isWizardUrl(new URL(location.href))) { history.replaceState({ wegwijzer: true }, ""); }
  enhance(document);
}());
