"""The Korean reading of one message, made once: whose line it is about, what it asks for, which topic
its words name. The words are in data/lexicon/*.yml (korean_nlu.lexicon); the router and the handlers
read the ``Reading`` (actions.turn.Turn.reading) instead of running patterns of their own.

Functions that read a part of a message (a clause, a slot's value) rather than the whole turn are
functions here too: ``faq_topic_in_words``, ``clauses``, ``line_kind_in_words``, ``choice_in_words``,
``asked_part``.
"""

import re
from dataclasses import dataclass
from typing import AbstractSet, Optional, Sequence, Tuple

from korean_nlu.lexicon import Words, lexicon

_L = lexicon()  # read at import: a broken word list stops the start, not a conversation
_FIRST_PERSON = _L.pattern("first_person")
_MY_LINE = _L.pattern("my_line")
_MY_THING = _L.pattern("my_thing")
_QUESTION_WORDS = _L.pattern("question_words")
_GENERAL_ASPECT = _L.pattern("general_aspect")
_PLAN = _L.pattern("plan")
_RESCUE = _L.family("rescue")
_FAQ_WORDS = _L.family("faq_words")
_TOPIC_WORDS = _L.family("topic_words")
_SECOND_STARTS = _L.pattern("second_starts")
_BOTH_ASKED = _L.pattern("both_asked")
_LINE_KINDS = _L.family("line_kinds")
_CHOICE_NUMBERS = _L.family("choice_numbers")
_CARD_SECTIONS = _L.family("card_sections")
_OTHER_PEOPLE = tuple(_L.pattern(f"person_{who}") for who in ("child", "parent", "spouse", "sibling"))
_APPLY_PARTS = _L.family("apply_parts")
_PERSON_WORD = _L.pattern("person_word")
_CONFIRMS = _L.pattern("asks_to_confirm")
_NOT_REFUNDED = _L.pattern("believed_not_refunded")
_REFUNDED = _L.pattern("believed_refunded")
_SELF_WORD = _L.pattern("self_word")
_ASKED_ASPECT = _L.family("asked_aspect")
_ANSWERED_ASPECT = dict(_L.family("answered_aspect"))
_NOT_A_SUBJECT = _L.pattern("not_a_subject")
_WORD = re.compile(r"[가-힣]{2,}|[A-Za-z]{4,}")


@dataclass(frozen=True)
class Reading:
    """What the words of one message say, before any rule or the NLU's intent is applied."""

    first_person: bool  # "저는", "내", "my": the customer speaks of themselves
    other_person: (
        bool  # "제 동생", "우리 딸", "어머니": someone else is named (their line is not verified here)
    )
    names_own_line: bool  # "제 환급금", "저 대상인가요": only their own line answers it
    asks_outright_about_own_line: bool  # "제 지급일 언제예요?": a thing of their line, asked for
    asks_in_general: bool  # how, where, until when, or a plan: the same answer for everyone
    rescued_intent: Optional[str]  # the topic the program's everyday words name (first match wins)
    faq_topic: Optional[str]  # the FAQ topic whose words come first in the message
    topic: Optional[str]  # the personal topic the words name (insurance, rewards, refund, eligibility)
    specific_topic: Optional[str]  # the same, only when more precise than eligibility
    about_leaving: bool  # a story about leaving KT
    about_money: bool  # refund, penalty, what is covered
    asks_lookup: bool  # asks for the line on record ("조회", "회선")
    cannot_apply: bool  # a reason that keeps one from applying in time
    asks_whether: bool  # whether, when or where one can (apply)
    wants_to_apply: bool  # "신청해 주세요": wants it done here
    plans_to_leave: bool  # "옮기려는데"
    asks_to_check: bool  # "봐 주실래요", "확인 부탁"
    topic_alone: bool  # "신청은요?": one topic's word alone, the next question
    two_questions: bool  # two question marks, "그리고", "추가로" …
    clauses: Optional[Tuple[str, str]]  # the two questions of a message that asks two things
    this_customer: bool  # an agent's "이 고객", "해당 회선": the line already on screen
    asks_the_account: bool  # "어느 계좌로 들어와요?": into whose account the refund is paid
    card_section: Optional[str]  # the line card's section an agent's words ask for
    apply_part: Optional[
        str
    ]  # the part of the application asked for: paid, end, start, period, documents, where
    asks_how_it_is_done: bool  # how a reward is chosen, claimed or consented to
    asks_compensation: bool  # money for the leak's victims
    assumes_automatic_refund: bool  # the premise that the refund comes without applying
    bare_phrase: bool  # a topic's words alone, no verb ("환급 신청")
    stays_at_kt: bool  # staying at KT instead of leaving ("걍 남으면")


