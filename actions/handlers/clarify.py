"""When the NLU hesitates between two topics, ask which one was meant (two buttons) instead of the
fallback. The buttons carry the intent itself, so the answer that follows is exactly that topic and
nothing is learnt from the guess."""
from typing import Dict, List, Optional, Tuple

from rasa_sdk.executor import CollectingDispatcher

from actions.topics import INTENT_LABELS
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
    if second.get("confidence", 0) < FLOOR or first.get("confidence", 0) - second.get("confidence", 0) > MARGIN:
        return None
    return first["name"], second["name"]


def ask(pair: Tuple[str, str], dispatcher: CollectingDispatcher) -> None:
    buttons: List[Dict[str, str]] = [{"title": INTENT_LABELS[i], "payload": f"/{i}"} for i in pair]
    dispatcher.utter_message(text=QUESTION, buttons=buttons)
