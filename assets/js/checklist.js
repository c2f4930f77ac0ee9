/* The checklist page: answering, scores and aandachtspunten, and measurements saved in this browser
 * (save, delete, start again from one), following changes made in another tab. The logic is in
 * checklist/core.js. What is not needed to answer and save loads with import() when asked for:
 * comparison, team view, reports, files, share links, renaming, deleting and starting anew,
 * and the notices about storage problems.
 * Without JavaScript the page is a readable, printable form; this script adds everything else. */
import {element, find, findAll, saveFile} from "./lib/dom.js";
import {DAMAGED_PREFIX, LEGACY_KEY, STORAGE_KEY, createChecklist} from "./checklist/core.js";
import {attentionList, averageText, measurementLabel, measurementName, scoreView} from "./checklist/view.js";

const form = find("[data-checklist]");

function hook(name) {
  return find(`[data-${name}]`);
}

function on(name, type, handler) {
  hook(name).addEventListener(type, handler);
}

function say(node, text) {
  node.textContent = text;
}

// Today in the visitor's time zone, as yyyy-mm-dd.
function today() {
  const now = new Date();
  return new Date(now - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

// --- the checklist as the page describes it ---

const themeSections = findAll("[data-theme]");
const spec = {
  version: Number(form.dataset.version),
  scale: form.dataset.scale.split("|"),
  themes: themeSections.map((section) => ({
    id: section.dataset.theme,
    title: section.dataset.themeTitle,
    questions: findAll("[data-question]", section).map((fieldset) => fieldset.id),
  })),
  // "Strategie, vraag 1: Zijn de beleidsambities …?", for lists and tables outside the form.
  texts: Object.fromEntries(themeSections.flatMap((section) => findAll("[data-question]", section).map((fieldset) => {
    const heading = find("[data-question-text]", fieldset).textContent.replace(/\s+/g, " ").trim();
    return [fieldset.id, `${section.dataset.themeTitle}, vraag ${heading.replace(/^(\d+)\. /, "$1: ")}`];
  }))),
};
const core = createChecklist(spec);

// A copy of a question's tips, for an aandachtspunt.
function tipsOf(id) {
  const tips = find(`#${id} [data-tips]`);
  return tips ? [...tips.children].map((node) => node.cloneNode(true)) : [];
}

// --- storage ---

// Where the browser refuses storage altogether, the page still works, and says it forgets on leaving.
let storage = null;
try {
  storage = window.localStorage;
} catch (error) {
  storage = null;
}
// {list: this version's measurements, older: an older version's, unreadable: the rest, current: answers}
let state;
let held; // what core.read found besides: blocked, damaged texts [{key, text}], readOnly
let unsaved = ""; // why the last change could not be stored ("vol", "geblokkeerd", "beschadigd"), until one is

function load() {
  held = storage ? core.read(storage) : {state: null, blocked: true, damaged: [], readOnly: false};
  state = held.state || {list: [], older: [], unreadable: [], current: {}};
}

// Every change is made to what is stored now (another tab may have changed it), then written whole.
// Returns "" when stored, or why not; then the page keeps what was stored before.
function commit(change) {
  held = storage && !held.blocked ? core.read(storage) : held;
  if (held.blocked || held.readOnly) {
    unsaved = held.blocked ? "geblokkeerd" : "beschadigd";
    return unsaved;
  }
  const next = change(held.state);
  unsaved = core.write(storage, next);
  if (!unsaved) {
    state = next;
  }
  return unsaved;
}

// Answers in the form are kept on the page even when they cannot be stored; the notice says so.
function setCurrent(answers) {
  if (commit((fresh) => ({...fresh, current: answers}))) {
    state.current = answers;
  }
  render();
}

async function notSaved(reason, what) {
  const {notSaved: text} = await import("./checklist/notice.js");
  return text(reason, what);
}

async function showStorageNotice() {
  const notice = hook("storage-notice");
  const trouble = held.blocked || held.damaged.length || unsaved;
  if (trouble) {
    const {storageNotice} = await import("./checklist/notice.js");
    notice.replaceChildren(...storageNotice(page, held, unsaved));
  }
  notice.hidden = !trouble;
}

// --- the form and the scores ---

function showAnswers(answers) {
  for (const input of findAll("[type=radio]", form)) {
    input.checked = answers[input.name] === Number(input.value);
  }
}

function formAnswers() {
  return core.answers(Object.fromEntries(findAll(":checked", form).map((input) => [input.name, Number(input.value)])));
}

function hasAnswers() {
  return Object.keys(state.current).length > 0;
}

function total(scores) {
  return averageText({mean: scores.overall, n: scores.n, m: scores.m});
}

// The scores and the aandachtspunten of a set of answers: for the form and for a shared link.
function resultParts(answers, caption) {
  const scores = core.score(answers);
  return [scoreView(scores, spec.scale, caption), element("h3", {}, "Aandachtspunten"), attentionList(scores, answers, spec, tipsOf)];
}

// The answers against the previous measurement, per question: the table loads when the visitor opens it.
function showChanges() {
  const before = core.previous(state.list, state.current);
  const part = hook("changes");
  if (!before || !hasAnswers()) {
    part.replaceChildren();
    return;
  }
  const last = state.list.at(-1);
  const afterName = core.sameAnswers(last.answers, state.current) ? measurementName(last) : "nu";
  const details = element("details", {class: "changes"}, element("summary", {}, `Verandering per vraag sinds de ${measurementLabel(before)}`));
  details.addEventListener("toggle", async () => {
    const {changeSummary, changeTable} = await import("./checklist/compare.js");
    details.append(element("p", {}, changeSummary(spec, before.answers, state.current) + "."),
      changeTable(spec, before.answers, state.current, measurementName(before), afterName));
  }, {once: true});
  part.replaceChildren(details);
}

function showScores() {
  say(hook("summary"), `Totaal: ${total(core.score(state.current))}.`);
  const [view, ...attention] = resultParts(state.current, "Uw scores");
  hook("scores").replaceChildren(view);
  hook("attention").replaceChildren(...attention);
  showChanges();
}

// How far the visitor is, in the bar under the form; after an answer, also that theme's average, for screen readers.
// The bar stays at the bottom of the screen once there is a result to look at (checklist.css).
function progress(themeResult) {
  const answered = core.score(state.current).n;
  say(hook("progress"), `${answered} van ${core.questionIds.length} beantwoord`);
  say(hook("answer-status"), themeResult ? `${themeResult.title}: ${averageText(themeResult)}.` : "");
  hook("bar").classList.toggle("checklist-bar--sticky", answered > 0);
}

function answerChanged(event) {
  // The form's answers over what is stored: a question answered in another tab and not here is kept.
  const answers = formAnswers();
  if (commit((fresh) => ({...fresh, current: {...fresh.current, ...answers}}))) {
    state.current = answers;
  }
  render();
  const themeId = event.target.closest("[data-theme]").dataset.theme;
  const theme = core.score(state.current).themes.find((candidate) => candidate.id === themeId);
  progress(theme);
}

// --- saving ---

const nameInput = hook("save-name");
const saveStatus = hook("save-status");

// Saving is possible when there are answers that differ from those of the newest measurement.
function whySaveIsNotPossible() {
  const last = state.list.at(-1);
  if (!hasAnswers()) {
    return "Beantwoord eerst ten minste één vraag.";
  }
  if (last && core.sameAnswers(last.answers, state.current)) {
    return `Deze antwoorden zijn al bewaard als de ${measurementLabel(last)}. Verander een antwoord, of begin een nieuwe meting.`;
  }
  return "";
}

// Browsers may wipe what a site stores (Safari after 7 days without a visit); persist() asks them not to.
async function persisted(ask) {
  try {
    return Boolean(await navigator.storage[ask ? "persist" : "persisted"]());
  } catch (error) {
    return false;
  }
}

async function saveMeasurement() {
  const why = whySaveIsNotPossible();
  if (why) {
    say(saveStatus, why);
    return;
  }
  const measurement = core.record(state.current, nameInput.value, today());
  const first = !state.list.length;
  const reason = commit((fresh) => ({...fresh, list: core.merge(fresh.list, [measurement]).list}));
  render();
  if (reason) {
    say(saveStatus, await notSaved(reason, `De ${measurementLabel(measurement)}`));
    return;
  }
  nameInput.value = "";
  say(saveStatus, `✔ De ${measurementLabel(measurement)} is bewaard in deze browser.`);
  const kept = await persisted(first);
  say(hook("backup-text"), "Let op: uw metingen staan alleen in deze browser, op dit apparaat. Een browser kan ze wissen, bijvoorbeeld als u de browsergegevens wist of de site lang niet bezoekt (Safari doet dat na 7 dagen zonder bezoek). "
    + (kept ? "Deze browser heeft toegezegd ze niet vanzelf te wissen. " : "")
    + "Download daarom ook een reservekopie en bewaar die bij uw documenten.");
  hook("backup").hidden = false;
}

// --- measurements: the list, and what can be done with each ---

const confirmBox = hook("confirm");

// Deleting, emptying the form and taking over answers ask first; that part of the page loads at the first click.
async function manage(action, ...args) {
  const actions = await import("./checklist/manage.js");
  actions[action](page, ...args);
}

function dropDamaged() {
  for (const item of held.damaged) {
    storage.removeItem(item.key);
  }
  load();
  render();
  return "De beschadigde gegevens zijn verwijderd.";
}

const historyStatus = hook("history-status");

async function changeStored(change, done, what) {
  const reason = commit(change);
  render();
  return reason ? notSaved(reason, what) : done;
}

async function rename(id, name, note) {
  const change = (fresh) => ({...fresh, list: fresh.list.map((kept) => (kept.id === id ? core.normalized({...kept, name, note}) : kept))});
  say(historyStatus, await changeStored(change, "✔ De naam en de notitie zijn bewaard.", "De wijziging"));
  find("#metingen-titel").focus();
}

function button(text, label, handler, kind = "secondary") {
  const node = element("button", {type: "button", class: `button button--${kind}`, "aria-label": label}, text);
  node.addEventListener("click", () => handler(node));
  return node;
}

function card(measurement) {
  const label = measurementLabel(measurement);
  const scores = core.score(measurement.answers);
  const item = element("li", {class: "measurement"},
    element("h4", {}, label),
    element("p", {}, `Totaal: ${total(scores)}. ` + scores.themes.map((theme) => `${theme.title}: ${averageText(theme)}`).join("; ") + "."),
    measurement.note ? element("p", {class: "measurement__note"}, "Notitie: " + measurement.note) : null);
  item.append(element("div", {class: "measurement__actions"},
    button("Neem de antwoorden over", `Neem de antwoorden over van de ${label}`, (node) => manage("useAnswers", measurement, node)),
    button("Naam en notitie", `Naam en notitie van de ${label} wijzigen`, async (node) => {
      const {editForm} = await import("./checklist/edit.js");
      editForm(page, measurement, item, node);
    }),
    button("Rapport (HTML)", `Download de ${label} als rapport (HTML)`, () => downloadReport(measurement, historyStatus)),
    button("Verwijderen", `${label} verwijderen`, (node) => manage("deleteMeasurement", measurement, node), "danger")));
  return item;
}

// Measurements of an older version of the checklist are not shown; the visitor is told they are there.
function aboutOlder() {
  const count = state.older.length;
  return count === 1
    ? "1 eerdere meting hoort bij een oudere versie van de checklist en wordt niet getoond; ze blijft bewaard en gaat mee in een download."
    : `${count} eerdere metingen horen bij een oudere versie van de checklist en worden niet getoond; ze blijven bewaard en gaan mee in een download.`;
}

function showHistory() {
  const parts = state.older.length ? [element("p", {class: "notice"}, aboutOlder())] : [];
  if (state.list.length) {
    // The newest first: that is the one people come back for.
    parts.unshift(element("ol", {class: "measurements", reversed: ""}, ...state.list.map(card).reverse()));
  } else if (!parts.length) {
    parts.push(element("p", {}, "U hebt nog geen metingen bewaard."));
  }
  // A question asked in a card that is about to be redrawn goes with it.
  if (hook("history").contains(confirmBox)) {
    confirmBox.hidden = true;
    find("main").append(confirmBox);
  }
  hook("history").replaceChildren(...parts);
  hook("compare-part").hidden = state.list.length < 2;
  if (comparison) {
    comparison.update(state.list);
  }
}

function render() {
  showAnswers(state.current);
  progress();
  showScores();
  const why = whySaveIsNotPossible();
  say(hook("save-hint"), why);
  hook("save-button").setAttribute("aria-disabled", String(Boolean(why)));
  showHistory();
  showStorageNotice();
}

// --- what loads when asked for: comparison, team view, reports, files, share links ---

let comparison = null;

async function openComparison() {
  const {compareView} = await import("./checklist/compare.js");
  comparison = compareView(hook("compare"), page, state.list);
  hook("compare-button").hidden = true;
  find("h4", hook("compare")).focus();
}

async function downloadReport(measurement, status) {
  const {reportFile} = await import("./checklist/report.js");
  saveFile(`checklist-rapport-${measurement.date}.html`, "text/html;charset=utf-8", reportFile(page, measurement));
  say(status, `De ${measurementLabel(measurement)} wordt gedownload als rapport.`);
}

// Every saved measurement goes into the file, those of an older version too, in date order.
async function download(kind, status) {
  const list = core.merge(state.older, state.list).list;
  if (!list.length) {
    say(status, "U hebt nog geen metingen bewaard.");
    return;
  }
  const {toCSV, toJSON} = await import("./checklist/exchange.js");
  const [convert, type] = kind === "csv" ? [toCSV, "text/csv;charset=utf-8"] : [toJSON, "application/json"];
  saveFile(`checklist-metingen-${today()}.${kind}`, type, convert(core, list));
  say(status, "Uw metingen worden gedownload.");
}

async function importMeasurements() {
  const input = hook("import");
  const {readFile} = await import("./checklist/exchange.js");
  const result = await readFile(core, input.files[0]);
  input.value = ""; // so that choosing the same file again is a new change
  if (result.error) {
    say(historyStatus, result.error);
    return;
  }
  let counts;
  const done = await changeStored((fresh) => {
    const merged = core.merge(fresh.list, result.measurements);
    const older = core.merge(fresh.older, result.older);
    counts = {added: merged.added + older.added, skipped: merged.skipped + older.skipped, older: older.added};
    return {...fresh, list: merged.list, older: older.list};
  }, "", "De import");
  const added = counts.added === 1 ? "1 meting" : counts.added + " metingen";
  say(historyStatus, done || `Geïmporteerd: ${added}. Overgeslagen omdat ze er al waren: ${counts.skipped}.${counts.older ? " " + aboutOlder() : ""}`);
}

async function openTeam() {
  const {showTeam} = await import("./checklist/team.js");
  await showTeam(hook("team"), page, [...hook("team-files").files]);
  hook("team-files").value = "";
}

async function copyShareLink() {
  const status = hook("form-status");
  if (!hasAnswers()) {
    say(status, "Beantwoord eerst ten minste één vraag.");
    return;
  }
  const {copyLink} = await import("./checklist/share.js");
  say(status, await copyLink(core, state.current));
}

async function showSharedResult() {
  if (location.hash.startsWith("#score=")) {
    const {showShared} = await import("./checklist/share.js");
    showShared(page);
  }
}

function takeOver(answers) {
  setCurrent({...answers});
  find("#resultaat-titel").focus();
  say(hook("form-status"), "Het gedeelde resultaat staat nu in het formulier. U kunt het aanpassen en bewaren.");
}

// --- another tab changed what is stored: follow it ---

function storageChanged(event) {
  const ours = event.key === null || [STORAGE_KEY, LEGACY_KEY].includes(event.key) || event.key.startsWith(DAMAGED_PREFIX);
  if (event.storageArea === storage && ours) {
    load();
    render();
    say(historyStatus, "De antwoorden en metingen zijn bijgewerkt vanuit een ander tabblad of venster.");
  }
}

// What the modules loaded later need of this page.
const page = {core, spec, tipsOf, today, resultParts, takeOver, rename, say, setCurrent, changeStored, dropDamaged, manage,
  state: () => state};

// --- start ---

if (form) {
  load();
  form.addEventListener("change", answerChanged);
  form.addEventListener("submit", (event) => event.preventDefault());
  on("save-button", "click", saveMeasurement);
  on("backup-button", "click", () => download("json", saveStatus));
  on("new", "click", (event) => manage("newMeasurement", event.currentTarget));
  on("share-button", "click", copyShareLink);
  on("report-current", "click", () => downloadReport(core.record(state.current, nameInput.value, today()), hook("form-status")));
  on("compare-button", "click", openComparison);
  on("export-json", "click", () => download("json", historyStatus));
  on("export-csv", "click", () => download("csv", historyStatus));
  on("import", "change", importMeasurements);
  on("team-files", "change", openTeam);
  on("delete-all", "click", (event) => manage("deleteAll", event.currentTarget));
  addEventListener("hashchange", showSharedResult);
  addEventListener("storage", storageChanged);
  for (const name of ["results", "results-link", "bar", "team-part", "team-link"]) {
    hook(name).hidden = false;
  }
  hook("checklist-nojs").hidden = true;
  render();
  showSharedResult();
}
