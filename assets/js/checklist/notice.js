/* The notice at the top of the checklist when the browser's storage is a problem: refused, damaged,
 * or full so that a change was not stored. Loaded only when there is such a problem. */
import {element, saveFile} from "../lib/dom.js";
import {STORAGE_KEY} from "./core.js";

export const WHY_NOT = {
  vol: "de opslag van deze browser is vol",
  geblokkeerd: "deze browser staat niet toe dat de checklist iets bewaart (bijvoorbeeld in een privévenster of als websitegegevens geblokkeerd zijn)",
  beschadigd: "de bewaarde gegevens zijn beschadigd en worden niet overschreven (zie de melding bovenaan de pagina)",
};

// "… is niet bewaard: <why>. …": never a word that suggests it was.
export function notSaved(reason, what) {
  return `${what} is niet bewaard: ${WHY_NOT[reason]}. Wat u eerder bewaarde, is niet veranderd. Download uw antwoorden als rapport of JSON om ze niet kwijt te raken.`;
}

function button(text, kind, handler) {
  const node = element("button", {type: "button", class: "button button--" + kind}, text);
  node.addEventListener("click", () => handler(node));
  return node;
}

// held: what core.read found (blocked, damaged [{key, text}], readOnly); unsaved: why the last change was not stored.
// Removing the damaged texts asks first (manage.js).
export function storageNotice(page, held, unsaved) {
  const parts = [];
  if (held.blocked) {
    parts.push(element("p", {}, "Deze browser staat niet toe dat de checklist iets bewaart, bijvoorbeeld in een privévenster of als websitegegevens geblokkeerd zijn. U kunt de checklist invullen en de uitslag zien, maar als u de pagina sluit, zijn uw antwoorden weg. Download ze als rapport of JSON om ze te bewaren."));
  } else if (held.damaged.length) {
    parts.push(element("p", {}, held.readOnly
      ? "De bewaarde gegevens van de checklist in deze browser zijn beschadigd en konden niet worden gelezen. Ze konden ook niet apart worden gezet, omdat de opslag vol is. Om ze niet te overschrijven, bewaart deze pagina niets tot u ze hebt gedownload en verwijderd."
      : "De bewaarde gegevens van de checklist in deze browser waren beschadigd en konden niet worden gelezen. Ze zijn apart gezet; er is niets overschreven. Download ze, zodat iemand ze kan proberen te herstellen. Daarna kunt u ze hier verwijderen."),
    element("p", {},
      button("Download de beschadigde gegevens", "secondary", () => saveFile(`checklist-beschadigde-gegevens-${page.today()}.txt`,
        "text/plain;charset=utf-8", held.damaged.map((item) => `${item.key || STORAGE_KEY}\n${item.text}`).join("\n\n"))),
      " ", button("Verwijder de beschadigde gegevens", "danger", (node) => page.manage("removeDamaged", node))));
  }
  if (unsaved && unsaved !== "beschadigd" && !held.blocked) {
    parts.push(element("p", {}, notSaved(unsaved, "Uw laatste wijziging")));
  }
  return parts;
}
