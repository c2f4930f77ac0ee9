"""axe-core in a real page, with the WCAG 2.0 and 2.1 A and AA rules (axe-playwright-python bundles axe)."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()


def violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """One line per rule that the page violates; an empty list means none."""
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"]]
