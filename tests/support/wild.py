"""The independent answer test (tests/wild/cases/): customer messages written from FACTS.md alone by
people who never saw data/nlu/, each with what a correct reply must and must not contain.

The replies come from the real stack (trained model, REST channel, action server); one stack per
"today" the cases pin. Used by tests/wild/test_wild.py (the gate) and scripts/wild_eval.py (make eval).
"""

import hashlib
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

import yaml

CASES = Path(__file__).resolve().parent.parent / "wild" / "cases"
FROZEN = Path(__file__).resolve().parent.parent / "wild" / "FROZEN.txt"
# The blind sets of issue 19: a dev half to read and a sealed half nobody opens (scores per kind only).
BLIND = Path(__file__).resolve().parent.parent / "blind"
BLIND_DEV, BLIND_SEALED, BLIND_FROZEN = BLIND / "dev", BLIND / "sealed", BLIND / "FROZEN.txt"
BLIND_PROBE = BLIND / "probe"  # a later blind set of the weak dialogue kinds, read like the dev half
BLIND_HELD = BLIND / "held"  # a second such set, held out like the sealed half (scores per kind only)


def _date(m: re.Match) -> str:
    month, day = int(m.group(1)), int(m.group(2))
    return rf"(?:(?:20\d\d\s*(?:년|[./-])\s*)?(?<!\d)0?{month}\s*(?:월\s*0?{day}\s*일|[./-]\s*0?{day}(?!\d)))"


def _won(m: re.Match) -> str:
    n = int(m.group(1))
    forms = [f"{n:,}", str(n)]
    alternatives = [rf"{re.escape(f)}\s*원" for f in forms]
    if n % 10_000 == 0:
        alternatives.append(rf"(?<!\d){n // 10_000}\s*만\s*원")
    return "(?:" + "|".join(alternatives) + ")"


def expand(pattern: str) -> str:
    pattern = re.sub(r"\{D:(\d{1,2})-(\d{1,2})\}", _date, pattern)
    return re.sub(r"\{W:(\d+)\}", _won, pattern)


@dataclass
class Turn:
    text: str
    expect: List[str] = field(default_factory=list)
    forbid: List[str] = field(default_factory=list)
    # A match is a decision error: a wrong yes/no on money or eligibility, a wrong payout date, a
    # tense that promises or denies money (the blind sets name them; far worse than a fallback).
    wrong: List[str] = field(default_factory=list)


@dataclass
class Case:
    id: str
    kind: str
    persona: str
    today: str
    turns: List[Turn]
    now: Optional[str] = None  # HH:MM; unpinned: noon

    @property
    def dialogue(self) -> bool:
        return len(self.turns) > 1


@dataclass
class Result:
    case: Case
    passed: bool
    replies: List[str]
    problems: List[str]
    fallback: bool
    decision_error: bool = False
    # each turn's messages as the REST door returned them (text, buttons, custom): reply lengths
    messages: List[List[dict]] = field(default_factory=list)


def _turn(d: dict) -> Turn:
    def patterns(key: str) -> List[str]:
        return [str(p) for p in d.get(key) or []]

    return Turn(str(d["text"]), patterns("expect"), patterns("forbid"), patterns("wrong"))


def _now(d: dict) -> Optional[str]:
    return str(d["now"]) if d.get("now") else None


def load(folder: Path = CASES) -> List[Case]:
    cases: List[Case] = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        default_today = str(data.get("today", "2026-01-25"))
        for d in data.get("cases", []):
            cases.append(
                Case(
                    d["id"], d["kind"], d["persona"], str(d.get("today", default_today)), [_turn(d)], _now(d)
                )
            )
        for d in data.get("dialogues", []):
            cases.append(
                Case(
                    d["id"],
                    d["kind"],
                    d.get("persona", "plain"),
                    str(d.get("today", default_today)),
                    [_turn(t) for t in d["turns"]],
                    _now(d),
                )
            )
    return cases


def fingerprint(case: Case) -> str:
    body = "\x1e".join(t.text for t in case.turns)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def check(turn: Turn, reply: str) -> List[str]:
    problems = [f"missing /{p}/" for p in turn.expect if not re.search(expand(p), reply, re.S)]
    problems += [f"forbidden /{p}/" for p in turn.forbid if re.search(expand(p), reply, re.S)]
    problems += [f"WRONG /{p}/" for p in turn.wrong if re.search(expand(p), reply, re.S)]
    return problems


def run_case(stack, case: Case, fallback_texts: Iterable[str], prefix: str = "wild") -> Result:
    """The case's turns in one conversation; each message pins the case's day and time
    (BOT_CLOCK_FROM_MESSAGES, so one stack answers the cases of every day)."""
    sender = f"{prefix}-{case.id}"
    clock = {"clock": {"today": case.today, "now": case.now or "12:00"}}
    replies, problems, fallback, messages = [], [], False, []
    for number, turn in enumerate(case.turns, start=1):
        said = stack.say(sender, turn.text, clock)
        messages.append(said)
        reply = "\n".join(r.get("text", "") for r in said)
        replies.append(reply)
        fallback = fallback or any(t in reply for t in fallback_texts)
        problems += [f"turn {number}: {p}" for p in check(turn, reply)]
    wrong = any(p.split(": ", 1)[1].startswith("WRONG") for p in problems)
    return Result(case, not problems, replies, problems, fallback, wrong, messages)


