"""Customer verification: mobile number, then birth date (or both at once).

A failure never says which part was wrong nor whether the number exists. The check, the
count of failures and the escalating locks are one atomic step (auth/verification.py). The
number crosses turns sealed (privacy.sealing); after success only the line ids are kept.
"""

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk.executor import CollectingDispatcher

import settings
from actions.deps import LOCK_MINUTES, MAX_VERIFY_FAILURES, repository
from actions.handlers.identity import birth_date_part, find_birth_date, find_phone
from actions.turn import Turn
from auth import guessing
from auth import verification as guard
from korean_nlu.reading import choice_in_words, line_kind_in_words
from privacy.sealing import seal, unseal
from wording_ko.explain import CENTRE
from wording_ko.personal import line_label

logger = logging.getLogger(__name__)
FAILED = "입력하신 정보로 본인 확인이 되지 않았어요. 휴대폰 번호부터 다시 알려 주세요."
STOPPED = f"본인 확인에 여러 번 실패해서 이 대화에서는 더 이상 확인할 수 없어요. {CENTRE}로 문의해 주세요."
ASK_PHONE_AGAIN = "휴대폰 번호를 010-1234-5678 형식으로 알려 주세요."
ASK_BIRTH_AGAIN = "생년월일을 6자리(예: 900101) 또는 1990-01-01 형식으로 알려 주세요."
ASK_BIRTH_WHOLE = "태어난 해와 월, 일을 함께 알려 주세요. (예: 1990년 1월 1일 또는 900101)"
ASK_BIRTH_SOLAR = "주민등록상 생년월일(양력)로 알려 주세요. (예: 1990년 1월 1일 또는 900101)"
_ASK_FOR_THE_REST = {"year": ASK_BIRTH_WHOLE, "month_day": ASK_BIRTH_WHOLE, "lunar": ASK_BIRTH_SOLAR}
ASK_LINE_AGAIN = "확인할 회선의 번호를 골라 주세요."


def _client(turn: Turn) -> Optional[str]:
    metadata = (turn.tracker.latest_message or {}).get("metadata")
    return guessing.verified_address(metadata, turn.sender_id, settings.current().seal_key())


def attempt(phone: str, birth, turn: Turn, dispatcher: CollectingDispatcher) -> Dict[str, Any]:
    """Check phone + birth date (one atomic step: auth/verification.py); the slot updates that follow.
    Before it, the limits across conversations (auth/guessing.py): per client address and global."""
    client = _client(turn) if turn.agent is None else None
    limit = guessing.check(client)
    if not limit.allowed:
        dispatcher.utter_message(text=guessing.refusal_text(limit, CENTRE))
        if limit.kind == "wait":  # not a guess: nothing is checked or counted
            return {"phone": None, "birth_date": None}
        return {"phone": None, "birth_date": None, "verification": "locked"}
    outcome = guard.attempt(repository(), phone, birth, turn.sender_id, turn.channel)
    if not outcome.verified and (outcome.locked_until is None or outcome.locked_now):
        spike = guessing.record_failure(client)
        if spike:
            logger.warning("verification failure spike: %s", spike)
            repository().record_lookup("guard:verification", turn.channel, None, spike)
    if outcome.verified:  # audited in the same transaction
        ids = [s.subscriber_id for s in outcome.lines]
        return {
            "phone": None,  # not kept once verified
            "birth_date": guard.verified_marker(turn.sender_id, ids),  # sealed: binds the lines too
            "verified_lines": ids,
            "line_id": ids[0] if len(ids) == 1 else None,
            "verification": "succeeded",
        }
    if outcome.locked_until is not None and not outcome.locked_now:  # locked before this attempt
        dispatcher.utter_message(
            text=guard.locked_message(outcome.locked_until, LOCK_MINUTES, CENTRE)
            if outcome.scope == "phone"
            else STOPPED
        )
        return {"phone": None, "birth_date": None, "verification_locked": True, "verification": "locked"}
    failures = int(turn.slot("verify_failures") or 0) + 1
    if outcome.locked_now or failures >= MAX_VERIFY_FAILURES:
        dispatcher.utter_message(text=STOPPED)
        return {
            "phone": None,
            "birth_date": None,
            "verify_failures": failures,
            "verification_locked": True,
            "verification": "locked",
        }
    dispatcher.utter_message(text=FAILED)
    return {"phone": None, "birth_date": None, "verify_failures": failures, "verification": "failed"}


def gives_identity(turn: Turn) -> bool:
    """A phone number or a birth date in the message: an answer to the form's question."""
    return find_phone(turn.text) is not None or find_birth_date(turn.text, turn.today) is not None


