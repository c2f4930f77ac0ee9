"""The security posture of a static site: a strict CSP on every page, nothing inline, safe external links,
editors' HTML sanitised, a security.txt, and a dev server that serves nothing outside dist/.
"""
from __future__ import annotations

import http.client
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from htmlscan import Element, parse
from site_inputs import front_matter
from wegwijzer.pipeline import build
from wegwijzer.problems import ContentError

ROOT = Path(__file__).resolve().parent.parent
UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "*")
# Browsers ignore tabs, newlines and leading blanks in a URL scheme: "java\tscript:" still runs.
JAVASCRIPT_URL = re.compile(r"^[\x00-\x20]*j[\t\n\r]*a[\t\n\r]*v[\t\n\r]*a[\t\n\r]*s[\t\n\r]*c[\t\n\r]*r[\t\n\r]*i[\t\n\r]*p[\t\n\r]*t[\t\n\r]*:", re.I)


@pytest.fixture(scope="module")
def docs(built) -> dict[str, Element]:
    return {name: parse(html) for name, html in built.pages().items()}


def csp_of(doc: Element) -> dict[str, list[str]]:
    metas = [e for e in doc.iter() if e.tag == "meta" and e.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(metas) == 1, f"expected one CSP meta tag, found {len(metas)}"
    directives = [d.split() for d in metas[0].get("content").split(";") if d.strip()]
    return {d[0].lower(): d[1:] for d in directives}


# ---------------------------------------------------------------- every built page


def test_every_page_has_a_strict_content_security_policy(docs: dict[str, Element]) -> None:
    problems = []
    for name, doc in docs.items():
        csp = csp_of(doc)
        if csp.get("default-src") != ["'self'"]:
            problems.append(f"{name}: default-src is {csp.get('default-src')}")
        for directive in ("script-src", "style-src"):
            if csp.get(directive) is None:
                problems.append(f"{name}: no {directive}")
        unsafe = [f"{d} {s}" for d, sources in csp.items() for s in sources if s.lower() in UNSAFE_SOURCES]
        if unsafe:
            problems.append(f"{name}: unsafe sources {unsafe}")
    assert not problems, "\n".join(problems)


def test_the_policy_comes_before_anything_it_governs(docs: dict[str, Element]) -> None:
    """A CSP in a meta tag only applies to what follows it in the document."""
    late = []
    for name, doc in docs.items():
        head = [e for e in doc.find_all("head")[0].iter() if e.tag in ("meta", "link", "script", "style", "base")]
        csp_at = next(i for i, e in enumerate(head) if e.get("http-equiv", "").lower() == "content-security-policy")
        if any(e.tag in ("link", "script", "style", "base") for e in head[:csp_at]):
            late.append(name)
    assert not late, f"the CSP meta tag comes after a resource in: {late}"


def test_no_inline_script_style_or_event_handler(docs: dict[str, Element]) -> None:
    problems = []
    for name, doc in docs.items():
        for e in doc.iter():
            if e.tag == "script" and ("src" not in e.attrs or e.text().strip()):
                problems.append(f"{name}:{e.line}: inline <script>")
            if e.tag == "style":
                problems.append(f"{name}:{e.line}: <style> element")
            problems += [f"{name}:{e.line}: <{e.tag} {a}=...>" for a in e.attrs if a.startswith("on") or a == "style"]
    assert not problems, "\n".join(problems)


def test_no_javascript_urls(docs: dict[str, Element]) -> None:
    found = [f"{name}:{e.line}: {a}={v!r}" for name, doc in docs.items() for e in doc.iter()
             for a, v in e.attrs.items() if JAVASCRIPT_URL.match(v)]
    assert not found, "\n".join(found)


def test_external_links_open_without_access_to_the_site(built, docs: dict[str, Element]) -> None:
    own_host = urlsplit(built.loaded.config["site_url"]).netloc
    external = [(name, e) for name, doc in docs.items() for e in doc.find_all("a")
                if urlsplit(e.get("href") or "").scheme in ("http", "https") and urlsplit(e.get("href")).netloc != own_host]
    unsafe = [f"{name}:{e.line}: {e.get('href')} rel={e.get('rel')!r}" for name, e in external
              if not {"noopener", "noreferrer"} <= set((e.get("rel") or "").split())]
    assert external, "the tips link to many other sites; none found"
    assert not unsafe, "\n".join(unsafe)


def test_the_site_javascript_never_parses_data_as_html() -> None:
    """Data from the URL or an imported file goes into the page as text, never as HTML or code."""
    sinks = re.compile(r"\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function\s*\(|"
                       r"createContextualFragment|setTimeout\s*\(\s*['\"`]|setInterval\s*\(\s*['\"`]|srcdoc")
    scripts = sorted((ROOT / "assets").rglob("*.js"))
    found = [f"{js.relative_to(ROOT)}: {m.group(0)}" for js in scripts for m in sinks.finditer(js.read_text(encoding="utf-8"))]
    assert scripts and not found, "\n".join(found)


# ---------------------------------------------------------------- editors' HTML never reaches dist/ as code

HOSTILE_TIP = """---
activity: {activity}
question: {question}
answer: {answer}
---
## Tips

Een gewone tip vooraf.

Tekst met <script>alert(1)</script> een script en <img src=x onerror=alert(1)> een plaatje.

<div onclick="alert(2)" style="color:red">Een blok met een handler.</div>

<a href="javascript:alert(3)">een link in HTML</a>
"""


def free_cell(config: Path) -> tuple[str, str, str, Path]:
    """An (activity, question, answer) of the project copy that no tip file fills yet, and a new file for it."""
    content = config.parent / "content"
    table = yaml.safe_load((content / "wegwijzer.yaml").read_text(encoding="utf-8"))
    filled = {(meta["activity"], meta.get("answer")) for meta in map(front_matter, (content / "tips").glob("*.md"))}
    for activity in table["activities"]:
        for question in table["questions"]:
            for answer in question["answers"]:
                if (activity["id"], answer["slug"]) not in filled:
                    path = content / "tips" / f"test-{activity['id']}-{answer['slug']}.md"
                    return activity["id"], question["id"], answer["slug"], path
    raise AssertionError("every cell already has tips; the test needs an empty one")


def every_output(dist: Path) -> str:
    """The text of every page and text file written (not the site's own scripts, which have handlers of their own)."""
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(dist.rglob("*"))
                     if p.is_file() and p.suffix in (".html", ".xml", ".txt"))


