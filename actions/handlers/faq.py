"""Program questions answered the same for everyone, written for today (wording_ko.answers)."""

from typing import Optional

import settings
from actions.turn import Turn
from wording_ko.answers import FAQ_ANSWERS, asked_part, how_to_apply_answer


def answer(turn: Turn) -> Optional[str]:
    if turn.intent == "ask_how_to_apply":  # "from when", "the last day", "how": that part first
        advertised = settings.current().chat_apply_advertised
        return how_to_apply_answer(turn.today, turn.at, asked_part(turn.text), advertised, turn.text)
    render = FAQ_ANSWERS.get(turn.intent or "")
    return render(turn.today, turn.at) if render else None
