/* Comparing measurements: two chosen ones per theme and per question, the course of every theme
 * through all of them, and the answers now against the previous measurement. Loaded when the
 * visitor asks for a comparison or opens the changes per question. */
import {element, svgElement} from "../lib/dom.js";
import {answerText, formatDate, formatScore, measurementLabel, measurementName, table} from "./view.js";

function rounded(score) {
  return Math.round(score * 10) / 10;
}

// The difference of two scores as shown, so that 2,0 to 1,8 reads −0,2 and not −0,3.
function difference(before, after, format = formatScore) {
  if (before === null || before === undefined || after === null || after === undefined) {
    return "geen";
  }
  const change = rounded(after) - rounded(before);
  return (change > 0 ? "+" : change < 0 ? "−" : "") + format(Math.abs(change));
}

// Per question: the answer before, the answer after, and how much it moved.
export function changeTable(spec, before, after, beforeName, afterName) {
  const rows = spec.themes.flatMap((theme) => theme.questions).map((id) => [
    spec.texts[id], answerText(spec.scale, before[id]), answerText(spec.scale, after[id]), difference(before[id], after[id], String)]);
  return table(`Antwoord per vraag: ${beforeName} en ${afterName}`, ["Vraag", beforeName, afterName, "Verschil"], rows, "score-table--questions");
}

// "2 vragen hoger, 1 lager, 9 gelijk of niet in beide beantwoord"
export function changeSummary(spec, before, after) {
  const ids = spec.themes.flatMap((theme) => theme.questions);
  const up = ids.filter((id) => before[id] && after[id] > before[id]).length;
  const down = ids.filter((id) => after[id] && before[id] > after[id]).length;
  return `${up} ${up === 1 ? "vraag" : "vragen"} hoger, ${down} lager, ${ids.length - up - down} gelijk of niet in beide beantwoord`;
}

function themeTable(core, earlier, later) {
  const before = core.score(earlier.answers);
  const after = core.score(later.answers);
  const rows = before.themes.map((theme, index) => [theme.title, formatScore(theme.mean), formatScore(after.themes[index].mean),
    difference(theme.mean, after.themes[index].mean)]);
  rows.push(["Totaal", formatScore(before.overall), formatScore(after.overall), difference(before.overall, after.overall)]);
  const caption = `Verschil per thema van de ${measurementLabel(earlier)} naar de ${measurementLabel(later)}`;
  return table(caption, ["Thema", measurementName(earlier), measurementName(later), "Verschil"], rows);
}

// A line per theme through the measurements, on the 1 to 4 axis; the figures are in the table below it.
// Layout in SVG units: the plot runs from x 40 to 330 and from y 20 (top score) to 170 (score 1),
// the first and last date sit below it, and a legend row per theme follows from y 215.
function trendChart(core, list) {
  const {scale, themes} = core.spec;
  const top = scale.length;
  const scores = list.map((measurement) => core.score(measurement.answers));
  const x = (index) => 40 + (index * 290) / (list.length - 1);
  const y = (score) => 170 - ((score - 1) * 150) / (top - 1);
  const chart = svgElement("svg", {class: "chart", viewBox: `0 0 360 ${205 + themes.length * 22}`, "aria-hidden": "true"});
  for (let score = 1; score <= top; score++) {
    chart.append(svgElement("line", {x1: 30, x2: 340, y1: y(score), y2: y(score), class: "grid"}),
      svgElement("text", {x: 10, y: y(score) + 5}, String(score)));
  }
  for (const index of [0, list.length - 1]) {
    chart.append(svgElement("text", {x: x(index), y: 192, "text-anchor": index ? "end" : "start"}, formatDate(list[index].date)));
  }
  themes.forEach((theme, themeIndex) => {
    // Each theme has its own line style (checklist.css .l0, .l1, ...), so the chart does not rely on colour.
    const line = "l" + themeIndex;
    const points = scores.map((result, index) => [x(index), result.themes[themeIndex].mean])
      .filter(([, mean]) => mean !== null).map(([pointX, mean]) => [pointX, y(mean)]);
    const legendY = 215 + themeIndex * 22;
    chart.append(
      svgElement("polyline", {class: line, points: points.map((point) => point.join(",")).join(" ")}),
      ...points.map(([cx, cy]) => svgElement("circle", {class: line, cx, cy, r: 4})),
      svgElement("line", {class: line, x1: 40, x2: 80, y1: legendY, y2: legendY}),
      svgElement("text", {x: 88, y: legendY + 5}, theme.title));
  });
  const rows = list.map((measurement, index) => [measurementName(measurement),
    ...scores[index].themes.map((theme) => formatScore(theme.mean)), formatScore(scores[index].overall)]);
  return [
    element("h5", {}, "Verloop per thema"),
    element("figure", {class: "trend"}, chart),
    table(`Gemiddelde per thema in elke meting (1 tot ${top})`, ["Meting", ...themes.map((theme) => theme.title), "Totaal"], rows),
  ];
}

function choice(id, text, list, chosen) {
  const select = element("select", {id}, ...list.map((measurement, index) => element("option", {value: index}, measurementName(measurement))));
  select.value = String(chosen);
  return [element("label", {for: id}, text), " ", select];
}

// The comparison in container; update(list) redraws it after the measurements changed.
export function compareView(container, page, list) {
  const {core, spec} = page;
  let measurements = list;
  let picked = [list.length - 2, list.length - 1];
  const heading = element("h4", {tabindex: "-1"}, "Metingen vergelijken");
  const result = element("div", {class: "comparison"});

  function draw() {
    const [earlier, later] = picked.map((index) => measurements[index]);
    const selects = [choice("vergelijk-van", "Eerdere meting", measurements, picked[0]), choice("vergelijk-naar", "latere meting", measurements, picked[1])];
    const form = element("p", {class: "comparison__choice"}, ...selects[0], " ", ...selects[1]);
    for (const [index, [, , select]] of selects.entries()) {
      select.addEventListener("change", () => {
        picked[index] = Number(select.value);
        draw();
        container.querySelector(`#${select.id}`).focus();
      });
    }
    const parts = earlier === later
      ? [element("p", {}, "Kies twee verschillende metingen.")]
      : [themeTable(core, earlier, later),
        element("details", {class: "changes"}, element("summary", {}, "Per vraag: " + changeSummary(spec, earlier.answers, later.answers)),
          changeTable(spec, earlier.answers, later.answers, measurementName(earlier), measurementName(later)))];
    result.replaceChildren(form, ...parts, ...trendChart(core, measurements));
    container.replaceChildren(heading, result);
  }

  draw();
  return {
    update(next) {
      measurements = next;
      if (measurements.length < 2) {
        container.replaceChildren();
        return;
      }
      picked = picked.map((index) => Math.min(index, measurements.length - 1));
      draw();
    },
  };
}
