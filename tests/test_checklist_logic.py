"""The checklist's logic, called in a real Chromium on the served /checklist/: checklist/core.js (scores,
measurements, storage), checklist/exchange.js (export and import) and checklist/share.js (share links).

The spec handed to createChecklist is read from content/checklist.yaml, and every expected
score is computed here in Python from the answers, so the JavaScript is checked against the rule
the page states: a theme's score is the mean of its answered questions, the total the mean of the
theme scores, aandachtspunten are the questions scored 1 or 2.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page

from checklist_inputs import (CORE, DAMAGED_PREFIX, LEGACY_KEY, Answers, FORMAT, STORAGE_KEY, content, csv_rows, expected_csv,
                              expected_scores, legacy, question_ids, random_answers, record, spec, top_score, without_ids)
from conftest import asset_url, new_page

pytestmark = pytest.mark.browser
TOP = top_score()
VERSION = content()["version"]


@pytest.fixture(scope="module")
def core_page(browser: object, server: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """One served /checklist/ for all logic tests: the core is pure, so tests cannot disturb each other."""
    for page in new_page(browser, request):
        page.goto(server + "/checklist/")
        yield page
        assert page.outside_requests == []  # type: ignore[attr-defined]


def call(page: Page, method: str, *args: Any, with_spec: dict[str, Any] | None = None) -> Any:
    """A method of the core made from the spec."""
    return page.evaluate(
        "async ([url, spec, method, args]) => (await import(url)).createChecklist(spec)[method](...args)",
        [CORE, with_spec or spec(), method, list(args)],
    )


def call_module(page: Page, module: str, function: str, *args: Any, with_spec: dict[str, Any] | None = None) -> Any:
    """A function of a checklist module that takes the core first (exchange.js, share.js)."""
    return page.evaluate(
        """async ([core, url, spec, name, args]) => {
            const made = (await import(core)).createChecklist(spec);
            return (await import(url))[name](made, ...args);
        }""",
        [CORE, asset_url(f"js/checklist/{module}.js"), with_spec or spec(), function, list(args)],
    )


def exchange(page: Page, function: str, *args: Any, with_spec: dict[str, Any] | None = None) -> Any:
    return call_module(page, "exchange", function, *args, with_spec=with_spec)


def share(page: Page, function: str, *args: Any, with_spec: dict[str, Any] | None = None) -> Any:
    return call_module(page, "share", function, *args, with_spec=with_spec)


def same_score(got: float | None, want: float | None) -> bool:
    """Equal means, or both absent (no answers)."""
    return got is None and want is None or None not in (got, want) and got == pytest.approx(want)


def approx_scores(actual: dict[str, Any], answers: Answers) -> None:
    expected = expected_scores(answers)
    assert [t["id"] for t in actual["themes"]] == [t["id"] for t in expected["themes"]]
    for got, want in zip(actual["themes"], expected["themes"]):
        assert (got["n"], got["m"]) == (want["n"], want["m"]), got["id"]
        assert same_score(got["mean"], want["mean"]), got["id"]
    assert same_score(actual["overall"], expected["overall"])
    assert actual["n"] == expected["n"] and actual["m"] == len(question_ids())
    assert actual["attention"] == expected["attention"]


# --- scoring -------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scores_of_a_complete_checklist(core_page: Page, seed: int) -> None:
    answers = random_answers(seed)
    approx_scores(call(core_page, "score", answers), answers)


@pytest.mark.parametrize("seed", [4, 5])
def test_scores_count_only_answered_questions(core_page: Page, seed: int) -> None:
    answers = random_answers(seed, share=0.5)
    assert 0 < len(answers) < len(question_ids())
    approx_scores(call(core_page, "score", answers), answers)


def test_a_theme_without_answers_has_no_score_and_does_not_weigh_in_the_total(core_page: Page) -> None:
    first, *rest = spec()["themes"]
    answers = {q: 4 for q in first["questions"]} | {rest[0]["questions"][0]: 1}
    result = call(core_page, "score", answers)
    assert [t["mean"] for t in result["themes"]] == [4, 1] + [None] * (len(rest) - 1)
    assert result["overall"] == pytest.approx(2.5)  # mean of 4 and 1, whatever the question counts
    assert call(core_page, "score", {})["overall"] is None


def test_attention_points_are_the_questions_scored_1_or_2(core_page: Page) -> None:
    ids = question_ids()
    answers = {q: (i % TOP) + 1 for i, q in enumerate(ids)}
    assert call(core_page, "score", answers)["attention"] == [q for q in ids if answers[q] in (1, 2)]


def test_scores_ignore_values_that_are_not_a_score(core_page: Page) -> None:
    ids = question_ids()
    answers = {ids[0]: 0, ids[1]: TOP + 1, ids[2]: "3", ids[3]: 2.5, "onbekend-1": 1, ids[4]: 3}
    result = call(core_page, "score", answers)
    assert result["n"] == 1 and result["attention"] == []


# --- measurements, storage -------------------------------------------------------------------------


def test_a_measurement_record_holds_id_date_name_note_version_and_answers_by_id(core_page: Page) -> None:
    answers = random_answers(6, share=0.6)
    made = call(core_page, "record", answers | {"geen-vraag": 2}, "  Inkoop Noord  ", "2026-03-01", " na het overleg ")
    assert re.fullmatch(r"m[0-9a-f]{16}", made.pop("id"))  # random: two measurements are never the same one
    assert made == record("2026-03-01", answers, "Inkoop Noord", "na het overleg")
    other = call(core_page, "record", answers, "Inkoop Noord", "2026-03-01")
    assert other["id"] != call(core_page, "record", answers, "Inkoop Noord", "2026-03-01")["id"]


def test_merge_adds_measurements_with_a_new_id_skips_known_ids_and_sorts_by_date(core_page: Page) -> None:
    a = record("2026-05-01", {"strategie-1": 3}, id="ma")
    b = record("2025-01-10", {"mensen-2": 1}, "HR", id="mb")
    c = record("2026-01-01", {}, id="mc")
    renamed_a = a | {"name": "anders genoemd"}  # the same measurement, renamed elsewhere: it is already here
    result = call(core_page, "merge", [a, b], [c, renamed_a, b])
    assert result["list"] == [b, c, a]
    assert (result["added"], result["skipped"]) == (1, 2)


def test_a_measurement_without_id_gets_one_from_its_content(core_page: Page) -> None:
    """Measurements from before ids: the same one read twice gets the same id, so it is not added twice."""
    old = legacy(record("2025-02-02", {"processen-1": 2}, "Inkoop"))
    first, again = call(core_page, "normalized", old), call(core_page, "normalized", dict(old))
    assert first["id"] == again["id"] and re.fullmatch(r"h[0-9a-f]{16}", first["id"])
    assert call(core_page, "normalized", old | {"name": "HR"})["id"] != first["id"]
    assert first["note"] == ""


def test_the_previous_measurement_is_the_newest_unless_the_answers_are_its_own(core_page: Page) -> None:
    older, newer = record("2025-01-01", {"strategie-1": 1}, id="m1"), record("2026-01-01", {"strategie-1": 3}, id="m2")
    assert call(core_page, "previous", [older, newer], {"strategie-1": 4}) == newer
    assert call(core_page, "previous", [older, newer], {"strategie-1": 3}) == older  # the form holds the newest
    assert call(core_page, "previous", [newer], {"strategie-1": 3}) is None
    assert call(core_page, "previous", [], {"strategie-1": 3}) is None


# A storage in the page, like localStorage: getItem, setItem, removeItem, key and length. `refuse` makes
# setItem throw a DOMException of that name (QuotaExceededError when full, SecurityError when blocked).
FAKE_STORAGE = """(items, refuse) => {
    const data = {...items};
    return {
        data,
        getItem: (k) => (k in data ? data[k] : null),
        setItem: (k, v) => { if (refuse) throw new DOMException("nee", refuse); data[k] = String(v); },
        removeItem: (k) => { delete data[k]; },
        key: (i) => Object.keys(data)[i] ?? null,
        get length() { return Object.keys(data).length; },
    };
}"""


def read_and_write(page: Page, items: dict[str, str], with_spec: dict[str, Any], refuse: str = "") -> dict[str, Any]:
    """Reads what is stored, writes the state back, and returns what was read, the write's answer and what is stored then."""
    return page.evaluate(
        f"""async ([url, spec, items, refuse]) => {{
            const core = (await import(url)).createChecklist(spec);
            const store = ({FAKE_STORAGE})(items, refuse);
            const read = core.read(store);
            const wrote = read.readOnly || read.blocked ? "not tried" : core.write(store, read.state);
            return {{read, wrote, stored: store.data}};
        }}""",
        [CORE, with_spec, items, refuse],
    )


