"""Low confidence or out of scope: say so, suggest topics; after two in a row, a person."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.agent import agent_answer, agent_id, identifiers
from actions.deps import today
from remedy_rules.dates_ko import extract_dates
from remedy_rules.explain_ko import CENTRE

FALLBACK_INTENTS = {"nlu_fallback", "out_of_scope"}
TOPIC_BUTTONS = [
    {"title": "위약금 면제 대상", "payload": "/ask_waiver_who"},
    {"title": "환급금 지급일", "payload": "/ask_refund_schedule"},
    {"title": "환급 신청 방법", "payload": "/ask_how_to_apply"},
    {"title": "보답 프로그램", "payload": "/ask_rewards"},
    {"title": "내 회선 확인", "payload": "/check_my_eligibility"},
]


def fallbacks_in_a_row(tracker: Tracker) -> int:
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if (event.get("parse_data", {}).get("intent") or {}).get("name") in FALLBACK_INTENTS:
                count += 1
            else:
                break
    return count


class ActionFallback(Action):
    def name(self) -> Text:
        return "action_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        agent = agent_id(tracker)
        if agent and identifiers(tracker.latest_message.get("text") or ""):  # "D-0003", "010-…" alone
            return agent_answer(agent, tracker, dispatcher) or []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        bad_date = next((m.error for m in extract_dates(tracker.latest_message.get("text") or "", today())
                         if m.error), None)
        if bad_date is not None:  # an impossible date is the clearest thing to say
            dispatcher.utter_message(text=bad_date.message_ko, buttons=TOPIC_BUTTONS)
        elif fallbacks_in_a_row(tracker) >= 2:
            dispatcher.utter_message(text=f"원하시는 답을 드리지 못해 죄송해요. 상담원과 이야기하시려면 {CENTRE}로 "
                                          "전화해 주세요. 아래 주제는 제가 바로 안내할 수 있어요.", buttons=TOPIC_BUTTONS)
        elif intent == "out_of_scope":
            dispatcher.utter_message(text="저는 KT 위약금 면제·환급·보답 프로그램만 안내하는 챗봇이에요. "
                                          "아래 주제 중에서 골라 주세요.", buttons=TOPIC_BUTTONS)
        else:
            dispatcher.utter_message(text="죄송해요, 질문을 정확히 이해하지 못했어요. 아래 주제 중에서 골라 주시거나 "
                                          "다르게 말씀해 주세요.", buttons=TOPIC_BUTTONS)
        return []
