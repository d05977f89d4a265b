"""Program questions: the rules decide when the question carries its own facts, the
customer's own line answers when they ask about themselves, else the time-aware FAQ."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.agent import agent_answer, agent_id
from actions.deps import today
from actions.personal import personal_events
from actions.topics import PERSONAL_TOPIC, is_first_person
from remedy_rules.answers_ko import FAQ_ANSWERS
from remedy_rules.cases import age_answer, read_facts, refund_case_answer, waiver_case_answer

_WAIVER_CASE_INTENTS = {"ask_waiver_who", "ask_retroactive", "ask_portout_vs_cancel", "ask_waiver_window",
                        "check_my_eligibility"}
_REFUND_CASE_INTENTS = {"ask_refund_schedule", "ask_how_to_apply", "ask_missed_deadline"}


def answer_message(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    agent = agent_id(tracker)
    if agent:  # an authenticated agent naming a line or following up on the one in focus
        events = agent_answer(agent, tracker, dispatcher)
        if events is not None:
            return events
    message = tracker.latest_message
    intent = (message.get("intent") or {}).get("name")
    text = message.get("text") or ""
    on = today()
    facts = read_facts(text, message.get("entities") or [], on)

    case = None
    if not facts.empty:
        if intent in _REFUND_CASE_INTENTS:
            case = refund_case_answer(facts, on) or waiver_case_answer(facts, on)
        elif intent in _WAIVER_CASE_INTENTS:
            case = waiver_case_answer(facts, on)
        elif facts.age is not None and intent in ("ask_reward_insurance", "ask_reward_ott"):
            case = age_answer(facts.age, "insurance" if intent == "ask_reward_insurance" else "ott")
    if case:
        dispatcher.utter_message(text=case)
        return []
    if intent in PERSONAL_TOPIC and (is_first_person(text) or tracker.get_slot("line_id")) and facts.age is None:
        return personal_events(PERSONAL_TOPIC[intent], tracker, dispatcher)
    if intent in FAQ_ANSWERS:
        dispatcher.utter_message(text=FAQ_ANSWERS[intent](on))
        return []
    dispatcher.utter_message(response="utter_default")
    return []


class ActionAnswerFaq(Action):
    def name(self) -> Text:
        return "action_answer_faq"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        return answer_message(dispatcher, tracker)