def tells_part_of_birth_date(turn: Turn, asked: Optional[str]) -> bool:
    """The birth year alone ("88년생이에요", "팔팔년생"), the lunar birthday ("음력 …"), or, asked for
    the birth date, its month and day alone ("사월 십이일이요"): part of the answer, not another
    question (the rest, or the solar date, is asked)."""
    part = birth_date_part(turn.text)
    return part in ("year", "lunar") or (part == "month_day" and asked == "birth_date")


def start_slots(turn: Turn, dispatcher: CollectingDispatcher) -> Dict[str, Any]:
    """What a message that starts verification already tells us (phone, or phone and birth date)."""
    if turn.slot("verification_locked"):
        return {}
    phone = find_phone(turn.text)
    if phone is None:
        return {}
    birth = find_birth_date(turn.text, turn.today)
    if birth is None:
        return {"phone": seal(phone)}
    return attempt(phone, birth, turn, dispatcher)


def take_phone(turn: Turn, dispatcher: CollectingDispatcher) -> Dict[str, Any]:
    """The form asked for the number: a number (and maybe the birth date too), or ask again."""
    phone = find_phone(turn.text)
    if phone is None:
        dispatcher.utter_message(text=ASK_PHONE_AGAIN)
        return {"phone": None}
    birth = find_birth_date(turn.text, turn.today)
    if birth is not None:
        return attempt(phone, birth, turn, dispatcher)
    until = guard.locked_until(repository(), phone, turn.sender_id)
    if until is not None:
        dispatcher.utter_message(text=guard.locked_message(until, LOCK_MINUTES, CENTRE))
        return {"phone": None, "verification_locked": True, "verification": "locked"}
    return {"phone": seal(phone)}


def take_birth_date(turn: Turn, dispatcher: CollectingDispatcher) -> Dict[str, Any]:
    """The form asked for the birth date: check it against the sealed number."""
    phone = find_phone(turn.text) or unseal(turn.slot("phone"))
    if phone is None:
        dispatcher.utter_message(text=ASK_PHONE_AGAIN)
        return {"phone": None, "birth_date": None}
    birth = find_birth_date(turn.text, turn.today)
    if birth is None and find_phone(turn.text) is not None:
        # "아 번호를 잘못 말했어요, 010-…": the number corrected; the birth date is asked next
        return {**take_phone(turn, dispatcher), "birth_date": None}
    if birth is None:
        # "팔팔년생이에요", "사월 십이일이요", "음력 …": the whole (solar) date asked for
        dispatcher.utter_message(
            text=_ASK_FOR_THE_REST.get(birth_date_part(turn.text) or "", ASK_BIRTH_AGAIN)
        )
        return {"birth_date": None}
    return attempt(phone, birth, turn, dispatcher)


def take_line_choice(value: Any, turn: Turn, dispatcher: CollectingDispatcher) -> Dict[str, Any]:
    ids = turn.slot("verified_lines") or []
    choice = _choice_index(str(value or ""), len(ids))
    if choice is None:  # "워치요", "폰이요": the kind of line, when only one line is of that kind
        choice = _kind_index(str(value or ""), ids)
    if choice is None:
        dispatcher.utter_message(text=ASK_LINE_AGAIN, buttons=line_buttons(ids))
        return {"line_choice": None}
    # Only a line this customer verified can be chosen: the index maps into their own list.
    return {"line_choice": str(choice + 1), "line_id": ids[choice]}


def sealed_phone(value: Any) -> bool:
    return isinstance(value, str) and unseal(value) is not None


def line_buttons(ids: List[str]) -> List[Dict[str, str]]:
    repo = repository()
    buttons = []
    for number, sid in enumerate(ids, start=1):
        s = repo.get(sid)
        if s is not None:
            label = line_label(s.line.line_type, s.line.joined_on, s.line.status)
            buttons.append({"title": f"{number}. {label}", "payload": str(number)})
    return buttons


def _kind_index(text: str, ids: List[str]) -> Optional[int]:
    kind = line_kind_in_words(text)  # "워치요", "폰이요": data/lexicon/lines.yml
    if kind is None:
        return None
    repo = repository()
    matching = [
        i for i, sid in enumerate(ids) if (s := repo.get(sid)) is not None and s.line.line_type == kind
    ]
    return matching[0] if len(matching) == 1 else None


def line_names(ids: List[str]) -> str:
    """ "1. 휴대폰 (2019년 가입, 사용 중), 2. 세컨드 디바이스(워치·태블릿) (…)": the lines offered, by name."""
    return ", ".join(b["title"] for b in line_buttons(ids))


def _choice_index(text: str, count: int) -> Optional[int]:
    digits = "".join(ch for ch in text if ch.isdigit())
    number = int(digits) if digits and len(digits) <= 2 else choice_in_words(text)
    if number is None or not 1 <= number <= count:
        return None
    return number - 1
