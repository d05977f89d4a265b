"""The subscriber database: lines, refund applications and the lookup audit log.

SQLite by default, PostgreSQL through ``DATABASE_URL``. Nothing connects at import time:
callers build an engine with ``make_engine()`` and hand it to ``SubscriberRepository``.
"""

from subscriber_db.engine import database_url, make_engine
from subscriber_db.phone import InvalidPhoneError, mask_phone, normalize_phone
from subscriber_db.repository import Subscriber, SubscriberRepository

__all__ = [
    "InvalidPhoneError",
    "Subscriber",
    "SubscriberRepository",
    "database_url",
    "make_engine",
    "mask_phone",
    "normalize_phone",
]
