/* Managing measurements, each after a question in the page: a new measurement (empty the form),
 * taking over the answers of a saved one, deleting one or all, removing damaged data.
 * Loaded at the first of these clicks. The page (../checklist.js) hands over what it owns:
 *   page.state(), page.setCurrent(answers), page.changeStored(change, done, what), page.dropDamaged(), page.say(node, text). */
import {find} from "../lib/dom.js";
import {measurementLabel} from "./view.js";

const box = find("[data-confirm]");
const text = find("[data-confirm-text]");
const yes = find("[data-confirm-yes]");
let asked = null; // {page, trigger, action, status}

// The question appears right after the button that asked it, and takes the focus; Escape or "Nee" goes back.
function ask(page, question, answer, trigger, action, status) {
  asked = {page, trigger, action, status};
  text.textContent = question;
  yes.textContent = answer;
  trigger.closest("p, li, div").after(box);
  box.hidden = false;
  text.focus();
}

function cancel() {
  box.hidden = true;
  asked.trigger.focus();
}

// An action returns its message, or [message, where the focus goes next]. The trigger may be gone
// (a deleted measurement): then the heading of the measurements takes the focus.
async function confirmed() {
  box.hidden = true;
  const {page, action, status, trigger} = asked;
  const [message, next] = [await action()].flat();
  page.say(status, message);
  (next || (document.contains(trigger) ? trigger : find("#metingen-titel"))).focus();
}

yes.addEventListener("click", confirmed);
find("[data-confirm-no]").addEventListener("click", cancel);
box.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    cancel();
  }
});

function hasAnswers(page) {
  return Object.keys(page.state().current).length > 0;
}

export function newMeasurement(page, trigger) {
  const status = find("[data-form-status]");
  const {core} = page;
  if (!hasAnswers(page)) {
    page.say(status, "Het formulier is al leeg.");
    return;
  }
  const kept = page.state().list.some((measurement) => core.sameAnswers(measurement.answers, page.state().current));
  ask(page, kept
    ? "Het formulier wordt leeggemaakt voor een nieuwe meting. Uw bewaarde metingen blijven staan. Doorgaan?"
    : "Deze antwoorden zijn nog niet als meting bewaard. Wilt u het formulier toch leegmaken? Uw bewaarde metingen blijven staan.",
  "Ja, maak het formulier leeg", trigger, () => {
    page.setCurrent({});
    return "Het formulier is leeg. Uw bewaarde metingen staan er nog.";
  }, status);
}

// A re-assessment starts from an earlier measurement: its answers go into the form, to be changed where things changed.
export function useAnswers(page, measurement, trigger) {
  const label = measurementLabel(measurement);
  const status = find("[data-answer-status]");
  const take = () => {
    page.setCurrent({...measurement.answers});
    const start = find("[data-theme] h2");
    start.setAttribute("tabindex", "-1");
    return [`De antwoorden van de ${label} staan in het formulier. Pas aan wat veranderd is en bewaar ze als nieuwe meting.`, start];
  };
  if (hasAnswers(page) && !page.core.sameAnswers(page.state().current, measurement.answers)) {
    ask(page, `De antwoorden in het formulier worden vervangen door die van de ${label}. Doorgaan?`, "Ja, neem ze over", trigger, take, status);
    return;
  }
  asked = {page, trigger, action: take, status};
  confirmed();
}

export function deleteMeasurement(page, measurement, trigger) {
  const label = measurementLabel(measurement);
  ask(page, `Weet u zeker dat u de ${label} wilt verwijderen?`, "Ja, verwijderen", trigger,
    () => page.changeStored((fresh) => ({...fresh, list: fresh.list.filter((other) => other.id !== measurement.id)}),
      `De ${label} is verwijderd.`, "Het verwijderen"), find("[data-history-status]"));
}

// All means all: the older measurements too, and whatever this page could not read.
export function deleteAll(page, trigger) {
  const status = find("[data-history-status]");
  const count = page.state().list.length + page.state().older.length;
  if (!count) {
    page.say(status, "U hebt geen bewaarde metingen.");
    return;
  }
  ask(page, `Weet u zeker dat u alle ${count} bewaarde metingen wilt verwijderen? Dit kan niet ongedaan worden gemaakt.`, "Ja, verwijder alles", trigger,
    () => page.changeStored((fresh) => ({...fresh, list: [], older: [], unreadable: []}), "Alle metingen zijn verwijderd.", "Het verwijderen"), status);
}

export function removeDamaged(page, trigger) {
  ask(page, "Weet u zeker dat u de beschadigde gegevens uit deze browser wilt verwijderen? Download ze eerst als u ze wilt laten herstellen.",
    "Ja, verwijderen", trigger, () => [page.dropDamaged(), find("#resultaat-titel")], find("[data-form-status]"));
}
