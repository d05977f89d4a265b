"""Customer verification as one atomic step, limited per number and per conversation.

The actions call ``attempt``; the repository checks the locks, compares the birth date and
counts a failure in one database transaction (subscriber_db.repository.attempt_verification).
Limits (settings): VERIFY_MAX_FAILURES per number within VERIFY_LOCK_MINUTES locks it for
VERIFY_LOCK_MINUTES, each further lock that day twice as long; VERIFY_DAILY_MAX_FAILURES per
number per 24 h; VERIFY_SOURCE_MAX_FAILURES per conversation (= channel user: the conversation
id is the channel's user id, or a server-issued web id) per 24 h, whatever the numbers tried.

A verified customer is marked by a sealed value bound to the conversation, never by a word a
customer could type.
"""

import hashlib
import hmac
from datetime import date, datetime, timedelta
from typing import List, Optional, Sequence

import settings
from privacy.sealing import seal, unseal
from subscriber_db.repository import LockPolicy, SubscriberRepository, VerificationOutcome, utcnow

_VERIFIED = "verified-conversation:"


def policy() -> LockPolicy:
    s = settings.current()
    return LockPolicy(
        max_failures=s.verify_max_failures,
        window=timedelta(minutes=s.verify_lock_minutes),
        daily_max=s.verify_daily_max_failures,
        source_daily_max=s.verify_source_max_failures,
    )


def _key(kind: str, value: str) -> str:
    return hmac.new(
        settings.current().seal_key().encode(), f"{kind}:{value}".encode("utf-8"), hashlib.sha256
    ).hexdigest()


def phone_key(phone: str) -> str:
    """A stable, non-reversible key for a phone number (shared by every conversation and replica)."""
    return _key("phone", phone)


def source_key(sender_id: str) -> str:
    return _key("conversation", sender_id)


def attempt(
    repo: SubscriberRepository, phone: str, birth: date, sender_id: str, channel: str
) -> VerificationOutcome:
    return repo.attempt_verification(
        phone,
        birth,
        phone_key(phone),
        source_key(sender_id),
        policy(),
        actor=f"customer:{sender_id}",
        channel=channel,
    )


def locked_until(repo: SubscriberRepository, phone: Optional[str], sender_id: str) -> Optional[datetime]:
    keys = [source_key(sender_id)] + ([phone_key(phone)] if phone else [])
    return repo.verification_locked_until(*keys)


def minutes_left(until: Optional[datetime]) -> int:
    if until is None:
        return 0
    return max(1, int((until - utcnow()).total_seconds() + 59) // 60)


def verified_marker(sender_id: str, lines: Sequence[str] = ()) -> str:
    """The birth_date slot after success: sealed, bound to this conversation and to the lines it
    verified, so that ``line_id`` and ``verified_lines`` set by anyone else (the HTTP API's
    tracker events) name no line (issue 21)."""
    return seal(_VERIFIED + sender_id + "\n" + ",".join(lines))


def verified_lines_of(value, sender_id: str) -> Optional[List[str]]:
    """The lines a verified marker binds to this conversation, or None if it is not one."""
    if not isinstance(value, str):
        return None
    sealed = unseal(value)
    if sealed is None:
        return None
    head, _, lines = sealed.partition("\n")
    if head != _VERIFIED + sender_id:
        return None
    return [line for line in lines.split(",") if line]


def is_verified_marker(value, sender_id: str) -> bool:
    return verified_lines_of(value, sender_id) is not None


def own_line_slots(name: str, value, marker, sender_id: str):
    """``line_id`` / ``verified_lines`` as far as the sealed marker vouches for them, else None."""
    own = verified_lines_of(marker, sender_id) or []
    if name == "line_id":
        return value if isinstance(value, str) and value in own else None
    if isinstance(value, list):
        kept = [line for line in value if isinstance(line, str) and line in own]
        return kept or None
    return None


def locked_message(until: Optional[datetime], default_minutes: int, centre: str) -> str:
    """Why this number cannot be verified now, with how long (escalated locks last longer)."""
    minutes = minutes_left(until) if until is not None else default_minutes
    if minutes > 120:
        wait = f"{(minutes + 59) // 60}시간"
    else:
        wait = f"{minutes}분"
    return f"보안을 위해 이 번호의 본인 확인이 {wait} 동안 잠겼어요. 잠시 후 다시 시도하시거나 {centre}로 문의해 주세요."
