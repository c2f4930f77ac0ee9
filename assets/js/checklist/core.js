/* The checklist's logic, without any DOM: scores, measurements, storage, share links.
 * ../checklist.js drives the page with it; tests/test_checklist_logic.py calls it in a browser.
 * Share links are in share.js, files in exchange.js: they load when the visitor asks for them.
 *
 *   createChecklist({version, scale: [labels], themes: [{id, title, questions: [ids]}], texts: {id: text}})
 *
 * Answers are {questionId: score}, kept by the question's stable id and never by its position,
 * so saved measurements survive a reordered checklist. A measurement is
 * {id, date, name, note, checklistVersion, answers}. Measurements of an older version of the
 * checklist are kept apart ("older"): not scored or shown, but stored and exported. */

// Version 2 of the stored shape added an id and a note to every measurement; version 1 is read and migrated.
export const STORAGE_KEY = "wegwijzer-checklist-v2";
export const LEGACY_KEY = "wegwijzer-checklist-v1";
// Stored text that could not be read is copied under this prefix before anything else is written.
export const DAMAGED_PREFIX = "wegwijzer-checklist-beschadigd-";
export const MAX_NAME_LENGTH = 80;
export const MAX_NOTE_LENGTH = 500;

export function mean(values) {
  return values.length ? values.reduce((sum, value) => sum + value) / values.length : null;
}

// A measurement saved before ids existed gets one from its content, so that the same old
// measurement imported twice is recognised (two 32-bit FNV-1a hashes).
function contentId(text) {
  const hashes = [0x811c9dc5, 0x01000193].map((seed) => {
    let hash = seed;
    for (const character of text) {
      hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
    }
    return hash.toString(16).padStart(8, "0");
  });
  return "h" + hashes.join("");
}

