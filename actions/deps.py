"""Process-wide dependencies of the action server, built on first use (not at import)."""

from contextvars import ContextVar
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Optional, Tuple

import settings
from remedy_rules import clock
from subscriber_db import SubscriberRepository, make_engine

MAX_VERIFY_FAILURES = settings.current().verify_max_failures
LOCK_MINUTES = settings.current().verify_lock_minutes


@lru_cache(maxsize=1)
def repository() -> SubscriberRepository:
    repo = SubscriberRepository(make_engine())
    repo.create_schema()
    return repo


# Tests only (BOT_CLOCK_FROM_MESSAGES): the day and time one message pins for its own turn. A
# context variable: each action call runs in its own task, so a pin never outlives its turn.
_pinned: ContextVar[Tuple[Optional[str], Optional[str]]] = ContextVar("pinned_clock", default=(None, None))


def pin_clock(metadata: Any) -> None:
    """Take the message's ``metadata.clock`` as this turn's day and time, where tests allow it (the
    REST door passes it on only then, checked)."""
    pinned = metadata.get("clock") if isinstance(metadata, dict) else None
    if settings.current().clock_from_messages and isinstance(pinned, dict):
        _pinned.set((pinned.get("today"), pinned.get("now")))


def today() -> date:
    day, _ = _pinned.get()
    return clock.today(day or settings.current().bot_today)


def now() -> datetime:
    """Korea time now (BOT_TODAY and BOT_NOW pin it): the application hours depend on it."""
    day, time_of_day = _pinned.get()
    s = settings.current()
    return clock.now(day or s.bot_today, time_of_day or s.bot_now)
