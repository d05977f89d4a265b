"""Process-wide dependencies of the action server, built on first use (not at import)."""
import os
from datetime import date, timedelta
from functools import lru_cache

from remedy_rules import today as rules_today
from subscriber_db import SubscriberRepository, make_engine

MAX_VERIFY_FAILURES = int(os.environ.get("VERIFY_MAX_FAILURES", "5"))
LOCK_WINDOW = timedelta(minutes=int(os.environ.get("VERIFY_LOCK_MINUTES", "30")))


@lru_cache(maxsize=1)
def repository() -> SubscriberRepository:
    repo = SubscriberRepository(make_engine())
    repo.create_schema()
    return repo


def today() -> date:
    return rules_today()


def channel_of(tracker) -> str:
    return tracker.get_latest_input_channel() or "unknown"
