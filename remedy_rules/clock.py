"""The injectable "today" (and "now"): every rule and answer is written for this date.

``BOT_TODAY=YYYY-MM-DD`` pins the day and ``BOT_NOW=HH:MM`` the time of day (the application
hours, 09:00–22:00) for tests and demos; ``settings`` reads them and passes them in here. Unset,
it is the current date and time in Korea, because the program's dates are Korea time whatever
the server's zone is.
"""

from datetime import date, datetime, time
from typing import Optional
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")


class BadTodayError(ValueError):
    """BOT_TODAY or BOT_NOW is set but is not a date / a time."""


def today(pinned: Optional[str] = None) -> date:
    """The pinned date (``YYYY-MM-DD``) if given, else the current date in Seoul."""
    pinned = (pinned or "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError as exc:
            raise BadTodayError(f"BOT_TODAY must be YYYY-MM-DD, got {pinned!r}") from exc
    return datetime.now(SEOUL).date()


def now(pinned_day: Optional[str] = None, pinned_time: Optional[str] = None) -> datetime:
    """Korea time now, on ``today()``'s date: the day and the time of day can each be pinned."""
    pinned_time = (pinned_time or "").strip()
    if pinned_time:
        try:
            clock = time.fromisoformat(pinned_time)
        except ValueError as exc:
            raise BadTodayError(f"BOT_NOW must be HH:MM, got {pinned_time!r}") from exc
    else:
        clock = datetime.now(SEOUL).time().replace(tzinfo=None)
    return datetime.combine(today(pinned_day), clock, SEOUL)