def score(results: List[Result], key) -> Dict[str, Tuple[int, int]]:
    table: Dict[str, List[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        table[key(r)][0] += r.passed
        table[key(r)][1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(table.items())}


def report(results: List[Result], fallback_rate: Optional[float] = None, sealed: bool = False) -> str:
    """Scores overall, per kind and per persona (and per day, but not for the sealed half), the fallback
    rate on in-scope messages and the decision errors; never a sentence."""
    singles = [r for r in results if not r.case.dialogue]
    dialogues = [r for r in results if r.case.dialogue]
    total = sum(r.passed for r in results) / max(1, len(results))
    lines = [
        f"answer accuracy {total:.3f}  ({sum(r.passed for r in results)}/{len(results)}; "
        f"singles {accuracy(singles):.3f} ({sum(r.passed for r in singles)}/{len(singles)}), "
        f"dialogues {accuracy(dialogues):.3f} ({sum(r.passed for r in dialogues)}/{len(dialogues)}))",
        f"decision errors {sum(r.decision_error for r in results)} "
        f"(singles {sum(r.decision_error for r in singles)}, dialogues {sum(r.decision_error for r in dialogues)})",
    ]
    in_scope = [r for r in results if r.case.kind != "out_of_scope"]
    rate = (
        sum(r.fallback for r in in_scope) / max(1, len(in_scope)) if fallback_rate is None else fallback_rate
    )
    lines.append(f"fallback on in-scope messages {rate:.3f}")
    keys = [("kind", lambda r: r.case.kind), ("persona", lambda r: r.case.persona)]
    if not sealed:
        keys.append(("today", lambda r: r.case.today))
    for title, key in keys:
        lines.append(f"by {title}:")
        lines += [f"  {k:<22} {p / n:.3f}  ({p}/{n})" for k, (p, n) in score(results, key).items()]
    return "\n".join(lines)


# Issue 22's targets for a reply (every turn's text together, what the customer reads at once).
LONG, FOLDED = 300, 500


def kakao_folded(messages: List[dict]) -> int:
    """How many of a turn's KakaoTalk bubbles are plain text past 500 characters (folded behind
    "전체보기"), as the Kakao door renders the turn's messages."""
    from connectors import kakao_format

    outputs = kakao_format.skill_response(messages)["template"].get("outputs") or []
    return sum(len(o["simpleText"]["text"]) > FOLDED for o in outputs if "simpleText" in o)


def length_line(name: str, lengths: List[int], folded: int) -> str:
    if not lengths:
        return f"  {name:<22} -"
    ordered = sorted(lengths)
    median = statistics.median(ordered)
    over = sum(n > LONG for n in ordered) / len(ordered)
    return (
        f"  {name:<22} median {median:>5.0f}  over {LONG} {over:>5.1%}  max {ordered[-1]:>4}  "
        f"kakao>{FOLDED} {folded}  ({len(ordered)} replies)"
    )


def length_report(results: List[Result]) -> str:
    """Reply lengths per kind: median, share over 300, longest, KakaoTalk text bubbles past 500
    (figures only, so the sealed half may print it too)."""
    per_kind: Dict[str, Tuple[List[int], List[int]]] = defaultdict(lambda: ([], []))
    for r in results:
        for reply, said in zip(r.replies, r.messages, strict=False):
            lengths, folded = per_kind[r.case.kind]
            lengths.append(len(reply))
            folded.append(kakao_folded(said))
    every = [n for lengths, _ in per_kind.values() for n in lengths]
    folded_all = sum(sum(f) for _, f in per_kind.values())
    lines = ["reply length (characters per turn):", length_line("all", every, folded_all)]
    lines += [length_line(k, v[0], sum(v[1])) for k, v in sorted(per_kind.items())]
    return "\n".join(lines)


def accuracy(results: List[Result]) -> float:
    return sum(r.passed for r in results) / max(1, len(results))


def failures(results: List[Result]) -> str:
    out = []
    for r in results:
        if not r.passed:
            out.append(f"[{r.case.id} {r.case.kind}/{r.case.persona} {r.case.today}]")
            for turn, reply in zip(r.case.turns, r.replies, strict=False):
                out.append(f"  Q: {turn.text}\n  A: {reply}")
            out += [f"  ! {p}" for p in r.problems]
    return "\n".join(out)


def fallback_markers() -> List[str]:
    """The first sentence of each fallback answer: a reply containing one got the fallback."""
    from actions.handlers.fallback import HANDOVER, NOT_UNDERSTOOD, NOT_UNDERSTOOD_EN, OUT_OF_SCOPE

    texts = (HANDOVER, NOT_UNDERSTOOD, OUT_OF_SCOPE, NOT_UNDERSTOOD_EN)
    return [t.split(". ")[0].split("요, ")[-1][:20] for t in texts]


# The test stack's own settings: every message pins its case's day; the verification limits that
# count across conversations are raised, since every case comes from one address.
EVAL_ENV = {"BOT_CLOCK_FROM_MESSAGES": "1"}


def evaluate(tmp: Path, cases: Optional[List[Case]] = None, prefix: str = "wild") -> List[Result]:
    """Every case through the real stack (trained model, REST door, action server)."""
    return evaluate_sets(tmp, {prefix: cases if cases is not None else load()})[prefix]


def evaluate_sets(tmp: Path, sets: Dict[str, List[Case]]) -> Dict[str, List[Result]]:
    """Several sets through one stack, each message pinning its case's day and time; the conversation
    ids carry the set's name, so no two cases share a conversation."""
    from support.stack import running_stack

    markers = fallback_markers()
    folder = tmp / "answers"
    folder.mkdir(parents=True, exist_ok=True)
    with running_stack(folder, "2026-01-25", EVAL_ENV) as stack:
        return {
            name: [run_case(stack, case, markers, name) for case in cases] for name, cases in sets.items()
        }
