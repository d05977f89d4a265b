"""The Rasa actions: thin. Each reads the turn and hands it to the router."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import router
from actions.handlers import personal
from actions.turn import read_turn


class ActionRoute(Action):
    """Every message that is not small talk or an answer to the verification form."""

    def name(self) -> Text:
        return "action_route"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        return router.route(read_turn(tracker), dispatcher)


class ActionAnswerPersonal(Action):
    """Runs when the verification form ends: verified, stopped, or stepped aside."""

    def name(self) -> Text:
        return "action_answer_personal"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        return router.after_verification(read_turn(tracker), dispatcher)


class ActionAskLineChoice(Action):
    def name(self) -> Text:
        return "action_ask_line_choice"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        return personal.ask_line_choice(read_turn(tracker), dispatcher)
