"""Program questions answered the same for everyone, written for today (remedy_rules.answers_ko)."""
from typing import Optional

from actions.turn import Turn
from remedy_rules.answers_ko import FAQ_ANSWERS


def answer(turn: Turn) -> Optional[str]:
    render = FAQ_ANSWERS.get(turn.intent or "")
    return render(turn.today) if render else None
