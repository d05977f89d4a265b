"""Program FAQ answers that depend on today's date (the wording comes from the rules)."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from remedy_rules import today
from remedy_rules.answers_ko import payout_schedule_answer, waiver_window_answer


class ActionAnswerWaiverWindow(Action):
    def name(self) -> Text:
        return "action_answer_waiver_window"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        dispatcher.utter_message(text=waiver_window_answer(today()))
        return []


class ActionAnswerRefundSchedule(Action):
    def name(self) -> Text:
        return "action_answer_refund_schedule"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        dispatcher.utter_message(text=payout_schedule_answer(today()))
        return []
