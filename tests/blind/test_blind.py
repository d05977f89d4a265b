"""The blind answer test of issue 19 (tests/blind/): customer messages and conversations written from
FACTS.md and personas alone by people who never saw data/, the code or the older tests, frozen,
then split into a dev half (read, learned from) and a sealed half (never opened; its scores are
printed per kind only, never a sentence or a failure).

Run through the real stack (trained model, REST door, action server), with scores gated as a
ratchet below today's figures (the issue's goals: sealed dialogues 0.90, singles 0.95, decision
errors 0) and no new decision error allowed.
"""

import re
from pathlib import Path

import pytest

from support import wild

ROOT = Path(__file__).resolve().parent.parent.parent
# Ratchet: measured on 2026-12-08, sixth session (README, "The blind test": sealed singles 0.891,
# dialogues 0.575, 8 decision errors over both halves); a few points of margin for a model trained
# on another CPU (singles moved by 5 and dialogues by 3 between two trainings here). Raised as the bot
# improves, never lowered; the goals are 0.95, 0.90 and 0.
GATE_SEALED_SINGLES = 0.85
GATE_SEALED_DIALOGUES = 0.52
MAX_DECISION_ERRORS = 12


@pytest.fixture(scope="module")
def halves():
    return {"dev": wild.load(wild.BLIND_DEV), "sealed": wild.load(wild.BLIND_SEALED)}


def test_the_set_is_large_and_well_formed(halves):
    cases = halves["dev"] + halves["sealed"]
    assert sum(c.dialogue for c in cases) >= 150 and sum(not c.dialogue for c in cases) >= 300
    assert len({c.id for c in cases}) == len(cases)
    assert not {c.id for c in halves["dev"]} & {c.id for c in halves["sealed"]}
    for c in cases:
        assert re.fullmatch(r"20\d\d-\d\d-\d\d", c.today) and (
            c.now is None or re.fullmatch(r"\d\d:\d\d", c.now)
        )
        for t in c.turns:
            for p in t.expect + t.forbid + t.wrong:
                re.compile(wild.expand(p))


def test_frozen_cases_are_never_changed_or_removed(halves):
    now = {c.id: wild.fingerprint(c) for c in halves["dev"] + halves["sealed"]}
    frozen = dict(line.split() for line in wild.BLIND_FROZEN.read_text(encoding="utf-8").splitlines() if line)
    assert sorted(i for i, f in frozen.items() if now.get(i) != f) == [], "frozen blind cases changed"


@pytest.mark.stack
def test_answers_of_the_real_bot(tmp_path_factory, halves):
    results = wild.evaluate_sets(tmp_path_factory.mktemp("blind"), halves)
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "blind_dev_failures.txt").write_text(wild.failures(results["dev"]), encoding="utf-8")
    sealed = results["sealed"]
    report = "blind dev half\n" + wild.report(results["dev"])
    report += "\n\nblind SEALED half (scores only)\n" + wild.report(sealed, sealed=True)
    (ROOT / "var" / "blind_report.txt").write_text(report, encoding="utf-8")
    print("\n" + report)
    singles = [r for r in sealed if not r.case.dialogue]
    dialogues = [r for r in sealed if r.case.dialogue]
    assert wild.accuracy(singles) >= GATE_SEALED_SINGLES
    assert wild.accuracy(dialogues) >= GATE_SEALED_DIALOGUES
    assert sum(r.decision_error for r in sealed + results["dev"]) <= MAX_DECISION_ERRORS