function randomId() {
  return "m" + [...crypto.getRandomValues(new Uint8Array(8))].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Why a write failed, in the words the page uses: the storage is full, or the browser refuses.
function failure(error) {
  return error && (error.name === "QuotaExceededError" || error.code === 22 || error.code === 1014) ? "vol" : "geblokkeerd";
}

export function createChecklist(spec) {
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

  function sameAnswers(a, b) {
    return JSON.stringify(knownAnswers(a)) === JSON.stringify(knownAnswers(b));
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

  function text(value, length) {
    return (value || "").trim().slice(0, length);
  }

  function normalized(measurement) {
    const older = isOlder(measurement.checklistVersion);
    const kept = {
      date: measurement.date,
      name: text(measurement.name, MAX_NAME_LENGTH),
      note: text(measurement.note, MAX_NOTE_LENGTH),
      checklistVersion: older ? measurement.checklistVersion : version,
      answers: older ? measurement.answers : knownAnswers(measurement.answers),
    };
    const answers = Object.entries(kept.answers).sort();
    return {id: measurement.id || contentId(JSON.stringify([kept.date, kept.name, kept.checklistVersion, answers])), ...kept};
  }

  function record(answers, name, date, note = "") {
    return normalized({id: randomId(), date, name, note, answers});
  }

  // A version that is no whole number (such as "1" as text) must not read as "versie 1".
  function aboutVersion(otherVersion) {
    return `${Number.isInteger(otherVersion) ? "versie " + otherVersion : "een ongeldige versie"} van de checklist; deze pagina gebruikt versie ${version}.`;
  }

  function isIsoDate(date) {
    if (typeof date !== "string" || !/^\d{4}-\d\d-\d\d$/.test(date)) {
      return false;
    }
    const parsed = new Date(date);
    // A date such as 2026-02-30 parses, but as another day.
    return !isNaN(parsed) && parsed.toISOString().slice(0, 10) === date;
  }

  function isText(value) {
    return value === undefined || value === null || typeof value === "string";
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
    if (!isText(measurement.name) || !isText(measurement.note)) {
      return which + ": de naam of de notitie is geen tekst.";
    }
    if (measurement.id !== undefined && !/^[\w-]{1,40}$/.test(measurement.id)) {
      return which + " heeft een ongeldig kenmerk (id).";
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

  function byDate(a, b) {
    return a.date < b.date ? -1 : Number(a.date > b.date);
  }

  // Adds the measurements whose id is new, skips those already there, and keeps the list in date order
  // (measurements of one day in the order they were added).
  function merge(list, additions) {
    const seen = new Set(list.map((measurement) => measurement.id));
    const merged = list.slice();
    for (const measurement of additions) {
      if (!seen.has(measurement.id)) {
        seen.add(measurement.id);
        merged.push(measurement);
      }
    }
    merged.sort(byDate);
    return {list: merged, added: merged.length - list.length, skipped: additions.length + list.length - merged.length};
  }

  // The measurement the answers are compared with: the newest saved one, or, when the answers
  // are those of the newest, the one before it.
  function previous(list, answers) {
    const last = list[list.length - 1];
    return last && sameAnswers(last.answers, answers) ? list[list.length - 2] || null : last || null;
  }

  // --- storage: {measurements, current} under STORAGE_KEY ---

  function empty() {
    return {list: [], older: [], unreadable: [], current: {}};
  }

  // The state from stored text, or null when the text is not a stored checklist at all.
  // Measurements this page cannot read (damaged, or of a newer version) are kept in "unreadable".
  function fromText(text) {
    let stored;
    try {
      stored = JSON.parse(text);
    } catch (error) {
      return null;
    }
    if (!stored || typeof stored !== "object" || !Array.isArray(stored.measurements)) {
      return null;
    }
    const all = stored.measurements;
    const readable = all.filter((measurement, index) => !check(measurement, index)).map(normalized);
    return {
      list: merge([], readable.filter(isCurrent)).list,
      older: merge([], readable.filter((measurement) => !isCurrent(measurement))).list,
      unreadable: all.filter(check),
      current: knownAnswers(stored.current),
    };
  }

  // What this browser holds for the checklist:
  //   {state, blocked: storage refused, damaged: [texts kept aside], readOnly: a damaged text that could not be kept aside}.
  // Nothing that cannot be read is ever overwritten: it is first copied under its own key.
  function read(storage) {
    const result = {state: empty(), blocked: false, damaged: [], readOnly: false};
    let key = STORAGE_KEY;
    let stored;
    try {
      stored = storage.getItem(key);
      if (stored === null) {
        key = LEGACY_KEY;
        stored = storage.getItem(key);
      }
      for (let index = 0; index < storage.length; index++) {
        const name = storage.key(index);
        if (name.startsWith(DAMAGED_PREFIX)) {
          result.damaged.push({key: name, text: storage.getItem(name)});
        }
      }
    } catch (error) {
      return {...result, blocked: true};
    }
    if (stored === null) {
      return result;
    }
    const state = fromText(stored);
    if (state) {
      return {...result, state};
    }
    const aside = DAMAGED_PREFIX + new Date().toISOString();
    try {
      storage.setItem(aside, stored);
      storage.removeItem(key);
    } catch (error) {
      return {...result, damaged: [...result.damaged, {key, text: stored}], readOnly: true};
    }
    return {...result, damaged: [...result.damaged, {key: aside, text: stored}]};
  }

  // "" when stored; otherwise why not: "vol" (storage full) or "geblokkeerd" (refused).
  // The first write in the new shape removes the old one, which the new one now holds.
  function write(storage, state) {
    const measurements = [...state.unreadable, ...state.older, ...state.list];
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify({measurements, current: state.current}));
      storage.removeItem(LEGACY_KEY);
      return "";
    } catch (error) {
      return failure(error);
    }
  }

  return {
    spec, version, questionIds, isScore, isCurrent, isOlder, aboutVersion,
    score, answers: knownAnswers, sameAnswers, record, normalized, check, merge, previous,
    read, write,
  };
}
