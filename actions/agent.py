"""Call-centre agents' lookups: any line by phone, subscriber id or name + birth date.

Who is an agent is decided only from the claim the agent connector signed for this message
(connectors.agent_auth); on every other channel a lookup reveals nothing without the
customer's own verification. Every agent lookup is written to the audit log.
"""
import re
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import repository, today
from actions.verification import start_slots
from connectors.agent_auth import agent_secret, verified_agent
from privacy.identity import lookup_identifiers
from privacy.masking import mask_text
from remedy_rules.agent_card import agent_card
from subscriber_db.phone import mask_phone
_SECTION_WORDS = (
    ("insurance", ("보험",)),
    ("refund", ("환급", "환불", "지급", "입금", "돈", "금액", "할부")),
    ("rewards", ("보답", "혜택", "데이터", "로밍", "OTT", "ott", "티빙", "디즈니", "멤버십")),
    ("eligibility", ("면제", "대상", "위약금", "해당")),
)
SECTION_NAME = {None: "전체 카드", "eligibility": "면제 여부", "refund": "환급", "rewards": "보답",
                "insurance": "보험", "apply": "환급 신청"}
# Which part of the card a follow-up intent asks for.
INTENT_SECTION = {
    "ask_refund_schedule": "refund", "ask_refund_scope": "refund", "ask_how_to_apply": "refund",
    "ask_missed_deadline": "refund", "apply_refund": "refund",
    "ask_rewards": "rewards", "ask_reward_data": "rewards", "ask_reward_roaming": "rewards",
    "ask_reward_ott": "rewards", "ask_reward_membership": "rewards", "ask_reward_insurance": "insurance",
    "ask_waiver_who": "eligibility", "ask_waiver_window": "eligibility", "ask_retroactive": "eligibility",
    "ask_portout_vs_cancel": "eligibility", "check_my_eligibility": "eligibility",
}
ASK_WHICH = "조회할 회선을 알려 주세요. 전화번호(010-1234-5678), 가입자 ID(S-000123) 또는 이름과 생년월일(홍길동 1990-01-01)로 찾을 수 있어요."
CUSTOMER_REFUSED = "회선 조회는 상담원 전용이에요. 고객님 본인 회선은 본인 확인 후에 알려 드릴게요."
SHORT_FOLLOW_UP = 12  # characters
_THIS_CUSTOMER = re.compile(r"(?:이|그|해당|현재)\s*(?:고객|회선|분|번호)")


def agent_id(tracker: Tracker) -> Optional[str]:
    """The agent the connector authenticated for this very message, else None."""
    return verified_agent(tracker.latest_message.get("metadata"), tracker.sender_id, agent_secret())


def section_for(text: str, intent: Optional[str]) -> Optional[str]:
    for section, words in _SECTION_WORDS:
        if any(w in text for w in words):
            return section
    return INTENT_SECTION.get(intent or "")


def identifiers(text: str) -> Dict[str, Any]:
    """What in an agent's message names a line: subscriber id, phone, or name + birth date
    (the one identity parser, linear on any input)."""
    return lookup_identifiers(text, today())


def find_lines(ids: Dict[str, Any]) -> Tuple[List[Any], str]:
    repo = repository()
    if "subscriber_id" in ids:
        line = repo.get(ids["subscriber_id"])
        return ([line] if line else []), f"가입자 ID {ids['subscriber_id']}"
    if "phone" in ids:
        return repo.by_phone(ids["phone"]), f"번호 {mask_phone(ids['phone'])}"
    if "name" in ids:
        return repo.by_name_and_birth(ids["name"], ids["birth_date"]), "입력하신 이름과 생년월일"
    return [], ""


def audit(agent: str, subscriber_id: Optional[str], what: str, text: str) -> None:
    """One audit entry per agent lookup: who, which line (None if none was shown), the masked question."""
    repository().record_lookup(f"agent:{agent}", "agent", subscriber_id, f"{what}: {mask_text(text)[:200]}")


def show_card(agent: str, tracker: Tracker, dispatcher: CollectingDispatcher, subscriber_id: str,
              section: Optional[str]) -> List[Dict[Text, Any]]:
    s = repository().get(subscriber_id)
    if s is None:
        dispatcher.utter_message(text=f"{subscriber_id} 회선을 찾을 수 없어요.")
        return [SlotSet("agent_line_id", None)]
    audit(agent, s.subscriber_id, SECTION_NAME.get(section, section), tracker.latest_message.get("text") or "")
    dispatcher.utter_message(text=agent_card(s.subscriber_id, s.name, mask_phone(s.phone), s.line, today(),
                                             s.refund_channel, None if section == "apply" else section))
    return [SlotSet("agent_line_id", s.subscriber_id)]


def agent_answer(agent: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> Optional[List[Dict[Text, Any]]]:
    """An agent's message that names a line, or follows up on the line in focus; None if neither."""
    text = tracker.latest_message.get("text") or ""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    ids = identifiers(text)
    if ids:
        lines, described = find_lines(ids)
        if not lines:
            audit(agent, None, "조회 결과 없음", text)
            dispatcher.utter_message(text=f"{described}에 해당하는 회선이 없어요.")
            return [SlotSet("agent_line_id", None)]
        if len(lines) > 1:
            audit(agent, None, "회선 목록", text)
            dispatcher.utter_message(
                text=f"{described}에 회선이 {len(lines)}개 있어요. 조회할 회선을 골라 주세요.",
                buttons=[{"title": f"{s.subscriber_id} {s.line.line_type} {s.line.status}",
                          "payload": f"{s.subscriber_id} 조회"} for s in lines[:10]])
            return [SlotSet("agent_line_id", None)]
        return show_card(agent, tracker, dispatcher, lines[0].subscriber_id, section_for(text, intent))
    focus = tracker.get_slot("agent_line_id")
    # About the line in focus: "이 고객 …", or a short follow-up ("환급일은?", "보험은?"); a full
    # question ("면제 기간이 언제예요?") is the program's FAQ, as for anyone.
    follow_up = _THIS_CUSTOMER.search(text) or (intent in INTENT_SECTION and len(text.strip()) <= SHORT_FOLLOW_UP)
    if focus and (follow_up or intent == "lookup_line"):
        return show_card(agent, tracker, dispatcher, focus, section_for(text, intent))
    if intent in ("lookup_line", "check_my_eligibility", "apply_refund", "provide_identity") or \
            _THIS_CUSTOMER.search(text):
        dispatcher.utter_message(text=ASK_WHICH)
        return []
    return None


class ActionLookupLine(Action):
    def name(self) -> Text:
        return "action_lookup_line"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        agent = agent_id(tracker)
        if agent:
            return agent_answer(agent, tracker, dispatcher) or []
        # A customer (or anyone claiming to be an agent without the connector's signature):
        # nothing about any line; their own line only after verification.
        dispatcher.utter_message(text=CUSTOMER_REFUSED)
        events = [SlotSet("personal_topic", "eligibility")]
        if not tracker.get_slot("line_id"):
            prefilled = start_slots(tracker.latest_message.get("text") or "", tracker, dispatcher)
            events += [SlotSet(k, v) for k, v in prefilled.items()]
        return events + [FollowupAction("verify_form")]
