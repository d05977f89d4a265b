"""Program questions answered the same for everyone, written for today (wording_ko.answers)."""

from typing import Optional

import settings
from actions.turn import Turn
from wording_ko.answers import (
    FAQ_ANSWERS,
    compensation_answer,
    how_to_apply_answer,
    refund_needs_application_answer,
    reward_ott_how_answer,
)

# The refund's topics: a premise that it comes without applying is corrected first.
_REFUND_INTENTS = frozenset(
    {
        "ask_refund_schedule",
        "ask_how_to_apply",
        "ask_waiver_who",
        "ask_waiver_window",
        "ask_refund_scope",
        "nlu_fallback",
    }
)
# Topics whose answer changes when the customer asks how it is done (how is not announced: said first).
_HOW_ANSWERS = {"ask_reward_ott": reward_ott_how_answer}


def answer(turn: Turn) -> Optional[str]:
    if turn.reading.assumes_automatic_refund and turn.intent in _REFUND_INTENTS:
        return refund_needs_application_answer(turn.today, turn.at)
    if turn.reading.asks_compensation:  # money for the leak's victims, whatever topic it was heard as
        return compensation_answer(turn.today, turn.at)
    documents = turn.intent == "ask_missed_deadline" and turn.reading.apply_part == "documents"
    if turn.intent == "ask_how_to_apply" or documents:  # "from when", "the last day", "how": that part first
        advertised = settings.current().chat_apply_advertised
        return how_to_apply_answer(turn.today, turn.at, turn.reading.apply_part, advertised, turn.text)
    if turn.reading.asks_how_it_is_done and turn.intent in _HOW_ANSWERS:
        return _HOW_ANSWERS[turn.intent](turn.today, turn.at)
    render = FAQ_ANSWERS.get(turn.intent or "")
    return render(turn.today, turn.at) if render else None