def test_script_and_event_handlers_in_a_tip_never_reach_dist(project: Path) -> None:
    activity, question, answer, path = free_cell(project)
    tip = HOSTILE_TIP.format(activity=activity, question=question, answer=answer)
    # An image of the site itself is allowed (`check` refuses any other), so the handler is all that must go.
    tip = tip.replace("<img src=x ", "<img src=/assets/favicon.svg ")
    path.write_text(tip.replace('<a href="javascript:alert(3)">een link in HTML</a>\n', ""), encoding="utf-8")
    loaded, files = build(project)
    page = files[f"wegwijzer/tips/{activity}-{answer}/index.html"].decode("utf-8")
    assert "Een gewone tip vooraf." in page and "Een blok met een handler." in page  # the text itself stays
    assert '<img src="/assets/favicon.svg"> een plaatje' in page
    output = every_output(loaded.config.dir("output_dir"))
    for trace in ("alert(", "onerror", "onclick", "color:red"):
        assert trace not in output, f"{trace!r} reached dist/"


@pytest.mark.parametrize("link", [
    '<a href="javascript:alert(3)">klik</a>',
    '<a href="JaVaScRiPt:alert(3)">klik</a>',
    '<a href="jav&#x09;ascript:alert(3)">klik</a>',
    "[klik](javascript:alert(3))",
])
def test_a_javascript_link_in_a_tip_never_reaches_dist(project: Path, link: str) -> None:
    """Either the build refuses the tip (naming the file), or the link loses its target: never a javascript: URL."""
    loaded, _ = build(project)  # a good site first: a refused build must leave it as it was
    dist = loaded.config.dir("output_dir")
    before = every_output(dist)
    activity, question, answer, path = free_cell(project)
    tip = HOSTILE_TIP.format(activity=activity, question=question, answer=answer)
    path.write_text(tip.replace('<a href="javascript:alert(3)">een link in HTML</a>', link), encoding="utf-8")
    try:
        build(project)
    except ContentError as error:
        assert any(p.path == f"content/tips/{path.name}" for p in error.problems), error.problems
        assert every_output(dist) == before
    output = every_output(dist)
    assert not any(JAVASCRIPT_URL.match(href) for href in re.findall(r'(?:href|src|action)="([^"]*)"', output))
    assert "alert(3)" not in output


def test_check_names_the_file_and_line_of_a_javascript_link(project: Path) -> None:
    activity, question, answer, path = free_cell(project)
    lines = ["---", f"activity: {activity}", f"question: {question}", f"answer: {answer}", "---", "## Tips", "",
             "Een tip met een [x](javascript:alert(1)) link.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    line = next(n for n, text in enumerate(lines, 1) if "javascript:" in text)
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "-f", str(project)],
                            capture_output=True, text=True, timeout=120, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"content/tips/{path.name}\n  regel {line}:" in output and "javascript:alert(1)" in output, output


