"""Process-wide dependencies of the action server, built on first use (not at import)."""

from datetime import date, datetime
from functools import lru_cache

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


def today() -> date:
    return clock.today(settings.current().bot_today)


def now() -> datetime:
    """Korea time now (BOT_TODAY and BOT_NOW pin it): the application hours depend on it."""
    return clock.now(settings.current().bot_today, settings.current().bot_now)
