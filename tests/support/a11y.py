"""Accessibility checks in a real browser: axe-core (axe-playwright-python ships it; nothing is
fetched) on WCAG 2.1 A/AA and its best-practice rules (landmarks, headings), and reflow."""

from typing import List, Tuple

# WCAG 2.0/2.1 A and AA, plus axe's best-practice rules (one main landmark, content in landmarks,
# a level-one heading, heading order, …).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page) -> List[Tuple[str, str, list]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    )
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
    ]


def overflow_px(page) -> int:
    """How far the page is wider than the window (0: it reflows, no horizontal scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def focused(page) -> str:
    """The focused element as 'tag.class' (what a keyboard user is on)."""
    return page.evaluate(
        "(() => { const a = document.activeElement; return a.tagName.toLowerCase() + '.' + a.className; })()"
    )
