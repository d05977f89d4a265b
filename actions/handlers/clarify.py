"""When the NLU hesitates between two topics: a bare word ("환급이요") gets a question with two
buttons (the buttons carry the intent itself, so the answer that follows is exactly that topic and
nothing is learnt from the guess); a whole question gets both answers. A message with two questions
("…언제예요? 그리고 …돼요?") gets an answer to each.
"""

import re
from typing import Dict, List, Optional, Tuple

from rasa_sdk.executor import CollectingDispatcher

from actions.topics import FAQ_INTENTS, INTENT_LABELS
from actions.turn import Turn

# Close enough to ask: both of the two best topics above FLOOR and within MARGIN of each other.
FLOOR = 0.2
MARGIN = 0.25
QUESTION = "어떤 내용을 알고 싶으신지 골라 주세요."


def candidates(turn: Turn) -> Optional[Tuple[str, str]]:
    ranking = [r for r in turn.intent_ranking if r.get("name") in INTENT_LABELS]
    if len(ranking) < 2:
        return None
    first, second = ranking[0], ranking[1]
    if (
        second.get("confidence", 0) < FLOOR
        or first.get("confidence", 0) - second.get("confidence", 0) > MARGIN
    ):
        return None
    return first["name"], second["name"]


def ask(pair: Tuple[str, str], dispatcher: CollectingDispatcher) -> None:
    buttons: List[Dict[str, str]] = [{"title": INTENT_LABELS[i], "payload": f"/{i}"} for i in pair]
    dispatcher.utter_message(text=QUESTION, buttons=buttons)


SHORT_MESSAGE = 12  # characters, spaces not counted
SECOND_FLOOR = 0.1
_TWO_QUESTIONS = re.compile(
    r"[?？].*\S.*[?？]|(?:그리고|그리구|또한|그리고요|아\s*그리고|추가로|하나\s*더|또\s+)", re.S
)


def too_short_to_guess(turn: Turn) -> bool:
    return len(re.sub(r"\s", "", turn.text)) <= SHORT_MESSAGE


def second_question(turn: Turn) -> Optional[str]:
    """The other topic of a message that asks two things, if the NLU saw one."""
    if not _TWO_QUESTIONS.search(turn.text):
        return None
    for r in turn.intent_ranking:
        name = r.get("name")
        if name != turn.intent and name in FAQ_INTENTS and float(r.get("confidence") or 0) >= SECOND_FLOOR:
            return name
    return None
