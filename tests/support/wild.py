"""The independent answer test (tests/wild/cases/): customer messages written from FACTS.md alone by
people who never saw data/nlu/, each with what a correct reply must and must not contain.

The replies come from the real stack (trained model, REST channel, action server); one stack per
"today" the cases pin. Used by tests/wild/test_wild.py (the gate) and scripts/wild_eval.py (make eval).
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

import yaml

CASES = Path(__file__).resolve().parent.parent / "wild" / "cases"
FROZEN = Path(__file__).resolve().parent.parent / "wild" / "FROZEN.txt"


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


@dataclass
class Case:
    id: str
    kind: str
    persona: str
    today: str
    turns: List[Turn]

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


def _turn(d: dict) -> Turn:
    return Turn(
        str(d["text"]), [str(p) for p in d.get("expect") or []], [str(p) for p in d.get("forbid") or []]
    )


def load(folder: Path = CASES) -> List[Case]:
    cases: List[Case] = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        default_today = str(data.get("today", "2026-01-25"))
        for d in data.get("cases", []):
            cases.append(
                Case(d["id"], d["kind"], d["persona"], str(d.get("today", default_today)), [_turn(d)])
            )
        for d in data.get("dialogues", []):
            cases.append(
                Case(
                    d["id"],
                    d["kind"],
                    d.get("persona", "plain"),
                    str(d.get("today", default_today)),
                    [_turn(t) for t in d["turns"]],
                )
            )
    return cases


def fingerprint(case: Case) -> str:
    body = "\x1e".join(t.text for t in case.turns)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def check(turn: Turn, reply: str) -> List[str]:
    problems = [f"missing /{p}/" for p in turn.expect if not re.search(expand(p), reply, re.S)]
    problems += [f"forbidden /{p}/" for p in turn.forbid if re.search(expand(p), reply, re.S)]
    return problems


def run_case(stack, case: Case, fallback_texts: Iterable[str]) -> Result:
    sender = f"wild-{case.id}"
    replies, problems, fallback = [], [], False
    for number, turn in enumerate(case.turns, start=1):
        reply = stack.text(sender, turn.text)
        replies.append(reply)
        fallback = fallback or any(t in reply for t in fallback_texts)
        problems += [f"turn {number}: {p}" for p in check(turn, reply)]
    return Result(case, not problems, replies, problems, fallback)


def by_today(cases: List[Case]) -> Dict[str, List[Case]]:
    groups: Dict[str, List[Case]] = defaultdict(list)
    for c in cases:
        groups[c.today].append(c)
    return dict(sorted(groups.items()))


def score(results: List[Result], key) -> Dict[str, Tuple[int, int]]:
    table: Dict[str, List[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        table[key(r)][0] += r.passed
        table[key(r)][1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(table.items())}


def report(results: List[Result], fallback_rate: Optional[float] = None) -> str:
    singles = [r for r in results if not r.case.dialogue]
    dialogues = [r for r in results if r.case.dialogue]
    total = sum(r.passed for r in results) / max(1, len(results))
    lines = [
        f"answer accuracy {total:.3f}  ({sum(r.passed for r in results)}/{len(results)}; "
        f"singles {sum(r.passed for r in singles)}/{len(singles)}, "
        f"dialogues {sum(r.passed for r in dialogues)}/{len(dialogues)})"
    ]
    in_scope = [r for r in results if r.case.kind != "out_of_scope"]
    rate = (
        sum(r.fallback for r in in_scope) / max(1, len(in_scope)) if fallback_rate is None else fallback_rate
    )
    lines.append(f"fallback on in-scope messages {rate:.3f}")
    for title, key in (
        ("kind", lambda r: r.case.kind),
        ("persona", lambda r: r.case.persona),
        ("today", lambda r: r.case.today),
    ):
        lines.append(f"by {title}:")
        lines += [f"  {k:<22} {p / n:.3f}  ({p}/{n})" for k, (p, n) in score(results, key).items()]
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
    from actions.handlers.fallback import HANDOVER, NOT_UNDERSTOOD, OUT_OF_SCOPE

    return [t.split(". ")[0].split("요, ")[-1][:20] for t in (HANDOVER, NOT_UNDERSTOOD, OUT_OF_SCOPE)]


def evaluate(tmp: Path, cases: Optional[List[Case]] = None) -> List[Result]:
    """Every case through the real stack, one stack per pinned today."""
    from support.stack import running_stack

    markers = fallback_markers()
    results: List[Result] = []
    for today, group in by_today(cases if cases is not None else load()).items():
        folder = tmp / f"wild-{today}"
        folder.mkdir(parents=True, exist_ok=True)
        with running_stack(folder, today) as stack:
            results += [run_case(stack, case, markers) for case in group]
    return results