def read(text: str) -> Reading:
    """The reading of one message (no Rasa, no rules: words only)."""
    text = text or ""
    return Reading(
        first_person=bool(_FIRST_PERSON.search(text)),
        other_person=any(p.search(text) for p in _OTHER_PEOPLE),
        names_own_line=bool(_MY_LINE.search(text)),
        asks_outright_about_own_line=bool(_MY_THING.search(text)) and bool(_QUESTION_WORDS.search(text)),
        asks_in_general=bool(_GENERAL_ASPECT.search(text) or _PLAN.search(text)),
        rescued_intent=rescued_intent(text),
        faq_topic=faq_topic_in_words(text),
        topic=topic_in_words(text),
        specific_topic=topic_in_words(text, specific=True),
        about_leaving=_found("about_leaving", text),
        about_money=_found("about_money", text),
        asks_lookup=_found("asks_lookup", text),
        cannot_apply=_found("cannot_apply", text),
        asks_whether=_found("asks_whether", text),
        wants_to_apply=_found("wants_to_apply", text),
        plans_to_leave=_found("plans_to_leave", text),
        asks_to_check=_found("asks_to_check", text),
        topic_alone=_found("topic_alone", text),
        two_questions=_found("two_questions", text),
        clauses=clauses(text),
        this_customer=_found("this_customer", text),
        asks_the_account=_found("asks_the_account", text),
        card_section=_first(_CARD_SECTIONS, text),
        apply_part=asked_part(text),
        asks_how_it_is_done=_found("asks_how_it_is_done", text),
        asks_compensation=_found("asks_compensation", text),
        assumes_automatic_refund=_found("assumes_automatic_refund", text),
        bare_phrase=_found("bare_phrase", text),
        stays_at_kt=_found("stays_at_kt", text),
    )


def _found(name: str, text: str) -> bool:
    return _L.pattern(name).search(text) is not None


def _first(family: Tuple[Tuple[str, Words], ...], text: str) -> Optional[str]:
    return next((means for means, words in family if words.search(text) is not None), None)


def asked_part(text: str) -> Optional[str]:
    """paid | end | start | period | documents | where: the part of the refund application a question
    asks for ("신청 언제까지예요?" → end), first match wins; None if none."""
    return _first(_APPLY_PARTS, text or "")


def people_with_ages(text: str, entities: Sequence[dict]) -> Tuple[Tuple[str, int, int], ...]:
    """(who, youngest, oldest) for each age the message gives ("할머니는 81세, 동생은 16살"): who is the
    person word nearest before the age since the previous one ("고객님" for the customer, "" for none)."""
    found, last = [], 0
    for e in sorted((e for e in entities if e.get("entity") == "age"), key=lambda e: e["start"]):
        band = re.fullmatch(r"(\d{1,3})(?:-(\d{1,3}))?", str(e.get("value")))
        if band is None:
            continue
        words = list(_PERSON_WORD.finditer(text[last : e["start"]]))
        who = words[-1].group(0).strip() if words else ""
        who = "고객님" if who and _SELF_WORD.fullmatch(who) else who
        young = int(band.group(1))
        found.append((who, young, int(band.group(2) or young)))
        last = e["end"]
    return tuple(found)


_AGE_REWARDS = {"ask_reward_insurance": "insurance", "ask_reward_ott": "ott"}