# ---------------------------------------------------------------- security.txt


def test_security_txt_has_contact_and_expiry_from_the_config(built) -> None:
    organisation = yaml.safe_load((ROOT / "site_config.yaml").read_text(encoding="utf-8"))["organisation"]
    fields = dict(line.split(": ", 1) for line in built.files[".well-known/security.txt"].decode("utf-8").splitlines() if ": " in line)
    expires = organisation["security_expires"]
    expires = expires if isinstance(expires, datetime) else datetime.fromisoformat(str(expires).replace("Z", "+00:00"))
    assert fields["Contact"] == organisation["security_contact"]
    assert datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00")) == expires
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", fields["Expires"]), "RFC 9116 wants an ISO 8601 UTC time"
    # An expired security.txt tells researchers not to trust it: renew security_expires in site_config.yaml.
    assert expires > datetime.now(timezone.utc), "security.txt has expired"


def test_security_txt_is_served_as_text(server: str) -> None:
    status, headers, body = get(server, "/.well-known/security.txt")
    assert status == 200 and headers["content-type"].startswith("text/plain") and b"Contact: " in body


# ---------------------------------------------------------------- the dev server serves nothing outside dist/


def get(server: str, raw_path: str) -> tuple[int, dict[str, str], bytes]:
    """GET a path exactly as written, without any normalisation by a client library."""
    host, port = urlsplit(server).hostname, urlsplit(server).port
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.putrequest("GET", raw_path, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", f"{host}:{port}")
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def traversal_paths(outside: Path) -> list[str]:
    """Ways to name site_config.yaml, which lies beside dist/, or another file outside dist/."""
    name = outside.name
    return [
        f"/../{name}", f"/assets/../../{name}", f"/%2e%2e/{name}", f"/%2E%2E/{name}", f"/%2e%2e%2f{name}",
        f"/assets/..%2f..%2f{name}", f"/%252e%252e/{name}", f"/..%5c{name}", f"/.%2e/{name}",
        f"/wegwijzer/../../{name}", f"/./../{name}", f"/..;/{name}", f"/%c0%ae%c0%ae/{name}",
        f"/{outside}", f"//{outside}", f"/%2f{str(outside).lstrip('/').replace('/', '%2f')}",
        "/etc/passwd", "/../../../../../../etc/passwd", "/%2e%2e/" * 8 + "etc/passwd", "/%00", f"/../{name}%00.html",
    ]


def test_dev_server_serves_nothing_outside_dist(built, server: str) -> None:
    outside = built.dist.parent / "site_config.yaml"
    secret = outside.read_bytes()
    leaks = []
    for path in traversal_paths(outside):
        status, _, body = get(server, path)
        if status not in (400, 404) or secret in body or b"root:" in body:
            leaks.append(f"{path}: {status}, {body[:60]!r}")
    assert not leaks, "\n".join(leaks)


def test_dev_server_redirects_only_within_the_site(server: str) -> None:
    """A directory without its slash is redirected to the same path on this site, never to another host."""
    for path in ("/wegwijzer", "//wegwijzer", "///wegwijzer"):
        status, headers, _ = get(server, path)
        assert status == 301 and headers["location"] == "/wegwijzer/", (path, status, headers.get("location"))


def test_dev_server_does_not_follow_a_link_out_of_dist(tmp_path: Path) -> None:
    from wsgiref.util import setup_testing_defaults

    from wegwijzer.server import DistApp

    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "404.html").write_text("niet gevonden", encoding="utf-8")
    (tmp_path / "geheim.txt").write_text("geheim", encoding="utf-8")
    (dist / "link.txt").symlink_to(tmp_path / "geheim.txt")
    environ: dict = {"PATH_INFO": "/link.txt"}
    setup_testing_defaults(environ)
    statuses: list[str] = []
    body = b"".join(DistApp(dist)(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["404 Not Found"] and b"geheim" not in body


def test_dev_server_serves_a_file_with_a_percent_sign_in_its_name(tmp_path: Path) -> None:
    """PATH_INFO is already percent-decoded: decoding it again would turn %25 into a wrong name."""
    from wsgiref.util import setup_testing_defaults

    from wegwijzer.server import DistApp

    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "100%25.txt").write_text("procent", encoding="utf-8")
    environ: dict = {"PATH_INFO": "/100%25.txt"}  # what a request for /100%2525.txt decodes to
    setup_testing_defaults(environ)
    statuses: list[str] = []
    body = b"".join(DistApp(dist)(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["200 OK"] and body == b"procent"
