"""The injectable "today": every rule and answer is written for this date.

``BOT_TODAY=YYYY-MM-DD`` pins it (tests, demos); unset, it is the current date in
Korea, because the program's dates are Korea time whatever the server's zone is.
"""
import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")


class BadTodayError(ValueError):
    """BOT_TODAY is set but is not a YYYY-MM-DD date."""


def today(environ=None) -> date:
    env = os.environ if environ is None else environ
    pinned = env.get("BOT_TODAY", "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError as exc:
            raise BadTodayError(f"BOT_TODAY must be YYYY-MM-DD, got {pinned!r}") from exc
    return datetime.now(SEOUL).date()
