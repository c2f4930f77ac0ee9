/* Comparing colleagues: several exports or reports opened at once, read only in this browser.
 * Per theme and per question everyone's score, the lowest, the median and the highest, and the
 * questions on which the team differs most: a basis for a team discussion. A file that cannot be
 * read is named with the reason; the others still count. */
import {element} from "../lib/dom.js";
import {readFile} from "./exchange.js";
import {formatDate, formatScore, table} from "./view.js";

// At most this many questions are named as those the team differs most on, and only when the
// scores lie at least two points apart: one colleague agrees where another does not.
const MOST_DIFFERENT = 5;
const DIFFERENT_ENOUGH = 2;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function spread(values) {
  return values.length ? {low: Math.min(...values), median: median(values), high: Math.max(...values)} : null;
}

// One colleague per file: the newest measurement of this checklist version in it.
async function colleague(core, file) {
  const result = await readFile(core, file);
  if (result.error) {
    return {file: file.name, error: result.error.replace(/ Er is niets geïmporteerd\.$/, "")};
  }
  const newest = result.measurements.at(-1);
  if (!newest) {
    return {file: file.name, error: "Dit bestand bevat alleen metingen van een oudere versie van de checklist; die zijn niet te vergelijken."};
  }
  return {file: file.name, measurement: newest, name: newest.name || file.name.replace(/\.[^.]+$/, "")};
}

// Names as column headings: the same name twice gets a number.
function uniqueNames(people) {
  const counts = {};
  for (const person of people) {
    counts[person.name] = (counts[person.name] || 0) + 1;
    if (counts[person.name] > 1) {
      person.name += ` (${counts[person.name]})`;
    }
  }
}

function spreadCells(values) {
  const range = spread(values);
  return range ? [formatScore(range.low), formatScore(range.median), formatScore(range.high)] : ["geen", "geen", "geen"];
}

function themeRows(core, people) {
  const scores = people.map((person) => core.score(person.measurement.answers));
  const rows = core.spec.themes.map((theme, index) => {
    const means = scores.map((result) => result.themes[index].mean);
    return [theme.title, ...means.map(formatScore), ...spreadCells(means.filter((mean) => mean !== null))];
  });
  const totals = scores.map((result) => result.overall);
  rows.push(["Totaal", ...totals.map(formatScore), ...spreadCells(totals.filter((total) => total !== null))]);
  return rows;
}

function questionFigures(core, people) {
  return core.questionIds.map((id) => {
    const given = people.map((person) => person.measurement.answers[id]);
    const values = given.filter(Boolean);
    return {id, given, values, range: spread(values)};
  });
}

function answer(value) {
  return value ? String(value) : "–";
}

// The questions with the widest spread of scores, widest first; of two as wide, the one with more
// colleagues at the extremes (a larger variance) first.
function mostDifferent(figures) {
  const variance = ({values}) => {
    const average = values.reduce((sum, value) => sum + value, 0) / values.length;
    return values.reduce((sum, value) => sum + (value - average) ** 2, 0) / values.length;
  };
  return figures.filter((figure) => figure.range && figure.range.high - figure.range.low >= DIFFERENT_ENOUGH)
    .sort((a, b) => (b.range.high - b.range.low) - (a.range.high - a.range.low) || variance(b) - variance(a))
    .slice(0, MOST_DIFFERENT);
}

function readSummary(people, failed) {
  const parts = [];
  if (people.length) {
    parts.push(element("p", {}, `Gelezen: ${people.length} ${people.length === 1 ? "bestand" : "bestanden"}.`),
      element("ul", {}, ...people.map((person) => element("li", {}, `${person.name}: meting van ${formatDate(person.measurement.date)}, uit ${person.file}`))));
  }
  if (failed.length) {
    parts.push(element("div", {class: "notice notice--error", role: "alert"},
      element("p", {}, `Niet gelezen: ${failed.length} ${failed.length === 1 ? "bestand" : "bestanden"}.`),
      element("ul", {}, ...failed.map((item) => element("li", {}, `${item.file}: ${item.error}`)))));
  }
  return parts;
}

function differenceList(spec, people, figures) {
  const found = mostDifferent(figures);
  if (!found.length) {
    return element("p", {}, `Het team is het over elke vraag ongeveer eens: nergens liggen de scores ${DIFFERENT_ENOUGH} of meer punten uit elkaar.`);
  }
  return element("ol", {class: "team__different"}, ...found.map((figure) => element("li", {},
    element("strong", {}, spec.texts[figure.id]), element("br"),
    `Scores van ${figure.range.low} tot ${figure.range.high}: `,
    people.map((person, index) => `${person.name} ${answer(figure.given[index])}`).join(", "), ".")));
}

export async function showTeam(container, page, files) {
  const {core, spec} = page;
  const read = await Promise.all(files.map((file) => colleague(core, file)));
  const people = read.filter((item) => item.measurement);
  uniqueNames(people);
  const parts = readSummary(people, read.filter((item) => item.error));
  if (people.length) {
    const names = people.map((person) => person.name);
    const figures = questionFigures(core, people);
    const print = element("button", {type: "button", class: "button button--secondary"}, "Print deze vergelijking");
    // Printing shows only this part of the page (checklist.css, .printing-team).
    print.addEventListener("click", () => {
      document.documentElement.classList.add("printing-team");
      addEventListener("afterprint", () => document.documentElement.classList.remove("printing-team"), {once: true});
      window.print();
    });
    parts.push(
      element("h4", {}, "Waar het team het meest verschilt"),
      differenceList(spec, people, figures),
      element("h4", {}, "Per thema"),
      table("Gemiddelde per thema van elke collega, met de laagste, de mediaan en de hoogste", ["Thema", ...names, "Laagste", "Mediaan", "Hoogste"],
        themeRows(core, people), "score-table--team"),
      element("h4", {}, "Per vraag"),
      table("Score per vraag van elke collega (– is niet beantwoord), met de laagste, de mediaan en de hoogste",
        ["Vraag", ...names, "Laagste", "Mediaan", "Hoogste"],
        figures.map((figure) => [spec.texts[figure.id], ...figure.given.map(answer), ...spreadCells(figure.values)]), "score-table--team"),
      element("p", {class: "no-print"}, print));
  }
  container.replaceChildren(element("h3", {tabindex: "-1"}, "Vergelijking van het team"), ...parts);
  container.firstChild.focus();
}