def test_storage_key_is_versioned_and_bad_stored_measurements_are_ignored_but_kept(core_page: Page) -> None:
    good, zero = record("2026-02-02", {"processen-1": 2}, id="m1"), record("2020-01-01", {"processen-1": 2}, id="m0") | {"checklistVersion": 0}
    stored = json.dumps({"measurements": [good, zero, "onzin"], "current": {"strategie-1": 4, "strategie-2": 9}})
    result = read_and_write(core_page, {STORAGE_KEY: stored}, spec())
    state = result["read"]["state"]
    assert state["list"] == [good] and state["current"] == {"strategie-1": 4}
    assert state["older"] == []  # versions count from 1: version 0 is not an older one, just unreadable
    assert state["unreadable"] == [zero, "onzin"]
    assert json.loads(result["stored"][STORAGE_KEY])["measurements"] == [zero, "onzin", good]
    assert result["read"]["damaged"] == [] and result["wrote"] == ""


def test_the_first_stored_shape_is_read_and_migrated_on_the_first_write(core_page: Page) -> None:
    old = [legacy(record("2025-03-01", {"strategie-1": 2}, "Inkoop")), legacy(record("2026-03-01", {"strategie-1": 3}))]
    result = read_and_write(core_page, {LEGACY_KEY: json.dumps({"measurements": old, "current": {"mensen-1": 4}})}, spec())
    state = result["read"]["state"]
    assert without_ids(state["list"]) == [m | {"note": ""} for m in old] and state["current"] == {"mensen-1": 4}
    assert set(result["stored"]) == {STORAGE_KEY}  # the old key is gone once the new one holds everything
    again = read_and_write(core_page, result["stored"], spec())["read"]["state"]
    assert again["list"] == state["list"]  # the ids made from the content stay the same


