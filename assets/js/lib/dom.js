/* Helpers shared by every script of the site (ES modules, one dialect: ES2020).
 * Nodes are made with createElement and textContent only: no data ever goes into a page as HTML. */

export function find(selector, root = document) {
  return root.querySelector(selector);
}

export function findAll(selector, root = document) {
  return [...root.querySelectorAll(selector)];
}

// Strings become text nodes: append never parses HTML.
function fill(node, attributes, children) {
  for (const [name, value] of Object.entries(attributes || {})) {
    node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== ""));
  return node;
}

export function element(tag, attributes, ...children) {
  return fill(document.createElement(tag), attributes, children);
}

export function svgElement(tag, attributes, ...children) {
  return fill(document.createElementNS("http://www.w3.org/2000/svg", tag), attributes, children);
}

// The clipboard API needs a secure context (https or localhost); elsewhere the old copy command still works.
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = element("textarea", {readonly: "", class: "visually-hidden"});
  area.value = text;
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) {
    throw new Error("kopiëren lukte niet");
  }
}

// Offers text as a file to download; nothing leaves the browser.
export function saveFile(name, type, text) {
  const link = element("a", {href: URL.createObjectURL(new Blob([text], {type})), download: name});
  document.body.append(link);
  link.click();
  link.remove();
  // Not at once: the browser reads the file after the click.
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}
