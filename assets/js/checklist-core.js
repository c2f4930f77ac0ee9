/* The checklist's logic, without any DOM: scores, measurements, storage, export and import, share links.
 * checklist.js drives the page with it; tests/test_checklist_logic.py calls it in a browser.
 *
 *   ChecklistCore.create({version, scale: [labels], themes: [{id, title, questions: [ids]}]})
 *
 * Answers are {questionId: score}, kept by the question's stable id and never by its position,
 * so saved measurements survive a reordered checklist. Measurements of an older version of the
 * checklist are kept apart ("older"): not scored or shown, but stored and exported. */
(() => {
  "use strict";

  const STORAGE_KEY = "wegwijzer-checklist-v1";
  const EXPORT_FORMAT = "wegwijzer-checklist";
  const NOTHING_IMPORTED = " Er is niets geïmporteerd.";
  const DAMAGED_LINK = "Deze deellink is beschadigd of aangepast. Vraag de afzender om een nieuwe link.";
  const MAX_NAME_LENGTH = 80;

  function mean(values) {
    return values.length ? values.reduce((sum, value) => sum + value) / values.length : null;
  }

  // Two base-36 characters: enough to catch a link that was cut off or edited by hand.
  function checksum(text) {
    let hash = 7;
    for (const character of text) {
      hash = (hash * 31 + character.charCodeAt(0)) % 1296;
    }
    return hash.toString(36).padStart(2, "0");
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

  function create(spec) {
    const version = spec.version;
    const topScore = spec.scale.length;
    const questionIds = spec.themes.flatMap((theme) => theme.questions);

    // --- answers and scores ---

    function isScore(value) {
      return Number.isInteger(value) && value > 0 && value <= topScore;
    }

    // Only the questions of this checklist with a valid score, in checklist order.
    function knownAnswers(answers) {
      const known = {};
      for (const id of questionIds) {
        if (answers && isScore(answers[id])) {
          known[id] = answers[id];
        }
      }
      return known;
    }

    // A theme's score is the mean of its answered questions; the total is the mean of the theme
    // scores, so every theme weighs the same; aandachtspunten are the questions scored 1 or 2.
    function score(answers) {
      const themes = spec.themes.map((theme) => {
        const given = theme.questions.map((id) => answers[id]).filter(isScore);
        return {id: theme.id, title: theme.title, mean: mean(given), n: given.length, m: theme.questions.length};
      });
      return {
        themes,
        overall: mean(themes.filter((theme) => theme.n).map((theme) => theme.mean)),
        n: themes.reduce((count, theme) => count + theme.n, 0),
        m: questionIds.length,
        attention: questionIds.filter((id) => isScore(answers[id]) && answers[id] < 3),
      };
    }

    // --- measurements ---

    // Versions count from 1. The questions of an older version may have meant something else,
    // so its measurements are kept with their own version and answers, but never scored.
    function isOlder(otherVersion) {
      return Number.isInteger(otherVersion) && otherVersion > 0 && otherVersion < version;
    }

    function isCurrent(measurement) {
      return measurement.checklistVersion === version;
    }

    function normalized(measurement) {
      const older = isOlder(measurement.checklistVersion);
      return {
        date: measurement.date,
        name: (measurement.name || "").trim().slice(0, MAX_NAME_LENGTH),
        checklistVersion: older ? measurement.checklistVersion : version,
        answers: older ? measurement.answers : knownAnswers(measurement.answers),
      };
    }

    function record(answers, name, date) {
      return normalized({date, name, answers});
    }

    function aboutVersion(otherVersion) {
      return `versie ${String(otherVersion).slice(0, 9)} van de checklist; deze pagina gebruikt versie ${version}.`;
    }

    function isIsoDate(date) {
      if (typeof date !== "string" || !/^\d{4}-\d\d-\d\d$/.test(date)) {
        return false;
      }
      const parsed = new Date(date);
      // A date such as 2026-02-30 parses, but as another day.
      return !isNaN(parsed) && parsed.toISOString().slice(0, 10) === date;
    }

    // What is wrong with measurement number index + 1, or "" when nothing is.
    function check(measurement, index) {
      const which = "Meting " + (index + 1);
      if (!measurement || typeof measurement.answers !== "object" || !measurement.answers) {
        return which + " heeft geen antwoorden.";
      }
      if (!isIsoDate(measurement.date)) {
        return which + " heeft geen geldige datum.";
      }
      if (typeof (measurement.name || "") !== "string") {
        return which + ": de naam is geen tekst.";
      }
      const older = isOlder(measurement.checklistVersion);
      if (!isCurrent(measurement) && !older) {
        return which + " hoort bij " + aboutVersion(measurement.checklistVersion);
      }
      for (const [id, value] of Object.entries(measurement.answers)) {
        // An older version may have had questions that this one no longer has.
        if (!older && !questionIds.includes(id)) {
          return `${which} noemt een onbekende vraag: “${id.slice(0, 40)}”.`;
        }
        if (!isScore(value)) {
          return `${which}: de score bij vraag ${id} moet 1 tot en met ${topScore} zijn.`;
        }
      }
      return "";
    }

    // Two measurements are the same when date, name, version and every answer are.
    function identity(measurement) {
      const answers = Object.entries(measurement.answers).sort();
      return JSON.stringify([measurement.date, measurement.name, measurement.checklistVersion, answers]);
    }

    // Adds the measurements that are new, skips those already there, and keeps the list in date order.
    function merge(list, additions) {
      const seen = new Set(list.map(identity));
      const merged = list.slice();
      for (const measurement of additions) {
        const key = identity(measurement);
        if (!seen.has(key)) {
          seen.add(key);
          merged.push(measurement);
        }
      }
      merged.sort((a, b) => (a.date < b.date ? -1 : Number(a.date > b.date)));
      return {list: merged, added: merged.length - list.length, skipped: additions.length + list.length - merged.length};
    }

    // --- storage: {measurements, current} ---

    // What is stored is never lost: measurements of an older version are kept in "older",
    // and what this page cannot read at all (damaged, or of a newer version) in "unreadable".
    function read(storage) {
      let stored;
      try {
        stored = JSON.parse(storage.getItem(STORAGE_KEY));
      } catch (error) {
        stored = null;
      }
      const all = stored && Array.isArray(stored.measurements) ? stored.measurements : [];
      const readable = all.filter((measurement, index) => !check(measurement, index)).map(normalized);
      return {
        list: merge([], readable.filter(isCurrent)).list,
        older: merge([], readable.filter((measurement) => !isCurrent(measurement))).list,
        unreadable: all.filter(check),
        current: knownAnswers(stored && stored.current),
      };
    }

    // False when the browser refuses to store (private mode, full, switched off).
    function write(storage, state) {
      const measurements = [...state.unreadable, ...state.older, ...state.list];
      try {
        storage.setItem(STORAGE_KEY, JSON.stringify({measurements, current: state.current}));
        return true;
      } catch (error) {
        return false;
      }
    }

    // --- export and import ---

    function toJSON(list) {
      return JSON.stringify({format: EXPORT_FORMAT, checklistVersion: version, measurements: list}, null, 1);
    }

    function importError(text) {
      return {error: text + NOTHING_IMPORTED};
    }

    // All or nothing: one bad measurement refuses the whole file, with the reason.
    function parse(text) {
      let data;
      try {
        data = JSON.parse(text);
      } catch (error) {
        return importError("Dit bestand is geen geldig JSON-bestand.");
      }
      if (!data || data.format !== EXPORT_FORMAT) {
        return importError("Dit bestand is geen export van deze checklist.");
      }
      if (data.checklistVersion !== version && !isOlder(data.checklistVersion)) {
        return importError("Dit bestand hoort bij " + aboutVersion(data.checklistVersion));
      }
      if (!Array.isArray(data.measurements)) {
        return importError("Dit bestand bevat geen metingen.");
      }
      const problem = data.measurements.map(check).find((message) => message);
      if (problem) {
        return importError(problem);
      }
      const readable = data.measurements.map(normalized);
      return {measurements: readable.filter(isCurrent), older: readable.filter((measurement) => !isCurrent(measurement))};
    }

    // A byte order mark first, so that spreadsheets read the names as UTF-8. A measurement of an older
    // version has its own version and no scores; answers to questions this version no longer has
    // get columns of their own after this version's questions.
    function toCSV(list) {
      const answerColumns = [...new Set([...questionIds, ...list.flatMap((measurement) => Object.keys(measurement.answers))])];
      const themeColumns = spec.themes.map((theme) => "score " + theme.id);
      const header = ["datum", "naam", "versie", ...answerColumns, ...themeColumns, "score totaal"];
      const rows = list.map((measurement) => {
        const scores = score(isCurrent(measurement) ? measurement.answers : {});
        return [
          measurement.date,
          measurement.name,
          measurement.checklistVersion,
          ...answerColumns.map((id) => (Object.hasOwn(measurement.answers, id) ? measurement.answers[id] : "")),
          ...scores.themes.map((theme) => csvScore(theme.mean)),
          csvScore(scores.overall),
        ];
      });
      return "\ufeff" + [header, ...rows].map((row) => row.map(csvCell).join(";")).join("\r\n") + "\r\n";
    }

    // --- share fragment: score=<version>.<theme>-<digits>.<theme>-<digits>...<checksum> ---
    // One digit per question, by the number in its id (0 = not answered): short, and only
    // digits, letters, dots and dashes, so the link survives e-mail and chat.

    function encode(answers) {
      const themes = spec.themes.map((theme) => {
        const digits = [];
        for (const id of theme.questions) {
          digits[id.split("-").pop() - 1] = answers[id];
        }
        return theme.id + "-" + Array.from(digits, (value) => (isScore(value) ? value : 0)).join("");
      });
      const body = version + "." + themes.join(".");
      return "score=" + body + "." + checksum(body);
    }

    function decode(fragment) {
      const damaged = {error: DAMAGED_LINK};
      const match = /^#?score=(\d{1,9})\.(.{1,400})\.(\w\w)$/.exec(fragment);
      if (!match || checksum(match[1] + "." + match[2]) !== match[3]) {
        return damaged;
      }
      const [, linkVersion, body] = match;
      if (Number(linkVersion) !== version) {
        return {error: "Deze deellink hoort bij " + aboutVersion(linkVersion)};
      }
      const answers = {};
      for (const part of body.split(".")) {
        const themePart = /^(.+)-(\d+)$/.exec(part);
        const theme = themePart && spec.themes.find((candidate) => candidate.id === themePart[1]);
        if (!theme) {
          return damaged;
        }
        const digits = themePart[2];
        for (let number = 1; number <= digits.length; number++) {
          const id = theme.id + "-" + number;
          const value = Number(digits[number - 1]);
          // A question or score this checklist does not have: made elsewhere, or tampered with.
          if (value && !(questionIds.includes(id) && isScore(value))) {
            return damaged;
          }
          if (value) {
            answers[id] = value;
          }
        }
      }
      return {answers};
    }

    return {score, answers: knownAnswers, record, check, merge, read, write, toJSON, parse, toCSV, encode, decode};
  }

  window.ChecklistCore = {KEY: STORAGE_KEY, create};
})();