@pytest.mark.parametrize("key", [STORAGE_KEY, LEGACY_KEY])
def test_damaged_stored_text_is_kept_aside_before_anything_is_written(core_page: Page, key: str) -> None:
    text = json.dumps({"measurements": [record("2026-01-01", {"strategie-1": 2}, id="m1")]})[:-12]  # cut off
    result = read_and_write(core_page, {key: text}, spec())
    [damaged] = result["read"]["damaged"]
    assert damaged["key"].startswith(DAMAGED_PREFIX) and damaged["text"] == text
    assert result["stored"][damaged["key"]] == text  # the damaged text is still in the browser, under its own key
    assert not result["read"]["readOnly"] and result["read"]["state"]["list"] == []
    # A later visit finds it again and says so, and writing leaves it alone.
    later = read_and_write(core_page, result["stored"], spec())
    assert later["read"]["damaged"] == [damaged] and later["stored"][damaged["key"]] == text


def test_damaged_text_that_cannot_be_kept_aside_makes_the_storage_read_only(core_page: Page) -> None:
    text = '{"measurements": [{"date": "2026-01-01", "answ'
    result = read_and_write(core_page, {STORAGE_KEY: text}, spec(), refuse="QuotaExceededError")
    assert result["read"]["readOnly"] and result["read"]["damaged"] == [{"key": STORAGE_KEY, "text": text}]
    assert result["wrote"] == "not tried" and result["stored"] == {STORAGE_KEY: text}


@pytest.mark.parametrize("refuse, reason", [("QuotaExceededError", "vol"), ("SecurityError", "geblokkeerd")])
def test_a_write_that_fails_says_why_and_changes_nothing(core_page: Page, refuse: str, reason: str) -> None:
    stored = json.dumps({"measurements": [record("2026-01-01", {"strategie-1": 2}, id="m1")], "current": {}})
    result = read_and_write(core_page, {STORAGE_KEY: stored}, spec(), refuse=refuse)
    assert result["wrote"] == reason and result["stored"] == {STORAGE_KEY: stored}


def test_storage_that_cannot_be_read_at_all_is_blocked(core_page: Page) -> None:
    result = core_page.evaluate(
        """async ([url, spec]) => (await import(url)).createChecklist(spec).read({getItem() { throw new DOMException("nee", "SecurityError"); }})""",
        [CORE, spec()])
    assert result["blocked"] and result["state"]["list"] == []


