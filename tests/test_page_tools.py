""""Bewerk deze pagina" and "Feedback op deze pagina": there when site_config.yaml asks for them, and right."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

import site_inputs
from htmlscan import parse
from editing import check
from wegwijzer.pipeline import build
from wegwijzer.urls import output_file

EDIT = "https://example.org/pianoo/wegwijzer/edit/main/"
ADVICE = site_inputs.step_path(site_inputs.worked_example())


def configure(project: Path, **settings: str) -> None:
    text = re.sub(r"^feedback_email:.*\n", "", project.read_text(encoding="utf-8"), flags=re.M)
    project.write_text(text + "".join(f"{key}: {value}\n" for key, value in settings.items()), encoding="utf-8")


def tools(html: str) -> list[tuple[str, str]]:
    """(link text, href) of the page tools."""
    return [(a.words(), a.get("href")) for box in parse(html).with_class("page-tools") for a in box.find_all("a")]


def test_every_page_built_from_a_content_file_links_to_that_file(project: Path) -> None:
    configure(project, edit_url=EDIT)
    loaded, files = build(project)
    for route in loaded.routes:
        if not route.is_page or route.kind in ("advice", "not-found"):
            continue
        edits = [href for text, href in tools(files[route.output].decode()) if text == "Bewerk deze pagina"]
        if route.origin.path.is_relative_to(project.parent / "content"):
            assert edits == [EDIT + route.origin.path.relative_to(project.parent).as_posix()], route.path
        else:  # the site's own pages come from templates, not from content
            assert edits == [], route.path
    assert tools(files["wegwijzer/tips/analyse-complex/index.html"].decode()) == [
        ("Bewerk deze pagina", EDIT + "content/tips/analyse-complex.md")]


def test_an_advice_page_links_to_the_file_of_every_cell_it_shows(project: Path) -> None:
    configure(project, edit_url=EDIT)
    _, files = build(project)
    links = tools(files[output_file(ADVICE)].decode())
    codes = site_inputs.expected_cells(site_inputs.worked_example())
    assert [text.split(":")[0] for text, _ in links] == codes
    assert ("Aa: de tips van Analyse, algemeen", EDIT + "content/tips/analyse-algemeen.md") in links
    assert all(href.startswith(EDIT + "content/tips/") for _, href in links)


def test_without_settings_there_are_no_page_tools(project: Path) -> None:
    configure(project)
    _, files = build(project)
    assert not any("page-tools" in data.decode() for name, data in files.items() if name.endswith(".html"))


def mail_parts(href: str) -> tuple[str, dict[str, str]]:
    assert href.startswith("mailto:")
    address, _, query = href[len("mailto:"):].partition("?")
    # RFC 6068: the query is name=value pairs joined by '&'; every reserved character of a value is encoded,
    # so splitting on '&' and '=' is safe, and nothing but %XX, unreserved characters and the separators appears.
    assert re.fullmatch(r"(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})+=(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*(?:&.+)?", query), query
    fields = dict(pair.split("=", 1) for pair in query.split("&"))
    return unquote(address), {key: unquote(value, encoding="utf-8") for key, value in fields.items()} | {"raw_body": fields["body"]}


def test_feedback_by_mail_carries_the_permalink_the_answers_and_the_cell_codes(built) -> None:
    html = built.html(ADVICE)
    [(text, href)] = [t for t in tools(html) if t[0] == "Feedback op deze pagina"]
    address, fields = mail_parts(href)
    assert address == built.loaded.config["feedback_email"] == "info@pianoo.nl"
    assert fields["subject"].startswith("Feedback op het advies: complex product, veel aanbieders")
    body = fields["body"]
    assert f"Pagina: {built.loaded.urls.absolute(ADVICE)}\r\n" in body
    for question, answer in zip(site_inputs.questions(), site_inputs.advice_steps()[ADVICE]):
        assert f"{question.number}. {question.text} Antwoord: {answer['label']}\r\n" in body
    assert "Cellen op deze pagina: " + ", ".join(site_inputs.expected_cells(site_inputs.worked_example())) in body
    assert "%0D%0A" in fields["raw_body"] and "%20" in fields["raw_body"] and "+" not in fields["raw_body"]
    assert "%E2%89%A55" in href  # '≥5' in UTF-8, percent-encoded


@pytest.mark.parametrize(("path", "expected"), [
    ("wegwijzer/tips/analyse-complex/", "Cel: A12 (Analyse, vraag 1: Complex / Uniek / Innovatief)"),
    ("checklist/", "(Uw antwoorden in de checklist worden niet meegestuurd.)"),
])
def test_tip_and_checklist_pages_have_feedback_too(built, path: str, expected: str) -> None:
    [(_, href)] = [t for t in tools(built.html(path)) if t[0] == "Feedback op deze pagina"]
    _, fields = mail_parts(href)
    assert f"Pagina: {built.loaded.urls.absolute(path)}" in fields["body"] and expected in fields["body"]


def test_other_pages_have_no_feedback_link(built) -> None:
    for route in built.loaded.routes:
        if route.is_page and route.kind not in ("advice", "tip", "checklist"):
            assert not [t for t in tools(built.files[route.output].decode()) if t[0].startswith("Feedback")], route.path


def test_feedback_by_form_puts_the_same_in_query_parameters(project: Path) -> None:
    configure(project, feedback_url="https://example.org/formulier?bron=wegwijzer")
    _, files = build(project)
    [(_, href)] = [t for t in tools(files[output_file(ADVICE)].decode()) if t[0] == "Feedback op deze pagina"]
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "example.org", "/formulier")
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query["bron"] == "wegwijzer"
    assert query["pagina"] == "https://wegwijzer.pianoo.nl/" + ADVICE
    assert query["cellen"] == ",".join(site_inputs.expected_cells(site_inputs.worked_example()))
    assert query["antwoorden"].startswith("1. Welk type product / dienst wordt ingekocht? Antwoord: Complex / Uniek / Innovatief; 2.")


@pytest.mark.parametrize(("settings", "message"), [
    ({"feedback_email": "info-pianoo.nl"}, "feedback_email is geen e-mailadres: 'info-pianoo.nl'"),
    ({"edit_url": "https://example.org/edit/main"}, "edit_url moet eindigen op '/'"),
    ({"edit_url": "example.org/edit/"}, "edit_url moet een volledig adres zijn (https://...)"),
    ({"feedback_email": "a@b.nl", "feedback_url": "https://example.org/f"}, "kies feedback_email of feedback_url, niet allebei"),
])
def test_a_wrong_setting_is_named(project: Path, capsys: pytest.CaptureFixture[str], settings: dict[str, str], message: str) -> None:
    configure(project, **settings)
    status, out = check(project, capsys)
    assert status == 1
    key = list(settings)[-1]
    line = next(n for n, text in enumerate(project.read_text(encoding="utf-8").splitlines(), 1) if text.startswith(key + ":"))
    assert f"site_config.yaml:{line}: {message}" in out
