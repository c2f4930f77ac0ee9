/* Renaming a saved measurement and giving it a note, in a small form inside its card.
 * Loaded when the visitor asks for it. page.rename(id, name, note) stores the change and says how it went. */
import {element} from "../lib/dom.js";
import {MAX_NAME_LENGTH, MAX_NOTE_LENGTH} from "./core.js";
import {measurementLabel} from "./view.js";

export function editForm(page, measurement, card, trigger) {
  const id = "bewerk-" + measurement.id;
  const name = element("input", {type: "text", id: id + "-naam", maxlength: MAX_NAME_LENGTH, autocomplete: "off"});
  const note = element("textarea", {id: id + "-notitie", maxlength: MAX_NOTE_LENGTH, rows: 3});
  name.value = measurement.name;
  note.value = measurement.note;
  const cancel = element("button", {type: "button", class: "button button--secondary"}, "Annuleren");
  const form = element("form", {class: "measurement__edit", "aria-label": "Naam en notitie van de " + measurementLabel(measurement)},
    element("p", {}, element("label", {for: name.id}, "Naam"), element("br"), name),
    element("p", {}, element("label", {for: note.id}, "Notitie (bijvoorbeeld wie meededen of wat u afsprak)"), element("br"), note),
    element("p", {}, element("button", {type: "submit", class: "button"}, "Opslaan"), " ", cancel));
  cancel.addEventListener("click", () => {
    form.remove();
    trigger.focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    page.rename(measurement.id, name.value, note.value);
  });
  card.append(form);
  name.focus();
}
