"""A follow-up never gets the answer it just had (issue 22: "a follow-up answers the follow-up").

When the route's answer is the very one the bot gave the turn before, the customer asked something
else of it. The router takes, in this order: the sentences of that answer that answer the aspect
asked (``answered_in``: "얼마 동안이에요?" → the sentence with the length); another topic the words
themselves name; then what ``focused`` words: the sentence of the question's own words, that it is
not announced when no sentence holds the aspect, where to turn when it did not work ("안 들어오면요?");
with nothing more precise to say, the answer stands.
"""

from typing import Any, Dict, List, Optional

from actions.turn import Turn
from korean_nlu.reading import answers_aspect, asked_aspect, subject_stems
from privacy.masking import mask_bot_text
from wording_ko.brief import asked_later, sentence_pieces
from wording_ko.explain import STUCK, UNKNOWN_DETAIL
from wording_ko.sources import attributed

_MOST = 2  # sentences that answer what is asked: not the answer again


# Replies looked back on: the answer just given (an earlier one asked for again is a return to its
# topic, answered whole).
_LOOK_BACK = 1


def previous_replies(turn: Turn) -> List[str]:
    """The texts the bot sent after the customer's message before this one, as stored (the store
    masks what reads as a date or a number: ``repeats`` compares masked with masked)."""
    events = list(turn.tracker.events or [])
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if len(users) < 2:
        return []
    start = users[max(0, len(users) - 1 - _LOOK_BACK)]
    return [e["text"] for e in events[start : users[-1]] if e.get("event") == "bot" and e.get("text")]


def repeats(messages: List[Dict[str, Any]], before: List[str]) -> bool:
    """The answer about to be sent opens with a text sent the turn before, word for word."""
    texts = [m["text"].strip() for m in messages if m.get("text")]
    said = {b.strip() for b in before}
    return bool(texts) and (texts[0] in said or mask_bot_text(texts[0]).strip() in said)


def stuck(question: str) -> bool:
    """ "안 들어오면요?", "다른 방법은 없어요?": what to do when the answer given did not work out."""
    return asked_aspect(question) == "stuck"


def fresh_rest(messages: List[Dict[str, Any]], before: List[str]) -> List[Dict[str, Any]]:
    """The texts after the repeated first one that were not said before ("해지는 언제 하셨어요?")."""
    return [m for m in messages[1:] if m.get("text") and not repeats([m], before)]


def answered_in(question: str, said: List[str], decided: bool = False) -> Optional[str]:
    """The sentences of ``said`` that answer the aspect ``question`` asks ("매장 가야 돼요?" → the one that
    says it comes automatically), when it holds them; None otherwise."""
    aspect = asked_aspect(question)
    if aspect is None or aspect == "stuck":
        return None
    mine, lead = _pieces_and_lead(said, decided)
    hits = _best([p for p in mine if answers_aspect(aspect, p)], lead)
    return attributed(" ".join(lead + hits)) if hits else None


def _pieces_and_lead(said: List[str], decided: bool):
    """The sentences said, and the one that leads whatever follows (a decided case's decision)."""
    mine = [piece for text in said for piece in sentence_pieces(text)]
    return mine, mine[:1] if decided else []


def _best(hits: List[str], lead: List[str]) -> List[str]:
    return [p for p in dict.fromkeys(hits) if p not in lead][:_MOST]


def focused(question: str, said: List[str], whole: Optional[str], decided: bool = False) -> str:
    """What to say instead of the answer again (``said``): from it and the topic's whole answer
    (``whole``), the sentences that answer what ``question`` asks. ``decided``: ``said`` decides the
    customer's own case, whose first sentence (the decision, the payout day) leads whatever follows."""
    mine, lead = _pieces_and_lead(said, decided)
    aspect = asked_aspect(question)
    if aspect == "stuck":
        return attributed(" ".join([*lead, STUCK]))
    stems = subject_stems(question)  # "어케 적용되는 건데?": the sentence about how it is applied

    def answering(found: List[str]) -> List[str]:
        if aspect:
            return [p for p in found if answers_aspect(aspect, p)]
        # the sentence with most of the question's own words, what it asks beyond an opening
        # (wording_ko.brief) counting as one more
        scores = {p: sum(stem in p for stem in stems) + asked_later(question, p) for p in found}
        best = max(scores.values(), default=0)
        return [p for p in found if best and scores[p] == best]

    # the answer given first; the topic's whole answer when it does not hold what is asked
    hits = _best(answering(mine) or answering(sentence_pieces(whole or "")), lead)
    if hits:
        return attributed(" ".join(lead + hits))
    if aspect:
        return attributed(" ".join([*lead, UNKNOWN_DETAIL]))
    return attributed(" ".join(said))  # nothing more precise to say: the answer stands (no fact dropped)
