"""Low confidence or out of scope: say so, suggest topics; after two in a row, a person."""

import re

from rasa_sdk.executor import CollectingDispatcher

from actions.topics import FALLBACK_INTENTS, TOPIC_BUTTONS
from actions.turn import Turn
from korean_nlu.dates import extract_dates
from wording_ko import cards
from wording_ko.explain import CENTRE

HANDOVER = (
    f"원하시는 답을 드리지 못해 죄송해요. 상담원과 이야기하시려면 {CENTRE}로 전화해 주세요. "
    "아래 주제는 제가 바로 안내할 수 있어요."
)
OUT_OF_SCOPE = (
    "저는 KT 위약금 면제·환급·보답 프로그램만 안내하는 챗봇이에요. 요금제 변경 같은 다른 문의는 "
    "KT 고객센터에 해 주세요. 아래 주제 중에서 골라 주셔도 돼요."
)
SCOPE = "저는 KT 위약금 면제·환급·보답 프로그램을 안내해요"
NOT_UNDERSTOOD = f"죄송해요, 질문을 정확히 이해하지 못했어요. {SCOPE}. 아래 주제 중에서 골라 주시거나 다르게 말씀해 주세요."
# A message in English the bot could not place: said in English, with the centre for other matters
# (its numbers come with the second fallback in a row, as in Korean).
NOT_UNDERSTOOD_EN = (
    "Sorry, I could not place that question. I answer questions about KT's penalty waiver, refunds and "
    "rewards for staying; for anything else, please contact KT's customer centre. "
    "죄송해요, 질문을 이해하지 못했어요. 아래 주제 중에서 골라 주세요."
)
_ENGLISH = re.compile(r"[A-Za-z]{3}")
_HANGUL = re.compile(r"[가-힣]")


def fallbacks_in_a_row(turn: Turn) -> int:
    count = 0
    for event in reversed(turn.tracker.events):
        if event.get("event") == "user":
            if (event.get("parse_data", {}).get("intent") or {}).get("name") in FALLBACK_INTENTS:
                count += 1
            else:
                break
    return count


def answer(turn: Turn, dispatcher: CollectingDispatcher) -> str:
    """Speak, and return the kind of answer given: fallback or handover."""
    bad_date = next((m.error for m in extract_dates(turn.text, turn.today) if m.error), None)
    if bad_date is not None:  # an impossible date is the clearest thing to say
        dispatcher.utter_message(text=bad_date.message_ko, buttons=TOPIC_BUTTONS)
        return "fallback"
    if fallbacks_in_a_row(turn) >= 2:
        dispatcher.utter_message(
            text=HANDOVER, buttons=TOPIC_BUTTONS, json_message={"card": cards.handover()}
        )
        return "handover"
    english = _ENGLISH.search(turn.text) is not None and _HANGUL.search(turn.text) is None
    text = NOT_UNDERSTOOD_EN if english else OUT_OF_SCOPE if turn.intent == "out_of_scope" else NOT_UNDERSTOOD
    dispatcher.utter_message(text=text, buttons=TOPIC_BUTTONS)
    return "fallback"
