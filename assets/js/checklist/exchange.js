/* Measurements in and out of the browser: the JSON export (also carried inside an HTML report),
 * the CSV for spreadsheets, and reading a chosen file back. Loaded when the visitor asks for one of these. */

export const EXPORT_FORMAT = "wegwijzer-checklist";
// The id of the <script type="application/json"> block in which an HTML report carries its measurement.
export const REPORT_DATA_ID = "checklist-gegevens";
const NOTHING_IMPORTED = " Er is niets geïmporteerd.";
// An export is a few kilobytes and a report some tens; a much larger file is neither, so it is not even read.
const MAX_FILE_BYTES = 1e6;

export function toJSON(core, list) {
  return JSON.stringify({format: EXPORT_FORMAT, checklistVersion: core.version, measurements: list}, null, 1);
}

function importError(text) {
  return {error: text + NOTHING_IMPORTED};
}

// All or nothing: one bad measurement refuses the whole file, with the reason.
export function parse(core, text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return importError("Dit bestand is geen geldig JSON-bestand.");
  }
  if (!data || data.format !== EXPORT_FORMAT) {
    return importError("Dit bestand is geen export van deze checklist.");
  }
  if (data.checklistVersion !== core.version && !core.isOlder(data.checklistVersion)) {
    return importError("Dit bestand hoort bij " + core.aboutVersion(data.checklistVersion));
  }
  if (!Array.isArray(data.measurements)) {
    return importError("Dit bestand bevat geen metingen.");
  }
  const problem = data.measurements.map(core.check).find((message) => message);
  if (problem) {
    return importError(problem);
  }
  const readable = data.measurements.map(core.normalized);
  return {measurements: readable.filter(core.isCurrent), older: readable.filter((measurement) => !core.isCurrent(measurement))};
}

// An HTML report carries its measurement as an export in a data block; the report itself is never run or shown.
function fromReport(core, text) {
  const block = new DOMParser().parseFromString(text, "text/html").getElementById(REPORT_DATA_ID);
  return block ? parse(core, block.textContent) : importError("Dit HTML-bestand is geen rapport van deze checklist.");
}

// A chosen file (a JSON export or an HTML report) as {measurements, older} or {error}.
export async function readFile(core, file) {
  if (file.size > MAX_FILE_BYTES) {
    return importError("Dit bestand is te groot voor een export of rapport van de checklist.");
  }
  const text = await file.text();
  return /^\s*</.test(text) ? fromReport(core, text) : parse(core, text);
}

// The CSV is for Dutch spreadsheets: fields separated by ";", scores with a decimal comma.
// A value that starts with = + - @ (or a tab or return) would run as a formula in a spreadsheet;
// a field holding ";", a quote or a line break is quoted, with its quotes doubled.
function csvCell(value) {
  const text = String(value).replace(/^[=+\-@\t\r]/, "'$&");
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvScore(score) {
  return score === null ? "" : String(Number(score.toFixed(2))).replace(".", ",");
}

// A byte order mark first, so that spreadsheets read the names as UTF-8. A measurement of an older
// version has its own version and no scores; answers to questions this version no longer has
// get columns of their own after this version's questions.
export function toCSV(core, list) {
  const answerColumns = [...new Set([...core.questionIds, ...list.flatMap((measurement) => Object.keys(measurement.answers))])];
  const themeColumns = core.spec.themes.map((theme) => "score " + theme.id);
  const header = ["datum", "naam", "notitie", "versie", ...answerColumns, ...themeColumns, "score totaal"];
  const rows = list.map((measurement) => {
    const scores = core.score(core.isCurrent(measurement) ? measurement.answers : {});
    return [
      measurement.date,
      measurement.name,
      measurement.note,
      measurement.checklistVersion,
      ...answerColumns.map((id) => (Object.hasOwn(measurement.answers, id) ? measurement.answers[id] : "")),
      ...scores.themes.map((theme) => csvScore(theme.mean)),
      csvScore(scores.overall),
    ];
  });
  return "\ufeff" + [header, ...rows].map((row) => row.map(csvCell).join(";")).join("\r\n") + "\r\n";
}
