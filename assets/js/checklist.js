/* The checklist page: scores and charts while answering, aandachtspunten, measurements saved in this
 * browser (list, compare, trend, delete), export and import, share links. The logic is in checklist-core.js.
 * Without JavaScript the page is a readable, printable form; this script adds everything else.
 * Nodes are made with createElement and textContent only: no data ever goes into the page as HTML. */
(() => {
  "use strict";

  const form = document.querySelector("[data-checklist]");
  if (!form || !window.ChecklistCore) {
    return;
  }

  // --- building the page ---

  function find(selector, root = document) {
    return root.querySelector(selector);
  }

  function findAll(selector, root = document) {
    return [...root.querySelectorAll(selector)];
  }

  function hook(name) {
    return find(`[data-${name}]`);
  }

  function on(hookName, type, handler) {
    hook(hookName).addEventListener(type, handler);
  }

  // Strings become text nodes: append never parses HTML.
  function fill(node, attributes, children) {
    for (const [name, value] of Object.entries(attributes)) {
      node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  }

  function element(tag, attributes, ...children) {
    return fill(document.createElement(tag), attributes, children);
  }

  function svgElement(tag, attributes, ...children) {
    return fill(document.createElementNS("http://www.w3.org/2000/svg", tag), attributes, children);
  }

  function say(node, text) {
    node.textContent = text;
  }

  // A table in a region that scrolls sideways on a narrow screen, reachable by keyboard.
  function table(caption, headings, rows) {
    const headerRow = element("tr", {}, ...headings.map((heading) => element("th", {scope: "col"}, heading)));
    const bodyRows = rows.map(([first, ...rest]) =>
      element("tr", {}, element("th", {scope: "row"}, first), ...rest.map((cell) => element("td", {}, cell))));
    const tableElement = element("table", {class: "score-table"}, element("caption", {}, caption), headerRow, ...bodyRows);
    return element("div", {class: "table-scroll", tabindex: 0, role: "region", "aria-label": caption}, tableElement);
  }

  // --- writing scores, dates and measurements in Dutch ---

  function formatScore(score) {
    return score === null ? "geen" : score.toFixed(1).replace(".", ",");
  }

  function formatDate(isoDate) {
    // Noon, so that no time zone moves the day.
    const date = new Date(isoDate + "T12:00");
    return date.toLocaleDateString("nl-NL", {day: "numeric", month: "long", year: "numeric"});
  }

  function measurementName(measurement) {
    return formatDate(measurement.date) + (measurement.name ? ` (${measurement.name})` : "");
  }

  function measurementLabel(measurement) {
    return "meting van " + measurementName(measurement);
  }

  // Today in the visitor's time zone, as yyyy-mm-dd.
  function today() {
    const now = new Date();
    return new Date(now - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  // --- the checklist as the page describes it ---

  const scale = form.dataset.scale.split("|");
  const topScore = scale.length;
  const spec = {
    version: Number(form.dataset.version),
    scale,
    themes: findAll("[data-theme]").map((section) => ({
      id: section.dataset.theme,
      title: section.dataset.themeTitle,
      questions: findAll("[data-question]", section).map((fieldset) => fieldset.id),
    })),
  };
  const core = ChecklistCore.create(spec);

  const statusLine = hook("status");
  const scoresPart = hook("scores");
  const attentionPart = hook("attention");
  const nameInput = hook("save-name");
  const historyStatus = hook("history-status");
  const historyPart = hook("history");
  const trendPart = hook("trend");
  const comparePart = hook("compare");
  const importInput = hook("import");
  const deleteAllButton = hook("delete-all");
  const confirmBox = hook("confirm");
  const confirmText = hook("confirm-text");
  const sharedView = hook("shared-view");
  const sharedError = hook("shared-error");
  const sharedResult = hook("shared-result");
  const sharedScores = hook("shared-scores");

  // --- state and storage ---

  // Where localStorage is switched off, the page still works; it just forgets on leaving.
  const memoryStorage = {getItem: () => null, setItem() {}};
  let storage;
  try {
    storage = localStorage || memoryStorage;
  } catch (error) {
    storage = memoryStorage;
  }
  // {list: this version's measurements, older: an older version's, unreadable: the rest, current: answers}
  const state = core.read(storage);
  let compared = []; // indexes in state.list of the measurements ticked for comparison

  function saveState() {
    if (!core.write(storage, state)) {
      say(statusLine, "Bewaren lukte niet: deze browser staat opslaan niet toe.");
    }
  }

  function showAnswers(answers) {
    for (const input of findAll("[type=radio]", form)) {
      input.checked = answers[input.name] === Number(input.value);
    }
  }

  function readAnswers() {
    return core.answers(Object.fromEntries(findAll(":checked", form).map((input) => [input.name, Number(input.value)])));
  }

  // Saving or sharing nothing would only puzzle: say what to do instead.
  function noAnswersYet() {
    if (core.score(state.current).n) {
      return false;
    }
    say(statusLine, "Beantwoord eerst ten minste één vraag.");
    return true;
  }

  // --- scoring view and charts ---

  // A bar per theme and one for the total; the same figures are in the table below it.
  function barChart(scores) {
    const bars = [...scores.themes, {title: "Totaal", mean: scores.overall}];
    const rowHeight = 46;
    const fullWidth = 260;
    const summary = bars.map((bar) => bar.title + " " + formatScore(bar.mean)).join(", ");
    const chart = svgElement("svg", {
      class: "chart",
      viewBox: `0 0 320 ${bars.length * rowHeight}`,
      role: "img",
      "aria-label": `Staafdiagram van de scores (1 tot ${topScore}): ` + summary,
    });
    bars.forEach((bar, index) => {
      const top = index * rowHeight;
      const width = ((bar.mean || 0) * fullWidth) / topScore;
      chart.append(
        svgElement("text", {x: 0, y: top + 14}, bar.title),
        svgElement("rect", {x: 0, y: top + 20, width, height: 18}),
        svgElement("text", {x: width + 6, y: top + 34}, formatScore(bar.mean)),
      );
    });
    return chart;
  }

  function scoreTable(scores) {
    const caption = `Scores per thema (1 = ${scale[0].toLowerCase()}, ${topScore} = ${scale[topScore - 1].toLowerCase()})`;
    const total = {title: "Totaal (gemiddelde van de thema’s)", mean: scores.overall, n: scores.n, m: scores.m};
    const rows = [...scores.themes, total].map((theme) => [theme.title, formatScore(theme.mean), theme.n + " van " + theme.m]);
    return table(caption, ["Thema", "Score", "Beantwoord"], rows);
  }

  // --- aandachtspunten ---

  // A question scored 1 or 2: a link to it, its score, and a copy of its tips (without their heading).
  function attentionPoint(id, answers) {
    const fieldset = document.getElementById(id);
    const theme = fieldset.closest("[data-theme]").dataset.themeTitle;
    const question = find("legend", fieldset).textContent.replace(/\s+/g, " ").trim();
    const tips = find("[data-tips]", fieldset);
    const details = element("details", {}, element("summary", {}, "Tips bij deze vraag"));
    if (tips) {
      details.append(...[...tips.children].slice(1).map((node) => node.cloneNode(true)));
    }
    return element("li", {},
      element("a", {href: "#" + id}, theme + ", vraag " + question),
      element("p", {}, `Score: ${answers[id]} (${scale[answers[id] - 1]})`),
      details);
  }

  function attentionList(scores, answers) {
    if (!scores.attention.length) {
      return element("p", {}, "Geen aandachtspunten: geen enkele beantwoorde vraag heeft score 1 of 2.");
    }
    return element("ul", {class: "attention"}, ...scores.attention.map((id) => attentionPoint(id, answers)));
  }

  // The result of a set of answers: used for the form and for a shared link.
  function resultParts(answers) {
    const scores = core.score(answers);
    return {
      scores: [element("h3", {}, "Scores per thema"), barChart(scores), scoreTable(scores)],
      attention: [element("h3", {}, "Aandachtspunten"), attentionList(scores, answers)],
    };
  }

  function showScores() {
    const parts = resultParts(state.current);
    scoresPart.replaceChildren(...parts.scores);
    attentionPart.replaceChildren(...parts.attention);
  }

  function answerChanged(event) {
    state.current = readAnswers();
    saveState();
    showScores();
    const themeId = event.target.closest("[data-theme]").dataset.theme;
    const theme = core.score(state.current).themes.find((candidate) => candidate.id === themeId);
    say(statusLine, `${theme.title}: score ${formatScore(theme.mean)}, ${theme.n} van ${theme.m} beantwoord.`);
  }

  // --- measurements: save, list, compare, trend, delete ---

  // The newest two are compared unless the visitor ticks others.
  function compareLatestTwo() {
    const count = state.list.length;
    compared = [count - 2, count - 1].filter((index) => index >= 0);
  }

  function measurementsChanged(statusNode, message) {
    compareLatestTwo();
    saveState();
    showHistory();
    say(statusNode, message);
  }

  function saveMeasurement() {
    if (noAnswersYet()) {
      return;
    }
    const measurement = core.record(state.current, nameInput.value, today());
    const merged = core.merge(state.list, [measurement]);
    if (!merged.added) {
      say(statusLine, "Deze meting is al bewaard.");
      return;
    }
    state.list = merged.list;
    nameInput.value = "";
    measurementsChanged(statusLine, `De ${measurementLabel(measurement)} is bewaard in deze browser.`);
  }

  function historyRow(measurement, index) {
    const label = measurementLabel(measurement);
    const scores = core.score(measurement.answers);
    const compareBox = element("input", {type: "checkbox", "aria-label": "Vergelijk de " + label});
    compareBox.checked = compared.includes(index);
    compareBox.addEventListener("change", () => {
      compared = compareBox.checked ? [...compared, index] : compared.filter((other) => other !== index);
      showComparison();
    });
    const deleteButton = element("button",
      {type: "button", class: "button button--danger", "aria-label": label + " verwijderen"}, "Verwijderen");
    deleteButton.addEventListener("click", () => {
      askToDelete(`Weet u zeker dat u de ${label} wilt verwijderen?`, deleteButton, () => {
        state.list = state.list.filter((other) => other !== measurement);
        return `De ${label} is verwijderd.`;
      });
    });
    const themeScores = scores.themes.map((theme) => formatScore(theme.mean));
    return [label, ...themeScores, formatScore(scores.overall), compareBox, deleteButton];
  }

  // Measurements of an older version of the checklist are not shown; the visitor is told they are there.
  function aboutOlder() {
    const count = state.older.length;
    return count === 1
      ? "1 eerdere meting hoort bij een oudere versie van de checklist en wordt niet getoond; ze blijft bewaard en gaat mee in een download."
      : `${count} eerdere metingen horen bij een oudere versie van de checklist en worden niet getoond; ze blijven bewaard en gaan mee in een download.`;
  }

  function olderNotice() {
    return state.older.length ? [element("p", {class: "notice"}, aboutOlder())] : [];
  }

  // The history table also holds the figures of the trend chart.
  function showHistory() {
    const parts = olderNotice();
    if (state.list.length) {
      const headings = ["Meting", ...spec.themes.map((theme) => theme.title), "Totaal", "Vergelijken", "Verwijderen"];
      parts.unshift(table("Bewaarde metingen: scores per thema", headings, state.list.map(historyRow)));
    } else if (!parts.length) {
      parts.push(element("p", {}, "U hebt nog geen metingen bewaard."));
    }
    historyPart.replaceChildren(...parts);
    showTrend();
    showComparison();
  }

  function roundedScore(score) {
    return Math.round(score * 10) / 10;
  }

  // The difference of the scores as shown, so that 2,0 to 1,8 reads −0,2 and not −0,3.
  function difference(before, after) {
    if (before === null || after === null) {
      return "geen";
    }
    const change = roundedScore(after) - roundedScore(before);
    const sign = change > 0 ? "+" : change < 0 ? "−" : "";
    return sign + formatScore(Math.abs(change));
  }

  function comparisonRow(title, before, after) {
    return [title, formatScore(before), formatScore(after), difference(before, after)];
  }

  function comparisonTable(earlier, later) {
    const before = core.score(earlier.answers);
    const after = core.score(later.answers);
    const rows = before.themes.map((theme, index) => comparisonRow(theme.title, theme.mean, after.themes[index].mean));
    rows.push(comparisonRow("Totaal", before.overall, after.overall));
    const caption = `Verschil per thema van de ${measurementLabel(earlier)} naar de ${measurementLabel(later)}`;
    return table(caption, ["Thema", measurementName(earlier), measurementName(later), "Verschil"], rows);
  }

  function showComparison() {
    if (state.list.length < 2) {
      comparePart.replaceChildren();
      return;
    }
    compared.sort((a, b) => a - b);
    const choice = compared.length === 2
      ? comparisonTable(state.list[compared[0]], state.list[compared[1]])
      : element("p", {}, "Kies in de kolom Vergelijken twee metingen.");
    comparePart.replaceChildren(element("h4", {}, "Twee metingen vergelijken"), choice);
  }

  // A line per theme through the measurements; the figures are in the history table.
  // Layout in SVG units: the plot runs from x 40 to 330 and from y 20 (top score) to 170 (score 1),
  // the first and last date sit below it, and a legend row per theme follows from y 215.
  function trendChart(list) {
    const scores = list.map((measurement) => core.score(measurement.answers));
    const count = scores.length;
    const x = (index) => 40 + (index * 290) / (count - 1);
    const y = (score) => 170 - ((score - 1) * 150) / (topScore - 1);
    const summary = spec.themes.map((theme, themeIndex) =>
      theme.title + " " + scores.map((result) => formatScore(result.themes[themeIndex].mean)).join(", "));
    const chart = svgElement("svg", {
      class: "chart chart--trend",
      viewBox: `0 0 360 ${205 + spec.themes.length * 22}`,
      role: "img",
      "aria-label": "Lijndiagram van de scores per thema door de tijd (de cijfers staan in de tabel): " + summary.join("; "),
    });
    for (let score = 1; score <= topScore; score++) {
      chart.append(
        svgElement("line", {x1: 30, x2: 340, y1: y(score), y2: y(score), class: "grid"}),
        svgElement("text", {x: 10, y: y(score) + 5}, score),
      );
    }
    for (const index of [0, count - 1]) {
      const anchor = index ? "end" : "start";
      chart.append(svgElement("text", {x: x(index), y: 192, "text-anchor": anchor}, formatDate(list[index].date)));
    }
    spec.themes.forEach((theme, themeIndex) => {
      // Each theme has its own line style (site.css .l0, .l1, ...), so the chart does not rely on colour.
      const line = "l" + themeIndex;
      const points = scores
        .map((result, index) => [x(index), result.themes[themeIndex].mean])
        .filter(([, mean]) => mean !== null)
        .map(([pointX, mean]) => [pointX, y(mean)]);
      const legendY = 215 + themeIndex * 22;
      chart.append(
        svgElement("polyline", {class: line, points: points.map((point) => point.join(",")).join(" ")}),
        ...points.map(([cx, cy]) => svgElement("circle", {class: line, cx, cy, r: 4})),
        svgElement("line", {class: line, x1: 40, x2: 80, y1: legendY, y2: legendY}),
        svgElement("text", {x: 88, y: legendY + 5}, theme.title),
      );
    });
    return chart;
  }

  function showTrend() {
    if (state.list.length < 2) {
      trendPart.replaceChildren();
      return;
    }
    trendPart.replaceChildren(element("h4", {}, "Verloop per thema"), trendChart(state.list));
  }

  // Deleting asks first, in the page and by keyboard: focus goes to the question,
  // Escape or "Nee" goes back to the button that asked.
  let deleteTrigger = null;
  let deleteAction = null;

  function askToDelete(question, trigger, action) {
    deleteTrigger = trigger;
    deleteAction = action;
    say(confirmText, question);
    trigger.closest(".table-scroll, p").after(confirmBox);
    confirmBox.hidden = false;
    confirmText.focus();
  }

  function cancelDelete() {
    confirmBox.hidden = true;
    deleteTrigger.focus();
  }

  function confirmDelete() {
    confirmBox.hidden = true;
    measurementsChanged(historyStatus, deleteAction());
    find("#metingen-titel").focus();
  }

  // All means all: the older measurements too, and whatever this page could not read.
  function deleteAll() {
    const count = state.list.length + state.older.length;
    if (!count) {
      say(historyStatus, "U hebt geen bewaarde metingen.");
      return;
    }
    const question = `Weet u zeker dat u alle ${count} bewaarde metingen wilt verwijderen? Dit kan niet ongedaan worden gemaakt.`;
    askToDelete(question, deleteAllButton, () => {
      Object.assign(state, {list: [], older: [], unreadable: []});
      return "Alle metingen zijn verwijderd.";
    });
  }

  // --- export and import ---

  // Every saved measurement goes into the file, those of an older version too, in date order.
  function download(convert, extension, type) {
    const list = core.merge(state.older, state.list).list;
    if (!list.length) {
      say(historyStatus, "U hebt nog geen metingen bewaard.");
      return;
    }
    const link = element("a", {
      href: URL.createObjectURL(new Blob([convert(list)], {type})),
      download: `checklist-metingen-${today()}.${extension}`,
    });
    document.body.append(link);
    link.click();
    link.remove();
    // Not at once: the browser reads the file after the click.
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    say(historyStatus, "Uw metingen worden gedownload.");
  }

  async function importMeasurements() {
    const file = importInput.files[0];
    if (!file) {
      return;
    }
    // An export is a few kilobytes; a much larger file is not one, so it is not even read.
    const result = file.size > 1e6 ? {error: "Dit bestand is te groot."} : core.parse(await file.text());
    // Empty the field, so that choosing the same file again is a new change.
    importInput.value = "";
    if (result.error) {
      say(historyStatus, result.error);
      return;
    }
    const merged = core.merge(state.list, result.measurements);
    const older = core.merge(state.older, result.older);
    state.list = merged.list;
    state.older = older.list;
    const count = merged.added + older.added;
    const added = count === 1 ? "1 meting" : count + " metingen";
    const skipped = merged.skipped + older.skipped;
    const olderAdded = older.added ? " " + aboutOlder() : "";
    measurementsChanged(historyStatus, `Geïmporteerd: ${added}. Overgeslagen omdat ze er al waren: ${skipped}.${olderAdded}`);
  }

  // --- share link and shared view ---

  // The answers travel in the fragment, which browsers never send to a server.
  async function copyShareLink() {
    if (noAnswersYet()) {
      return;
    }
    const link = location.href.split("#")[0] + "#" + core.encode(state.current);
    try {
      await navigator.clipboard.writeText(link);
      say(statusLine, "De deellink is gekopieerd. Uw scores staan alleen in de link zelf.");
    } catch (error) {
      say(statusLine, "Kopiëren lukte niet. Kopieer deze link: " + link);
    }
  }

  let sharedAnswers = null;

  // A result shared in the fragment is shown read-only, apart from the form, until the visitor takes it over.
  function showSharedResult() {
    if (!location.hash.startsWith("#score=")) {
      return;
    }
    const shared = core.decode(location.hash);
    sharedError.hidden = !shared.error;
    say(sharedError, shared.error || "");
    sharedResult.hidden = Boolean(shared.error);
    sharedAnswers = shared.answers;
    if (sharedAnswers) {
      const parts = resultParts(sharedAnswers);
      sharedScores.replaceChildren(...parts.scores, ...parts.attention);
    }
    sharedView.hidden = false;
    find("h2", sharedView).focus();
  }

  function takeOverSharedResult() {
    state.current = sharedAnswers;
    showAnswers(state.current);
    saveState();
    showScores();
    sharedView.hidden = true;
    history.replaceState(null, "", location.pathname);
    find("#resultaat-titel").focus();
    say(statusLine, "Het gedeelde resultaat staat nu in het formulier. U kunt het aanpassen en bewaren.");
  }

  // --- start ---

  form.addEventListener("change", answerChanged);
  on("save-button", "click", saveMeasurement);
  on("share-button", "click", copyShareLink);
  on("export-json", "click", () => download(core.toJSON, "json", "application/json"));
  on("export-csv", "click", () => download(core.toCSV, "csv", "text/csv;charset=utf-8"));
  on("import", "change", importMeasurements);
  on("delete-all", "click", deleteAll);
  on("confirm-yes", "click", confirmDelete);
  on("confirm-no", "click", cancelDelete);
  on("confirm", "keydown", (event) => {
    if (event.key === "Escape") {
      cancelDelete();
    }
  });
  on("take-over", "click", takeOverSharedResult);
  addEventListener("hashchange", showSharedResult);

  hook("results").hidden = false;
  hook("results-link").hidden = false;
  hook("checklist-nojs").hidden = true;
  showAnswers(state.current);
  showScores();
  compareLatestTwo();
  showHistory();
  showSharedResult();
})();
