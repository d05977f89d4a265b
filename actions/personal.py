"""Personal answers: verify when needed, then answer for the verified line."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.agent import agent_answer, agent_id
from actions.deps import channel_of, repository, today
from actions.topics import PERSONAL_TOPIC
from actions.verification import line_buttons, start_slots
from remedy_rules.explain_ko import CENTRE
from remedy_rules.personal_ko import line_label, personal_answer
from subscriber_db.phone import mask_phone


def prepare_verification(topic: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> List[Dict[Text, Any]]:
    """Remember what was asked and use what the message already says (phone, birth date).

    The verification form runs next; it ends at once for a customer verified earlier in
    the conversation, and ``action_answer_personal`` answers.
    """
    events = [SlotSet("personal_topic", topic)]
    if tracker.get_slot("line_id") or tracker.get_slot("verification_locked"):
        return events
    prefilled = start_slots(tracker.latest_message.get("text") or "", tracker, dispatcher)
    if not prefilled:
        dispatcher.utter_message(text="회선별 내용은 본인 확인 후에 알려 드릴게요.")
    return events + [SlotSet(k, v) for k, v in prefilled.items()]


def personal_events(topic: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> List[Dict[Text, Any]]:
    """From an FAQ about "me": answer for the verified line, or verify first."""
    if tracker.get_slot("line_id"):
        return answer_for_line(tracker.get_slot("line_id"), topic, tracker, dispatcher)
    return prepare_verification(topic, tracker, dispatcher) + [FollowupAction("verify_form")]


def answer_for_line(line_id: str, topic: str, tracker: Tracker, dispatcher: CollectingDispatcher):
    if topic == "apply":
        from actions.refund_application import apply_summary  # here: that module builds on this one

        return apply_summary(line_id, tracker, dispatcher)
    subscriber = repository().get(line_id)
    if subscriber is None:  # the line vanished (re-import): verify again
        return [SlotSet("line_id", None), SlotSet("verified_lines", None)]
    repository().record_lookup(f"customer:{tracker.sender_id}", channel_of(tracker), line_id, topic)
    header = f"[{line_label(subscriber.line.line_type, subscriber.line.joined_on, subscriber.line.status)} " \
             f"{mask_phone(subscriber.phone)}]"
    dispatcher.utter_message(text=f"{header} {personal_answer(subscriber.line, today(), topic)}")
    return [SlotSet("personal_topic", topic)]


class ActionPersonal(Action):
    """check_my_eligibility, apply_refund, provide_identity."""

    def name(self) -> Text:
        return "action_personal"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        agent = agent_id(tracker)
        if agent:  # agents look lines up; they are never asked to verify as a customer
            return (agent_answer(agent, tracker, dispatcher) or []) + [FollowupAction("action_listen")]
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        topic = PERSONAL_TOPIC.get(intent, "eligibility")
        if intent == "provide_identity" and tracker.get_slot("personal_topic"):
            topic = tracker.get_slot("personal_topic")
        return prepare_verification(topic, tracker, dispatcher)


class ActionAnswerPersonal(Action):
    """Runs when the verification form ends: verified, stopped, or stepped aside."""

    def name(self) -> Text:
        return "action_answer_personal"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        topic = tracker.get_slot("personal_topic") or "eligibility"
        line_id = tracker.get_slot("line_id")
        if line_id:
            return answer_for_line(line_id, topic, tracker, dispatcher)
        if tracker.get_slot("verification_locked"):
            if not _bot_spoke_this_turn(tracker):  # else the reason was just said
                dispatcher.utter_message(text=f"이 대화에서는 본인 확인을 더 진행할 수 없어요. {CENTRE}로 문의해 주세요.")
            return []
        # The customer stepped out of the form (a question, 취소, …): answer that instead.
        from actions.faq import answer_message  # here, not at the top: faq builds on this module

        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "deny":
            dispatcher.utter_message(text="본인 확인을 취소했어요. 다른 궁금한 점이 있으면 말씀해 주세요.")
            return [SlotSet("phone", None), SlotSet("birth_date", None)]
        return [SlotSet("phone", None), SlotSet("birth_date", None)] + answer_message(dispatcher, tracker)


def _bot_spoke_this_turn(tracker: Tracker) -> bool:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot":
            return True
    return False


class ActionAskLineChoice(Action):
    def name(self) -> Text:
        return "action_ask_line_choice"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        ids = tracker.get_slot("verified_lines") or []
        dispatcher.utter_message(text=f"본인 확인이 되었어요. 회선이 {len(ids)}개 있어요. 확인할 회선을 골라 주세요.",
                                 buttons=line_buttons(ids))
        return []


