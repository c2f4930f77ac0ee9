/* Share links: the answers in the address's fragment, which browsers never send to a server.
 *   #score=<version>.<theme>-<digits>.<theme>-<digits>...<checksum>
 * One digit per question, by the number in its id (0 = not answered): short, and only digits,
 * letters, dots and dashes, so the link survives e-mail and chat. Loaded when a page opens with
 * such a link, or when the visitor copies one. */
import {copyText, find} from "../lib/dom.js";

const DAMAGED_LINK = "Deze deellink is beschadigd of aangepast. Vraag de afzender om een nieuwe link.";

// Two base-36 characters: enough to catch a link that was cut off or edited by hand.
function checksum(text) {
  let hash = 7;
  for (const character of text) {
    hash = (hash * 31 + character.charCodeAt(0)) % 1296;
  }
  return hash.toString(36).padStart(2, "0");
}

export function encode(core, answers) {
  const themes = core.spec.themes.map((theme) => {
    const digits = [];
    for (const id of theme.questions) {
      digits[id.split("-").pop() - 1] = answers[id];
    }
    return theme.id + "-" + Array.from(digits, (value) => (core.isScore(value) ? value : 0)).join("");
  });
  const body = core.version + "." + themes.join(".");
  return "score=" + body + "." + checksum(body);
}

export function decode(core, fragment) {
  const damaged = {error: DAMAGED_LINK};
  const match = /^#?score=(\d{1,9})\.(.{1,400})\.(\w\w)$/.exec(fragment);
  if (!match || checksum(match[1] + "." + match[2]) !== match[3]) {
    return damaged;
  }
  const [, linkVersion, body] = match;
  if (Number(linkVersion) !== core.version) {
    return {error: "Deze deellink hoort bij " + core.aboutVersion(Number(linkVersion))};
  }
  const answers = {};
  for (const part of body.split(".")) {
    const themePart = /^(.+)-(\d+)$/.exec(part);
    const theme = themePart && core.spec.themes.find((candidate) => candidate.id === themePart[1]);
    if (!theme) {
      return damaged;
    }
    const digits = themePart[2];
    for (let number = 1; number <= digits.length; number++) {
      const id = theme.id + "-" + number;
      const value = Number(digits[number - 1]);
      // A question or score this checklist does not have: made elsewhere, or tampered with.
      if (value && !(core.questionIds.includes(id) && core.isScore(value))) {
        return damaged;
      }
      if (value) {
        answers[id] = value;
      }
    }
  }
  return {answers};
}

export async function copyLink(core, answers) {
  const link = location.href.split("#")[0] + "#" + encode(core, answers);
  try {
    await copyText(link);
    return "De deellink is gekopieerd. Uw scores staan alleen in de link zelf.";
  } catch (error) {
    return "Kopiëren lukte niet. Kopieer deze link: " + link;
  }
}

// A result shared in the fragment is shown read-only, apart from the form, until the visitor takes it over
// (page.takeOver puts the answers in the form).
export function showShared(page) {
  const view = find("[data-shared-view]");
  const error = find("[data-shared-error]");
  const result = find("[data-shared-result]");
  const shared = decode(page.core, location.hash);
  error.hidden = !shared.error;
  error.textContent = shared.error || "";
  result.hidden = Boolean(shared.error);
  if (shared.answers) {
    find("[data-shared-scores]").replaceChildren(...page.resultParts(shared.answers, "Gedeelde scores"));
    find("[data-take-over]", view).onclick = () => {
      view.hidden = true;
      history.replaceState(null, "", location.pathname);
      page.takeOver(shared.answers);
    };
  }
  view.hidden = false;
  find("h2", view).focus();
}
