"""The unanswered inbox: what customers asked that the bot did not understand, grouped.

A customer message goes in when the bot gave the fallback, asked to clarify, or answered from an
intent whose confidence was below ``OPS_INBOX_CONFIDENCE`` — except while the customer was
giving a phone number or birth date or confirming an application (the answer did not depend on
the intent there). Agents' lookups (door ``agent``) are not customers' questions and stay out.
Messages without a word (only numbers, masked or not) and button payloads (``/intent``) too.

Texts are masked again (``ops_report.names.mask_personal``: phone numbers, birth dates, names,
e-mail, account numbers), then grouped: identical texts once, similar ones together. Similar
means the cosine of TF-IDF vectors over Kiwi lemmas (verb stems: 바꿀래요 and 바꾸고 are one
word) and character 2–3-grams of the text without spaces (typos, 유심교체 = 유심 교체). A group
is a *star*: the most frequent text and every not yet grouped text at least ``THRESHOLD``
similar to it, so every member resembles the text shown for the group.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ops_report.names import NAME_MASK, mask_personal
from ops_report.store import Turn, read_user_events
from remedy_rules.clock import SEOUL

REASONS = {"fallback": "이해 못 함", "clarification": "되물음", "low_confidence": "낮은 확신도"}
REASON_KINDS = ("fallback", "clarification")
# Turns where the intent did not decide the answer: a low confidence there is not a miss.
NOT_INTENT_DRIVEN = ("verification", "personal", "application_filed", "agent_lookup")
THRESHOLD = 0.3
LEMMA_WEIGHT = 0.6  # of the cosine; the character n-grams carry the rest
MAX_DISTINCT = 3000  # the most frequent distinct texts are grouped; rarer ones are only counted
CONTENT_TAGS = {"NNG", "NNP", "NR", "NP", "VV", "VA", "MAG", "XR", "SL", "SH"}
_WORDLESS = re.compile(r"^[\W\d_*○]*$")


def candidates(turns: Iterable[Turn], threshold: float) -> List[Tuple[Turn, str]]:
    out = []
    for t in turns:
        if t.door == "agent":
            continue
        if t.kind in REASON_KINDS:
            out.append((t, t.kind))
        elif t.confidence is not None and t.confidence < threshold and t.kind not in NOT_INTENT_DRIVEN:
            out.append((t, "low_confidence"))
    return out


def text_key(text: str) -> str:
    """Identical questions, whatever the spacing and trailing punctuation."""
    return re.sub(r"\s+", " ", text).strip().rstrip("?!.~ ").lower()


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass
class Message:
    event_id: int
    ts: float
    door: str
    reason: str
    text: str  # masked
    key: str
    ranking: List[Tuple[str, float]]


@lru_cache(maxsize=50_000)
def _masked(raw: str) -> str:
    # The same questions come back again and again; masking runs the date normaliser each time.
    return mask_personal(raw)[:500]


def load_messages(engine, picked: Sequence[Tuple[Turn, str]]) -> List[Message]:
    by_id = {t.event_id: (t, reason) for t, reason in picked}
    out = []
    for event_id, data in read_user_events(engine, by_id):
        turn, reason = by_id[event_id]
        try:
            event = json.loads(data)
        except (TypeError, ValueError):
            continue
        raw = (event.get("text") or "").strip()
        if not raw or raw.startswith("/"):
            continue
        text = _masked(raw)
        if _WORDLESS.match(text):
            continue
        ranking = []
        for item in ((event.get("parse_data") or {}).get("intent_ranking") or [])[:10]:
            if isinstance(item, dict) and item.get("name") and item.get("name") != "nlu_fallback":
                ranking.append((str(item["name"]), float(item.get("confidence") or 0.0)))
        out.append(Message(event_id, turn.ts, turn.door or "other", reason, text, text_key(text), ranking))
    return out


@dataclass
class Group:
    id: str
    representative: str
    count: int
    texts: List[Tuple[str, int]]  # distinct texts, most frequent first
    keys: List[str]
    first_seen: float
    last_seen: float
    doors: Counter
    reasons: Counter
    guesses: List[Tuple[str, float]]  # the bot's best intents: mean confidence over the messages

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "representative": self.representative,
            "count": self.count,
            "texts": [{"text": t, "count": n} for t, n in self.texts],
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
            "doors": dict(self.doors),
            "reasons": dict(self.reasons),
            "guesses": [{"intent": i, "score": round(s, 2)} for i, s in self.guesses],
        }


@dataclass
class Inbox:
    groups: List[Group]
    messages: int  # unanswered messages still unlabelled
    labelled_messages: int  # messages whose text already has a label
    ungrouped_texts: int = 0  # distinct rare texts beyond MAX_DISTINCT
    by_reason: Counter = field(default_factory=Counter)

    def find(self, group_id: str) -> Optional[Group]:
        return next((g for g in self.groups if g.id == group_id), None)


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, SEOUL).isoformat(timespec="minutes")


# -- features -------------------------------------------------------------------------------
def _kiwi():
    # The Rasa server's tokenizer already holds one (korean_nlu.kiwi.shared_kiwi): ~500 MB not loaded twice.
    from korean_nlu.kiwi import shared_kiwi

    return shared_kiwi()


_EMAIL_LEFT = re.compile(r"\S*@\S*")
# "제 번호는 ***", "생일은 ******예요", "메일은 ***@…": what is left of personal data says nothing
# about the question, and the same tail on different questions must not make them similar.
_PERSONAL_CONTEXT = re.compile(
    r"(?:제|저의|내)?\s*(?:휴대폰|핸드폰|전화)?\s*"
    r"(?:번호|생일|생년월일|이름|성함|성명|이메일|메일)(?:은|는|이|가|을|:)?"
)
_MASKS = re.compile(r"[*○\d][*○\d\-./]*")
_BARE_ENDING = re.compile(r"(?<!\S)(?:이에요|예요|입니다|이요|요|이고|인데요|이구요)(?!\S)")


def _strip_masks(text: str) -> str:
    """The question without what is left of personal data (masks, e-mail domains, "제 번호는")."""
    text = _EMAIL_LEFT.sub(" ", text.replace(NAME_MASK, " "))
    text = _MASKS.sub(" ", _PERSONAL_CONTEXT.sub(" ", text))
    return _BARE_ENDING.sub(" ", text)


@lru_cache(maxsize=50_000)
def lemmas(text: str) -> Tuple[str, ...]:
    """Content lemmas of a text (nouns, verb and adjective stems, adverbs, foreign words)."""
    return tuple(
        f"{m.form}/{m.tag.split('-')[0]}"
        for m in _kiwi().tokenize(_strip_masks(text))
        if m.tag.split("-")[0] in CONTENT_TAGS
    )


def vectors(texts: Sequence[str]):
    """Rows normalised so that a dot product is LEMMA_WEIGHT·cos(lemmas) + rest·cos(characters)."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    lemma_docs = [lemmas(t) for t in texts]
    char_docs = [re.sub(r"\s+", "", _strip_masks(t)) for t in texts]
    blocks = []
    for docs, weight, vec in (
        (lemma_docs, LEMMA_WEIGHT, TfidfVectorizer(analyzer=lambda d: list(d) or ["<empty>"])),
        (char_docs, 1 - LEMMA_WEIGHT, TfidfVectorizer(analyzer="char", ngram_range=(2, 3))),
    ):
        try:
            m = vec.fit_transform(docs)
        except ValueError:  # no features at all (every text empty after masking)
            continue
        blocks.append(normalize(m) * (weight**0.5))
    return normalize(hstack(blocks).tocsr()) if blocks else None


