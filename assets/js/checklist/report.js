/* A report of one measurement as a single HTML file: it opens offline, loads nothing, prints well,
 * and carries the measurement as an export in a data block, so importing the file restores it.
 * The file is not served by the site, so its styles are inside it: a few of its own, and the
 * checklist's stylesheet (for the chart and the tables), read from the page. */
import {element} from "../lib/dom.js";
import {REPORT_DATA_ID, toJSON} from "./exchange.js";
import {answerText, attentionList, averageText, measurementLabel, scoreView} from "./view.js";

const REPORT_CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 1.0625rem; line-height: 1.5;
  color: #1b1b1b; background: #fff; margin: 0 auto; padding: 1rem; max-width: 52rem; }
h1 { font-size: 1.6rem; line-height: 1.25; } h2 { font-size: 1.3rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
a { color: #0a4f9e; overflow-wrap: anywhere; }
.report__answers li { margin-bottom: 0.5rem; }
.report__answer { font-weight: 700; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media print { @page { margin: 1.5cm; } body { font-size: 10.5pt; padding: 0; max-width: none; } details { display: none; }
  h2, h3 { break-after: avoid; } li { break-inside: avoid; } }
`;

// The rules of the checklist's own stylesheet, as the page has them (same origin, so readable).
function checklistCSS() {
  const sheet = [...document.styleSheets].find((candidate) => candidate.ownerNode && candidate.ownerNode.hasAttribute("data-report-css"));
  return sheet ? [...sheet.cssRules].map((rule) => rule.cssText).join("\n") : "";
}

function answersList(spec, answers) {
  return spec.themes.flatMap((theme) => [
    element("h3", {}, theme.title),
    element("ol", {class: "report__answers"}, ...theme.questions.map((id) => element("li", {id},
      spec.texts[id].replace(/^[^:]*: /, ""), element("br"),
      element("span", {class: "report__answer"}, (answers[id] ? "✔ " : "") + answerText(spec.scale, answers[id]))))),
  ]);
}

export function reportFile(page, measurement) {
  const {core, spec, tipsOf} = page;
  const title = `${document.querySelector("h1").textContent.trim()}: ${measurementLabel(measurement)}`;
  const scores = core.score(measurement.answers);
  const address = location.href.split("#")[0];
  const body = element("main", {},
    element("h1", {}, title),
    element("p", {}, `Checklist versie ${measurement.checklistVersion}. Gemaakt op `, element("a", {href: address}, address),
      ". Importeer dit bestand op die pagina om verder te gaan met deze meting."),
    measurement.note ? element("p", {}, "Notitie: " + measurement.note) : null,
    element("h2", {}, "Uitslag"),
    element("p", {}, `Totaal: ${averageText({mean: scores.overall, n: scores.n, m: scores.m})}.`),
    scoreView(scores, spec.scale, "Scores"),
    element("h2", {}, "Aandachtspunten"),
    attentionList(scores, measurement.answers, spec, tipsOf),
    element("h2", {}, "Alle vragen en de antwoorden"),
    ...answersList(spec, measurement.answers));
  // In a script block "</script" would end it early: "<" is written as \u003c, which JSON reads back as "<".
  const data = toJSON(core, [measurement]).replace(/</g, "\\u003c");
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${element("title", {}, title).innerHTML}</title>
<style>${REPORT_CSS}
${checklistCSS()}</style>
</head>
<body>
${body.outerHTML}
<script type="application/json" id="${REPORT_DATA_ID}">${data}</script>
</body>
</html>
`;
}
