"""When the NLU hesitates between two topics: a bare word ("환급이요") gets a question with two
buttons (the buttons carry the intent itself, so the answer that follows is exactly that topic and
nothing is learnt from the guess); a whole question gets both answers. A message with two questions
("…언제예요? 그리고 …돼요?", "A 알려주시고요, B는…", "A랑 B 알려주세요", "…환급돼요? 안 되면 상담은
어디로 해요?") gets an answer to each: the clauses are read by the words of each topic
(korean_nlu.reading.faq_topic_in_words, words in data/lexicon/), and the NLU's ranking is the last resort.
"""

import re
from typing import AbstractSet, Dict, List, Optional, Tuple

from rasa_sdk.executor import CollectingDispatcher

from actions.topics import FAQ_INTENTS, INTENT_LABELS
from actions.turn import Turn
from korean_nlu.reading import faq_topic_in_words

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


def too_short_to_guess(turn: Turn) -> bool:
    return len(re.sub(r"\s", "", turn.text)) <= SHORT_MESSAGE


def other_questions(turn: Turn, covered: AbstractSet[str]) -> List[Tuple[str, str]]:
    """(intent, its clause) for each question of a message that asks two things that the answer given
    (which ``covered`` those topics) left unanswered, in the message's order; read from the words of
    each clause, else from the NLU's ranking."""
    parts = turn.reading.clauses  # where the second question starts: data/lexicon/clauses.yml
    if parts:
        found: Dict[str, str] = {}
        for clause in parts:
            topic = faq_topic_in_words(clause, covered)
            if topic:
                found.setdefault(topic, clause)
        if found:
            return list(found.items())
    if "request_human" not in covered and turn.reading.faq_topic == "request_human":
        return [("request_human", turn.text)]  # "114로 걸어도 돼요?" inside a story: the centre, too
    if not turn.reading.two_questions:
        return []
    for r in turn.intent_ranking:
        name = r.get("name")
        if name not in covered and name in FAQ_INTENTS and float(r.get("confidence") or 0) >= SECOND_FLOOR:
            return [(name, turn.text)]
    return []
