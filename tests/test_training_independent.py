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


# -- the blind sets of issue 19, and quotes of any test sentence in code, comments, lexicon or data --
HANGUL = re.compile(r"[\uac00-\ud7a3]")
RUN = 12  # characters, spacing ignored
SHARED = ROOT.parent / "shared" / "program"


def _runs(text: str):
    """Runs of RUN non-space characters that are mostly Hangul (at least half), or, for text in
    Latin letters, runs twice as long: short English phrases recur everywhere."""
    t = re.sub(r"\s+", "", text)
    for i in range(len(t) - RUN + 1):
        window = t[i : i + RUN]
        if len(HANGUL.findall(window)) >= RUN // 2:
            yield window
    latin = re.sub(r"[^a-z]", "", text.lower())
    for i in range(len(latin) - 2 * RUN + 1):
        yield latin[i : i + 2 * RUN]


def _program_vocabulary():
    """The program's own words (FACTS.md, the announcement): quoting those is no contamination."""
    found = set()
    for f in SHARED.glob("*.md"):
        found |= set(_runs(f.read_text(encoding="utf-8")))
    return found


def _sentences():
    """(set name, sentence) of every test set: the wild test, the blind dev and sealed halves and the
    probe set and the held-out probe, the held-out NLU set."""
    sets = (
        ("wild", wild.CASES),
        ("dev", wild.BLIND_DEV),
        ("sealed", wild.BLIND_SEALED),
        ("probe", wild.BLIND_PROBE),
        ("held", wild.BLIND_HELD),
    )
    for name, folder in sets:
        for c in wild.load(folder):
            for t in c.turns:
                yield name, t.text
    for m in load_data(str(ROOT / "tests" / "nlu_test.yml")).training_examples:
        yield "nlu_test", m.get("text")


def _checked_files():
    """What the bot is built from: code and its comments, word lists, training data, domain, config."""
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in tracked.splitlines():
        path = ROOT / name
        if name.startswith(("tests/", "docs/", "bench/out/")) or not path.is_file():
            continue
        if path.suffix in (".py", ".yml", ".yaml", ".json", ".js", ".html", ".txt", ".csv"):
            yield name, path.read_text(encoding="utf-8", errors="ignore")


def quoted_test_sentences():
    vocabulary = _program_vocabulary()
    index = {}
    for name, sentence in _sentences():
        for run in set(_runs(sentence)) - vocabulary:
            index.setdefault(run, name)
    hits = []
    for path, text in _checked_files():
        for line_no, line in enumerate(text.splitlines(), start=1):
            for run in _runs(line):
                if run in index:
                    # never print a sealed sentence, not even a piece of one
                    hits.append((path, line_no, index[run], run if index[run] != "sealed" else "…"))
                    break
    return hits


def test_no_test_sentence_is_quoted_in_code_comments_lexicon_or_training_data():
    hits = quoted_test_sentences()
    assert hits == [], f"{len(hits)} lines quote a test sentence: " + "; ".join(
        f"{p}:{n} ({s}: {r})" for p, n, s, r in hits[:20]
    )


def test_no_blind_test_message_or_near_twin_is_trained_on():
    training = _training()
    dev = [t.text for c in wild.load(wild.BLIND_DEV) for t in c.turns]
    sealed = [t.text for c in wild.load(wild.BLIND_SEALED) for t in c.turns]
    assert _twins(training, dev) == []
    # Counted apart, so that no failure message can print a sealed sentence.
    sealed_twins = len(_twins(training, sealed))
    assert sealed_twins == 0, f"training data has {sealed_twins} near-twin(s) of sealed sentences"


def test_the_quote_finder_finds_quotes(tmp_path):
    runs = set(_runs("작년 시월 말에 번호이동했어요 환급 되나요"))
    assert "시월말에번호이동했어요환" in runs and set(_runs("짧은 말")) == set()
    assert "penaltywaiverforcustomer" in set(_runs("Penalty waiver for customers"))