def age_rewards_named(text: str) -> Tuple[str, ...]:
    """The rewards with an age rule whose words the message uses: "insurance", "ott", in that order."""
    named = {
        means for means, words in _FAQ_WORDS if means in _AGE_REWARDS and words.search(text or "") is not None
    }
    return tuple(_AGE_REWARDS[m] for m in _AGE_REWARDS if m in named)


def beliefs_about_charges(text: str, spans: Sequence[Tuple[int, int, bool]]) -> Optional[bool]:
    """For a question that asks to confirm what it says of the charges named ("할부금은 안 되고 위약금만
    되는 거죠?"), given each charge's (start, end, refunded): True when every belief said is right,
    False when one is wrong, None when none is said or it is no confirmation question."""
    if not spans or _CONFIRMS.search(text) is None:
        return None
    verdicts = []
    for index, (_start, end, refunded) in enumerate(spans):
        limit = spans[index + 1][0] if index + 1 < len(spans) else len(text)
        words = text[end:limit]
        if _NOT_REFUNDED.search(words):
            verdicts.append(not refunded)
        elif _REFUNDED.search(words):
            verdicts.append(refunded)
    return all(verdicts) if verdicts else None


def rescued_intent(text: str) -> Optional[str]:
    """The topic the program's everyday words name ("스미싱 당했는데" → the insurance); None if none."""
    return _first(_RESCUE, text or "")


def faq_topic_in_words(text: str, besides: AbstractSet[str] = frozenset()) -> Optional[str]:
    """The FAQ intent one clause names by its words, the earliest in the clause (other than the topics
    ``besides``, already answered); None if none."""
    found = [
        (at, order, intent)  # at the same place the topic listed first wins (missed before how)
        for order, (intent, words) in enumerate(_FAQ_WORDS)
        if intent not in besides
        for at in [words.search(text or "")]
        if at is not None
    ]
    return min(found)[2] if found else None


def topic_in_words(text: str, specific: bool = False) -> Optional[str]:
    """The personal topic a message names ("내 혜택 뭐임" → rewards); with ``specific``, only a part more
    precise than eligibility (insurance, rewards, the refund)."""
    return next(
        (
            topic
            for topic, words in _TOPIC_WORDS
            if not (specific and topic == "eligibility") and words.search(text or "") is not None
        ),
        None,
    )


def clauses(text: str) -> Optional[Tuple[str, str]]:
    """The two questions of a message that asks two things: (first, second), else None."""
    for m in list(_SECOND_STARTS.finditer(text)) + list(_BOTH_ASKED.finditer(text)):
        first, second = text[: m.end()].strip(), text[m.end() :].strip()
        if len(first) > 1 and len(second) > 1:
            return first, second
    return None


def line_kind_in_words(text: str) -> Optional[str]:
    """The kind of line a short answer names ("워치요" → second_device); None if none."""
    return _first(_LINE_KINDS, text)


def choice_in_words(text: str) -> Optional[int]:
    """The number of a choice in words ("둘째 거" → 2); None if none."""
    means = _first(_CHOICE_NUMBERS, text)
    return int(means) if means is not None else None


def asked_aspect(text: str) -> Optional[str]:
    """What a follow-up asks of the topic just answered: "hour", "duration", "start", "end", "amount",
    "where", or "stuck" (it did not come, what now); None when its words ask none of these."""
    return _first(_ASKED_ASPECT, text or "")


def answers_aspect(aspect: str, sentence: str) -> bool:
    """Whether ``sentence`` answers ``aspect`` (a date from which, a length, an amount, a place)."""
    words = _ANSWERED_ASPECT.get(aspect)
    return words is not None and words.search(sentence) is not None


def subject_stems(text: str) -> Tuple[str, ...]:
    """The first two letters of each word a question is about ("적용되는" → "적용"), without the words
    that point back or ask ("그거", "어케")."""
    stems = (w[:2] if w[0] >= "가" else w.lower() for w in _WORD.findall(text or ""))
    return tuple(dict.fromkeys(s for s in stems if not _NOT_A_SUBJECT.fullmatch(s)))