def next_version() -> dict[str, Any]:
    """The checklist after an editor raised its version: what a returning visitor's browser meets."""
    return spec(version=VERSION + 1)


def test_stored_measurements_of_an_older_version_are_kept_apart_and_written_back(core_page: Page) -> None:
    # The older one answers a question the next version may have dropped; that answer is kept as it is.
    older = record("2025-06-01", random_answers(14) | {"vervallen-1": 2}, "Inkoop", id="m1")
    same_but_current = {**older, "id": "m2", "answers": random_answers(14), "checklistVersion": VERSION + 1}
    newer = record("2026-06-01", {"strategie-1": 1}, id="m3") | {"checklistVersion": VERSION + 2}
    stored = json.dumps({"measurements": [same_but_current, newer, older], "current": {}})
    result = read_and_write(core_page, {STORAGE_KEY: stored}, next_version())
    state = result["read"]["state"]
    assert state["older"] == [older]
    assert state["list"] == [same_but_current]  # the same date, name and answers, but another version
    assert state["unreadable"] == [newer]  # a newer version than the page's cannot be read, but is not lost
    written = json.loads(result["stored"][STORAGE_KEY])["measurements"]
    assert sorted(map(json.dumps, written)) == sorted(map(json.dumps, [older, same_but_current, newer]))


# --- export and import ---------------------------------------------------------------------------


def history() -> list[dict[str, Any]]:
    return [record("2025-11-01", random_answers(7, 0.7), "Inkoop", "met het MT", id="m1"), record("2026-11-01", random_answers(8), id="m2")]


def test_json_export_carries_format_and_version_and_imports_again(core_page: Page) -> None:
    exported = exchange(core_page, "toJSON", history())
    data = json.loads(exported)
    assert data["format"] == FORMAT and data["checklistVersion"] == VERSION
    assert exchange(core_page, "parse", exported) == {"measurements": history(), "older": []}


def test_an_export_made_before_ids_and_notes_still_imports(core_page: Page) -> None:
    """Exports of the first stored shape keep importing, and the same file twice gives the same ids."""
    old = [legacy(m) for m in history()]
    text = json.dumps({"format": FORMAT, "checklistVersion": VERSION, "measurements": old})
    first, again = exchange(core_page, "parse", text), exchange(core_page, "parse", text)
    assert without_ids(first["measurements"]) == [m | {"note": ""} for m in old]
    assert first == again


def half_up_measurement() -> dict[str, Any]:
    """Theme means 2 and 2,25 and a theme without answers: the total 2,125 lies exactly halfway, and goes up."""
    first, _, third = spec()["themes"]
    answers = {q: 2 for q in first["questions"]} | dict(zip(third["questions"], [2, 2, 2, 3]))
    assert expected_scores(answers)["overall"] == 2.125
    return record("2026-03-03", answers, "half", id="m3")


def test_csv_export_is_for_dutch_spreadsheets(core_page: Page) -> None:
    measurements = [*history(), half_up_measurement()]
    text = exchange(core_page, "toCSV", measurements)
    assert text == expected_csv(measurements)
    assert text.startswith("\ufeff")  # so that Excel reads "é" as UTF-8
    header, *rows = csv_rows(text)
    assert text[1:].split("\r\n")[0] == ";".join(header)  # ";" between fields, as Dutch Excel expects
    scores = [cell for row in rows for cell in row[-len(spec()["themes"]) - 1:] if cell]
    assert any("," in cell for cell in scores) and not any("." in cell for cell in scores)  # a decimal comma
    assert rows[-1][-1] == "2,13"  # 2.125 rounds up, as toFixed does (Python's round would give 2,12)


@pytest.mark.parametrize("name", ['Inkoop, "Noord"', "regel 1\nregel 2", "ß en é; ook", "Inkoop; Noord", 'zeg "ja"'])
def test_csv_quotes_names_so_they_read_back_unchanged(core_page: Page, name: str) -> None:
    measurements = [record("2026-01-01", {"strategie-1": 2}, name, id="m1")]
    text = exchange(core_page, "toCSV", measurements)
    assert text == expected_csv(measurements)
    assert csv_rows(text)[1][1] == name
    # Only a field that needs it is quoted: a comma is no separator here.
    quoted = '"' + name.replace('"', '""') + '"'
    assert (quoted in text) == any(c in name for c in ';"\n')


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_csv_defuses_names_a_spreadsheet_would_run_as_formula(core_page: Page, name: str) -> None:
    text = exchange(core_page, "toCSV", [record("2026-01-01", {"strategie-1": 2}, name, id="m1")])
    assert csv_rows(text)[1][1] == "'" + name


