"""When the NLU hesitates between two topics: a bare word ("환급이요") gets a question with two
buttons (the buttons carry the intent itself, so the answer that follows is exactly that topic and
nothing is learnt from the guess); a whole question gets both answers. A message with two questions
("…언제예요? 그리고 …돼요?", "A 알려주시고요, B는…", "A랑 B 알려주세요", "…환급돼요? 안 되면 상담은
어디로 해요?") gets an answer to each: the clauses are read by the words of each topic
(actions.topics.faq_topic_in_words), and the NLU's ranking is the last resort.
"""

import re
from typing import AbstractSet, Dict, List, Optional, Tuple

from rasa_sdk.executor import CollectingDispatcher

from actions.topics import FAQ_INTENTS, INTENT_LABELS, faq_topic_in_words
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


# Where a second question starts: after a question mark with more to come, at "그리고", after "…주시고요,",
# at "안 되면" (the fallback plan), and in "A랑 B 알려주세요".
_SECOND_STARTS = re.compile(
    r"[?？]+\s*(?=\S)|(?:^|\s)(?=(?:그리고요?|그리구|글고|또한|아\s*그리고|추가로|하나\s*더)\s)|"
    r"(?:주시고요?|주시구요?|해\s*주시고|하고요|했고요|이고요)\s*,?\s+|"
    r"(?:^|\s)(?=(?:안\s*되면|안\s*돼면|안\s*들어오면|못\s*받으면|안\s*나오면|(?:아직\s*)?(?:못|안)\s*받았으면)\s)"
)
_BOTH_ASKED = re.compile(r"\S(?:이랑|랑)\s+(?=\S.*(?:알려|가르쳐|궁금|뭐예요|언제))")


def clauses(text: str) -> Optional[Tuple[str, str]]:
    """The two questions of a message that asks two things: (first, second), else None."""
    for m in list(_SECOND_STARTS.finditer(text)) + list(_BOTH_ASKED.finditer(text)):
        first, second = text[: m.end()].strip(), text[m.end() :].strip()
        if len(first) > 1 and len(second) > 1:
            return first, second
    return None


def other_questions(turn: Turn, covered: AbstractSet[str]) -> List[Tuple[str, str]]:
    """(intent, its clause) for each question of a message that asks two things that the answer given
    (which ``covered`` those topics) left unanswered, in the message's order; read from the words of
    each clause, else from the NLU's ranking."""
    parts = clauses(turn.text)
    if parts:
        found: Dict[str, str] = {}
        for clause in parts:
            topic = faq_topic_in_words(clause, covered)
            if topic:
                found.setdefault(topic, clause)
        if found:
            return list(found.items())
    if "request_human" not in covered and faq_topic_in_words(turn.text) == "request_human":
        return [("request_human", turn.text)]  # "114로 걸어도 돼요?" inside a story: the centre, too
    if not _TWO_QUESTIONS.search(turn.text):
        return []
    for r in turn.intent_ranking:
        name = r.get("name")
        if name not in covered and name in FAQ_INTENTS and float(r.get("confidence") or 0) >= SECOND_FLOOR:
            return [(name, turn.text)]
    return []
