"""No test sentence, nor a near-twin of one, is in the training data: the held-out NLU set and the
independent answer test (tests/wild/) measure understanding only while they stay unseen."""

import re
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data

from support import wild

ROOT = Path(__file__).resolve().parent.parent
NEAR = 0.8  # Jaccard similarity of character 3-grams (spacing and punctuation ignored)


def _norm(text: str) -> str:
    return re.sub(r"[\s.,!?~'\"()·…ㅋㅎㅠㅜ]+", "", text.lower())


def _grams(text: str) -> frozenset:
    t = _norm(text)
    return frozenset(t[i : i + 3] for i in range(max(1, len(t) - 2)))


def _twins(training, tests):
    index = {}
    for text in training:
        for g in _grams(text):
            index.setdefault(g, set()).add(text)
    found = []
    for test in tests:
        tg = _grams(test)
        candidates = set().union(*(index.get(g, set()) for g in tg)) if tg else set()
        for cand in candidates:
            cg = _grams(cand)
            if len(tg & cg) / len(tg | cg) >= NEAR and len(_norm(test)) >= 8:
                found.append((test, cand))
                break
    return found


def _training():
    return [m.get("text") for m in load_data(str(ROOT / "data" / "nlu")).training_examples]


def test_no_wild_test_message_or_near_twin_is_trained_on():
    tests = [t.text for c in wild.load() for t in c.turns]
    twins = _twins(_training(), tests)
    assert twins == [], twins[:10]


def test_no_held_out_nlu_test_message_or_near_twin_is_trained_on():
    tests = [m.get("text") for m in load_data(str(ROOT / "tests" / "nlu_test.yml")).training_examples]
    twins = _twins(_training(), tests)
    assert len(twins) == 0, twins[:10]


def test_the_twin_finder_finds_twins():
    assert _twins(
        ["위약금 면제 기간이 언제예요?"], ["위약금 면제기간이 언제예요??", "보험은 자동이에요?"]
    ) == [("위약금 면제기간이 언제예요??", "위약금 면제 기간이 언제예요?")]