def test_csv_keeps_older_measurements_with_their_own_version_and_answers_but_no_scores(core_page: Page) -> None:
    older = record("2025-01-01", random_answers(15, 0.6) | {"vervallen-1": 3}, "vorig jaar", "; en = in de notitie", id="m1")
    current = record("2026-01-01", random_answers(16), id="m2") | {"checklistVersion": VERSION + 1}
    text = exchange(core_page, "toCSV", [older, current], with_spec=next_version())
    assert text == expected_csv([older, current], version=VERSION + 1)
    header, old_row, new_row = csv_rows(text)
    old, new = dict(zip(header, old_row)), dict(zip(header, new_row))
    assert (old["versie"], new["versie"]) == (str(VERSION), str(VERSION + 1))
    assert old["vervallen-1"] == "3" and new["vervallen-1"] == ""
    assert old["score totaal"] == "" and new["score totaal"] != ""


def import_error(page: Page, data: Any) -> str:
    text = data if isinstance(data, str) else json.dumps(data)
    result = exchange(page, "parse", text)
    assert "measurements" not in result
    return result["error"]


def export_with(*measurements: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"format": FORMAT, "checklistVersion": content()["version"], "measurements": list(measurements)} | top


def test_import_rejects_malformed_json(core_page: Page) -> None:
    assert "geen geldig JSON-bestand" in import_error(core_page, '{"format": "wegwijzer-checklist", ')


@pytest.mark.parametrize("foreign", [{"name": "package", "version": "1.0.0"}, [1, 2, 3], "null", {"format": "iets-anders", "measurements": []}])
def test_import_rejects_a_foreign_file(core_page: Page, foreign: Any) -> None:
    assert "geen export van deze checklist" in import_error(core_page, foreign)


def test_import_rejects_another_checklist_version_and_names_both(core_page: Page) -> None:
    version = content()["version"]
    message = import_error(core_page, export_with(checklistVersion=version + 1))
    assert f"versie {version + 1}" in message and f"versie {version}" in message


def test_import_rejects_a_measurement_of_another_version(core_page: Page) -> None:
    other = record("2026-01-01", {}) | {"checklistVersion": content()["version"] + 1}
    assert "Meting 2" in import_error(core_page, export_with(record("2026-01-01", {}), other))


@pytest.mark.parametrize("version", [0, -1, "1", 1.5, None])
def test_import_rejects_what_is_no_version_at_all(core_page: Page, version: Any) -> None:
    measurement = record("2026-01-01", {"strategie-1": 2}) | {"checklistVersion": version}
    message = import_error(core_page, export_with(measurement))
    if isinstance(version, int):
        assert f"hoort bij versie {version} van de checklist" in message, message
    else:  # "1" as text must not read as "versie 1 ...; deze pagina gebruikt versie 1" (issue 8, row 12)
        assert "hoort bij een ongeldige versie van de checklist; deze pagina gebruikt versie" in message, message


def test_import_keeps_an_export_of_an_older_version_apart(core_page: Page) -> None:
    older = [*history(), record("2025-12-01", {"vervallen-1": 4}, id="m9")]
    exported = exchange(core_page, "toJSON", older)  # made by this version's page, read by the next version's
    assert exchange(core_page, "parse", exported, with_spec=next_version()) == {"measurements": [], "older": older}


@pytest.mark.parametrize("change, message", [({"date": "2025-13-01"}, "geen geldige datum"), ({"answers": {"strategie-1": 9}}, "1 tot en met")])
def test_import_checks_older_measurements_too(core_page: Page, change: dict[str, Any], message: str) -> None:
    broken = record("2025-01-01", {"strategie-1": 2}) | change
    result = exchange(core_page, "parse", json.dumps(export_with(broken)), with_spec=next_version())
    assert message in result["error"] and "older" not in result


def test_import_names_an_unknown_question(core_page: Page) -> None:
    message = import_error(core_page, export_with(record("2026-01-01", {"strategie-99": 3})))
    assert "Meting 1" in message and "strategie-99" in message


