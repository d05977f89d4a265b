"""The injectable "today": every rule and answer is written for this date.

``BOT_TODAY=YYYY-MM-DD`` pins it (tests, demos; read by ``settings``, passed in here);
unset, it is the current date in Korea, because the program's dates are Korea time
whatever the server's zone is.
"""
from datetime import date, datetime
from typing import Optional
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")


class BadTodayError(ValueError):
    """BOT_TODAY is set but is not a YYYY-MM-DD date."""


def today(pinned: Optional[str] = None) -> date:
    """The pinned date (``YYYY-MM-DD``) if given, else the current date in Seoul."""
    pinned = (pinned or "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError as exc:
            raise BadTodayError(f"BOT_TODAY must be YYYY-MM-DD, got {pinned!r}") from exc
    return datetime.now(SEOUL).date()