def star_groups(
    keys: Sequence[str], weights: Sequence[int], texts: Sequence[str], threshold: float = THRESHOLD
) -> List[List[int]]:
    """Indices grouped: in order of weight, each ungrouped text takes every ungrouped text at
    least ``threshold`` similar to it."""
    import numpy as np

    n = len(texts)
    x = vectors(texts)
    order = sorted(range(n), key=lambda i: (-weights[i], keys[i]))
    if x is None:
        return [[i] for i in order]
    neighbours: Dict[int, np.ndarray] = {}
    chunk = 256
    xt = x.T.tocsc()
    for start in range(0, n, chunk):
        sims = (x[start : start + chunk] @ xt).toarray()
        for row in range(sims.shape[0]):
            neighbours[start + row] = np.nonzero(sims[row] >= threshold)[0]
    grouped = np.zeros(n, dtype=bool)
    groups = []
    for i in order:
        if grouped[i]:
            continue
        members = [j for j in neighbours[i] if not grouped[j]]
        if i not in members:
            members.append(i)
        grouped[members] = True
        members.sort(key=lambda j: (-weights[j], keys[j]))
        members.remove(i)
        groups.append([i] + members)
    return groups


def build(messages: Sequence[Message], labelled: Iterable[str] = ()) -> Inbox:
    """Group the messages whose text has no label yet (``labelled``: label keys, i.e. key_hash)."""
    labelled = set(labelled)
    by_key: Dict[str, List[Message]] = defaultdict(list)
    labelled_messages = 0
    for m in messages:
        if key_hash(m.key) in labelled:
            labelled_messages += 1
        else:
            by_key[m.key].append(m)
    keys = sorted(by_key, key=lambda k: (-len(by_key[k]), k))
    ungrouped = max(0, len(keys) - MAX_DISTINCT)
    keys = keys[:MAX_DISTINCT]
    display = [Counter(m.text for m in by_key[k]).most_common(1)[0][0] for k in keys]
    weights = [len(by_key[k]) for k in keys]
    groups = []
    for idx in star_groups(keys, weights, display) if keys else []:
        members = [m for i in idx for m in by_key[keys[i]]]
        guesses: Dict[str, float] = defaultdict(float)
        for m in members:
            for intent, conf in m.ranking:
                guesses[intent] += conf
        top = sorted(((i, s / len(members)) for i, s in guesses.items()), key=lambda kv: (-kv[1], kv[0]))[:3]
        leader = keys[idx[0]]
        groups.append(
            Group(
                id=key_hash(leader)[:12],
                representative=display[idx[0]],
                count=len(members),
                texts=[(display[i], weights[i]) for i in idx],
                keys=[keys[i] for i in idx],
                first_seen=min(m.ts for m in members),
                last_seen=max(m.ts for m in members),
                doors=Counter(m.door for m in members),
                reasons=Counter(m.reason for m in members),
                guesses=top,
            )
        )
    groups.sort(key=lambda g: (-g.count, -g.last_seen))
    remaining = sum(len(v) for v in by_key.values())
    return Inbox(
        groups, remaining, labelled_messages, ungrouped, Counter(m.reason for v in by_key.values() for m in v)
    )
