"""The independent answer test: replies of the real bot to customer messages written from FACTS.md
alone (tests/support/wild.py). The set is frozen: cases are only ever added (FROZEN.txt)."""

import re
from pathlib import Path

import pytest

from support import wild

ROOT = Path(__file__).resolve().parent.parent.parent
# Issue 12's gate (its goal is 0.97). Reached 0.95 on 2026-11-26; training is seeded, the margin
# absorbs a different CPU's float order. Raised as the bot improves, never lowered.
GATE = 0.93


@pytest.fixture(scope="module")
def cases():
    return wild.load()


def test_the_set_is_large_and_well_formed(cases):
    singles = [c for c in cases if not c.dialogue]
    dialogues = [c for c in cases if c.dialogue]
    assert len(singles) >= 600 and len(dialogues) >= 60
    assert len({c.id for c in cases}) == len(cases)
    for c in cases:
        for t in c.turns:
            for p in t.expect + t.forbid:
                re.compile(wild.expand(p))


def test_frozen_cases_are_never_changed_or_removed(cases):
    now = {c.id: wild.fingerprint(c) for c in cases}
    frozen = dict(
        line.split() for line in wild.FROZEN.read_text(encoding="utf-8").splitlines() if line.strip()
    )
    changed = sorted(i for i, f in frozen.items() if now.get(i) != f)
    assert changed == [], "frozen test cases changed or removed"


def test_placeholders_accept_usual_korean_forms():
    d, w = wild.expand("{D:01-22}"), wild.expand("{W:320000}")
    for text in ("2026년 1월 22일", "1월 22일", "1/22", "01-22", "2026-01-22", "1.22"):
        assert re.search(d, text), text
    for text in ("11월 22일", "1월 2일", "2026-11-22"):
        assert not re.search(d, text), text
    for text in ("320,000원", "32만 원", "320000원"):
        assert re.search(w, text), text


@pytest.mark.stack
def test_answers_of_the_real_bot(tmp_path_factory):
    results = wild.evaluate(tmp_path_factory.mktemp("wild"))
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "wild_report.txt").write_text(wild.report(results), encoding="utf-8")
    (ROOT / "var" / "wild_failures.txt").write_text(wild.failures(results), encoding="utf-8")
    print("\n" + wild.report(results))
    assert wild.accuracy(results) >= GATE, "see var/wild_failures.txt"