@pytest.mark.parametrize("score", [0, TOP + 1, "3", 2.5, None])
def test_import_names_a_score_out_of_range(core_page: Page, score: Any) -> None:
    qid = question_ids()[-1]
    message = import_error(core_page, export_with(record("2026-01-01", {"strategie-1": 2}), record("2026-02-01", {qid: score})))
    assert "Meting 2" in message and qid in message and f"1 tot en met {TOP}" in message


@pytest.mark.parametrize("date", ["2026-02-30", "24-11-2026", "", 20261124])
def test_import_rejects_a_bad_date(core_page: Page, date: Any) -> None:
    assert "geen geldige datum" in import_error(core_page, export_with(record("2026-01-01", {}) | {"date": date}))


def test_import_rejects_a_file_without_a_list_of_measurements(core_page: Page) -> None:
    assert "geen metingen" in import_error(core_page, export_with(measurements={"0": record("2026-01-01", {})}))


def test_every_import_error_says_nothing_was_imported(core_page: Page) -> None:
    assert import_error(core_page, "]").endswith("Er is niets geïmporteerd.")


# --- share fragment ----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [9, 10, 11])
def test_share_fragment_round_trip(core_page: Page, seed: int) -> None:
    answers = random_answers(seed, share=0.7)
    fragment = share(core_page, "encode", answers)
    assert fragment.startswith(f"score={content()['version']}.")
    assert len(fragment) < 20 + len(question_ids()) + sum(len(t["id"]) + 2 for t in spec()["themes"])  # compact
    assert set(fragment) <= set("abcdefghijklmnopqrstuvwxyz0123456789.=-")
    assert share(core_page, "decode", "#" + fragment) == {"answers": answers}


def test_share_fragment_depends_on_the_answers_not_on_their_order(core_page: Page) -> None:
    answers = random_answers(13, share=0.5)
    backwards = dict(reversed(list(answers.items())))
    assert share(core_page, "encode", answers) == share(core_page, "encode", backwards)
    assert share(core_page, "decode", share(core_page, "encode", {})) == {"answers": {}}


def damaged_variants(fragment: str) -> list[str]:
    digit = next(i for i, c in enumerate(fragment) if c in "1234" and fragment[i - 1] in "-0123456789" and i > 8)
    flipped = fragment[:digit] + ("1" if fragment[digit] != "1" else "2") + fragment[digit + 1:]
    return [fragment[:-4], fragment + "0", flipped, fragment.replace("score=", "score=0"), "score=", "score=1..zz",
            'score=1.<img src=x onerror="alert(1)">.zz', "score=1.strategie-3%3Cscript%3E.aa"]


def test_damaged_or_tampered_fragments_give_a_clear_message(core_page: Page) -> None:
    fragment = share(core_page, "encode", random_answers(12))
    for damaged in damaged_variants(fragment):
        result = share(core_page, "decode", "#" + damaged)
        assert result == {"error": "Deze deellink is beschadigd of aangepast. Vraag de afzender om een nieuwe link."}, damaged


def test_fragment_with_a_valid_checksum_but_unknown_question_is_refused(core_page: Page) -> None:
    # Made by a checklist with an extra question: the checksum holds, the question does not exist here.
    themes = spec()["themes"]
    bigger = spec(themes=[{**themes[0], "questions": [*themes[0]["questions"], f"{themes[0]['id']}-9"]}, *themes[1:]])
    fragment = share(core_page, "encode", {f"{themes[0]['id']}-9": 2}, with_spec=bigger)
    assert "beschadigd" in share(core_page, "decode", fragment)["error"]


def test_fragment_with_a_score_above_the_scale_is_refused(core_page: Page) -> None:
    wider = spec(scale=[*spec()["scale"], "extra", "nog meer"])
    fragment = share(core_page, "encode", {question_ids()[0]: TOP + 2}, with_spec=wider)
    assert "beschadigd" in share(core_page, "decode", fragment)["error"]


def test_fragment_of_another_checklist_version_says_so(core_page: Page) -> None:
    version = content()["version"]
    fragment = share(core_page, "encode", {"strategie-1": 1}, with_spec=spec(version=version + 1))
    error = share(core_page, "decode", fragment)["error"]
    assert f"versie {version + 1}" in error and f"versie {version}" in error
