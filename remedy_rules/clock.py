"""The injectable "today" (and "now"): every rule and answer is written for this date.

``BOT_TODAY=YYYY-MM-DD`` pins the day (tests, demos); unset, it is the current date in
Korea, because the program's dates are Korea time whatever the server's zone is.
``BOT_NOW=HH:MM`` pins the time of day the same way (the application hours, 09:00–22:00).
"""
import os
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")


class BadTodayError(ValueError):
    """BOT_TODAY or BOT_NOW is set but is not a date / a time."""


def today(environ=None) -> date:
    env = os.environ if environ is None else environ
    pinned = env.get("BOT_TODAY", "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError as exc:
            raise BadTodayError(f"BOT_TODAY must be YYYY-MM-DD, got {pinned!r}") from exc
    return datetime.now(SEOUL).date()


def now(environ=None) -> datetime:
    """Korea time now, on ``today()``'s date: the day and the time of day can each be pinned."""
    env = os.environ if environ is None else environ
    pinned = env.get("BOT_NOW", "").strip()
    if pinned:
        try:
            clock = time.fromisoformat(pinned)
        except ValueError as exc:
            raise BadTodayError(f"BOT_NOW must be HH:MM, got {pinned!r}") from exc
    else:
        clock = datetime.now(SEOUL).time().replace(tzinfo=None)
    return datetime.combine(today(env), clock, SEOUL)
