/* What the checklist shows, made from data: Dutch numbers and dates, tables that become cards
 * on a phone, the bar chart on the 1 to 4 axis, aandachtspunten. Used by the page, and by the
 * comparison, team view and report, which load later. */
import {element} from "../lib/dom.js";

export function formatScore(score) {
  return score === null || score === undefined ? "geen" : score.toFixed(1).replace(".", ",");
}

export function formatDate(isoDate) {
  // Noon, so that no time zone moves the day.
  const date = new Date(isoDate + "T12:00");
  return date.toLocaleDateString("nl-NL", {day: "numeric", month: "long", year: "numeric"});
}

export function measurementName(measurement) {
  return formatDate(measurement.date) + (measurement.name ? ` (${measurement.name})` : "");
}

export function measurementLabel(measurement) {
  return "meting van " + measurementName(measurement);
}

// "3, Eerder eens": a score with its name on the scale.
export function answerText(scale, score) {
  return score ? `${score}, ${scale[score - 1]}` : "niet beantwoord";
}

export function answeredText(n, m) {
  return `${n} van ${m} ${m === 1 ? "vraag" : "vragen"} beantwoord`;
}

// "Gemiddelde 2,6 (7 van 7 vragen beantwoord)"
export function averageText(result) {
  return `gemiddelde ${formatScore(result.mean)} (${answeredText(result.n, result.m)})`;
}

// A table; below 600 px (checklist.css) each row becomes a card, and each cell is named by its column
// (data-label). The roles keep the table a table for screen readers when CSS shows it as cards.
export function table(caption, headings, rows, className = "") {
  const headerRow = element("tr", {role: "row"}, ...headings.map((heading) => element("th", {scope: "col", role: "columnheader"}, heading)));
  const bodyRows = rows.map(([first, ...rest]) => element("tr", {role: "row"},
    element("th", {scope: "row", role: "rowheader"}, first),
    ...rest.map((cell, index) => element("td", {role: "cell", "data-label": headings[index + 1]}, cell))));
  return element("table", {class: `score-table ${className}`.trim(), role: "table"},
    element("caption", {}, caption), element("thead", {role: "rowgroup"}, headerRow), element("tbody", {role: "rowgroup"}, ...bodyRows));
}

// Bars from 1 to the top score, on an axis that names every point of the scale. The same figures are
// in the table beside it, so the chart itself is hidden from screen readers.
export function barChart(bars, scale, caption) {
  const top = scale.length;
  // Positions and widths through the CSSOM, which the site's style-src 'self' allows (a style attribute it would not).
  const at = (score) => `${((score - 1) * 100) / (top - 1)}%`;
  const ticks = scale.map((label, index) => {
    const tick = element("span", {class: "bars__tick"}, String(index + 1), element("br"), label);
    tick.style.left = at(index + 1);
    return tick;
  });
  const rows = bars.map((bar) => {
    const fill = bar.mean === null ? null : element("span", {class: "bars__bar"});
    if (fill) {
      fill.style.width = at(bar.mean);
    }
    return element("div", {class: "bars__row"},
      element("span", {class: "bars__label"}, bar.title),
      element("span", {class: "bars__track"}, ...Array.from({length: top - 1}, () => element("span", {class: "bars__grid"})), fill),
      element("span", {class: "bars__value"}, formatScore(bar.mean)));
  });
  return element("figure", {class: "bars", "aria-hidden": "true"},
    element("figcaption", {}, caption), ...rows, element("div", {class: "bars__row"}, element("span", {class: "bars__axis"}, ...ticks)));
}

// The chart and the table of one set of scores: per theme and the total.
export function scoreView(scores, scale, caption) {
  const total = {title: "Totaal", mean: scores.overall, n: scores.n, m: scores.m};
  const bars = [...scores.themes, total];
  const rows = bars.map((bar) => [bar.title, formatScore(bar.mean), `${bar.n} van ${bar.m}`]);
  const figures = table(`${caption}: gemiddelde per thema en totaal (1 = ${scale[0].toLowerCase()}, ${scale.length} = ${scale[scale.length - 1].toLowerCase()})`,
    ["Thema", "Score", "Beantwoord"], rows);
  return element("div", {class: "score-view"}, barChart(bars, scale, caption), figures);
}

// A question scored 1 or 2: a link to it, its answer, and a copy of its tips (tipsOf gives their nodes).
export function attentionList(scores, answers, spec, tipsOf) {
  if (!scores.attention.length) {
    return element("p", {}, "Geen aandachtspunten: geen enkele beantwoorde vraag heeft score 1 of 2.");
  }
  return element("ul", {class: "attention"}, ...scores.attention.map((id) => {
    const tips = tipsOf(id);
    return element("li", {},
      element("a", {href: "#" + id}, spec.texts[id]),
      element("p", {}, "Uw antwoord: " + answerText(spec.scale, answers[id])),
      tips.length ? element("details", {}, element("summary", {}, "Tips bij deze vraag"), ...tips) : null);
  }));
}
