"""Call-centre agents' lookups: any line by phone, subscriber id or name + birth date.

Only for a message the agent connector signed (Turn.agent); every lookup is written to the
audit log. A follow-up ("이 고객 보험은?") applies to the line in focus.
"""

from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import repository
from actions.handlers.identity import lookup_identifiers
from actions.topics import TOPIC
from actions.turn import Turn
from privacy.masking import mask_text
from remedy_rules.decision import rejoined_from as _rejoined_lines
from subscriber_db.phone import mask_phone
from wording_ko import cards
from wording_ko.agent_card import CARRIER, agent_card
from wording_ko.personal import LINE_KIND

SECTION_NAME = {
    None: "전체 카드",
    "eligibility": "면제 여부",
    "refund": "환급",
    "rewards": "보답",
    "insurance": "보험",
}
# The card has no "apply" section: an application question is answered from the refund section.
_CARD_SECTION = {"apply": "refund"}
ASK_WHICH = "조회할 회선을 알려 주세요. 전화번호(010-1234-5678), 가입자 ID(S-000123) 또는 이름과 생년월일(홍길동 1990-01-01)로 찾을 수 있어요."
SHORT_FOLLOW_UP = 12  # characters
_WANTS_A_LINE = frozenset({"lookup_line", "check_my_eligibility", "apply_refund", "provide_identity"})


def section_for(turn: Turn) -> Optional[str]:
    """The card section the agent's words ask for (data/lexicon/agent.yml), else the intent's topic."""
    if turn.reading.card_section:
        return turn.reading.card_section
    topic = TOPIC.get(turn.intent or "")
    return _CARD_SECTION.get(topic, topic)


def identifiers(text: str, today) -> Dict[str, Any]:
    """What in an agent's message names a line: subscriber id, phone, or name + birth date
    (the one identity parser, linear on any input)."""
    return lookup_identifiers(text, today)


def rejoined_from(s, repo) -> bool:
    """Cancel-and-rejoin is excluded [N]: known only from the other lines on the same number."""
    return _rejoined_lines(s.line, [o.line for o in repo.by_phone(s.phone)])


def _find_lines(ids: Dict[str, Any]) -> Tuple[List[Any], str]:
    repo = repository()
    if "subscriber_id" in ids:
        line = repo.get(ids["subscriber_id"])
        return ([line] if line else []), f"가입자 ID {ids['subscriber_id']}"
    if "phone" in ids:
        return repo.by_phone(ids["phone"]), f"번호 {mask_phone(ids['phone'])}"
    if "name" in ids:
        return repo.by_name_and_birth(ids["name"], ids["birth_date"]), "입력하신 이름과 생년월일"
    return [], ""


def _audit(turn: Turn, subscriber_id: Optional[str], what: str) -> None:
    """One audit entry per agent lookup: who, which line (None if none was shown), the masked question."""
    repository().record_lookup(
        f"agent:{turn.agent}", "agent", subscriber_id, f"{what}: {mask_text(turn.text)[:200]}"
    )


def _show_card(
    turn: Turn, dispatcher: CollectingDispatcher, subscriber_id: str, section: Optional[str]
) -> List[Dict[str, Any]]:
    s = repository().get(subscriber_id)
    if s is None:
        dispatcher.utter_message(text=f"{subscriber_id} 회선을 찾을 수 없어요.")
        return [SlotSet("agent_line_id", None)]
    _audit(turn, s.subscriber_id, SECTION_NAME.get(section, section))
    rejoined = rejoined_from(s, repository())
    card = cards.agent_line(
        s.subscriber_id,
        s.name,
        mask_phone(s.phone),
        s.line,
        turn.today,
        f"{LINE_KIND[s.line.line_type]} · {CARRIER[s.line.carrier]}",
        s.refund_channel,
        rejoined=rejoined,
        at=turn.at,
    )
    dispatcher.utter_message(
        json_message={"card": card},
        text=agent_card(
            s.subscriber_id,
            s.name,
            mask_phone(s.phone),
            s.line,
            turn.today,
            s.refund_channel,
            section,
            rejoined=rejoined,
            at=turn.at,
        ),
    )
    return [SlotSet("agent_line_id", s.subscriber_id)]


def answer(turn: Turn, dispatcher: CollectingDispatcher) -> Optional[List[Dict[str, Any]]]:
    """An agent's message that names a line, or follows up on the line in focus; None if neither
    (then the agent asked a program question, answered as for anyone)."""
    ids = identifiers(turn.text, turn.today)
    if ids:
        lines, described = _find_lines(ids)
        if not lines:
            _audit(turn, None, "조회 결과 없음")
            dispatcher.utter_message(text=f"{described}에 해당하는 회선이 없어요.")
            return [SlotSet("agent_line_id", None)]
        if len(lines) > 1:
            _audit(turn, None, "회선 목록")
            dispatcher.utter_message(
                text=f"{described}에 회선이 {len(lines)}개 있어요. 조회할 회선을 골라 주세요.",
                buttons=[
                    {
                        "title": f"{s.subscriber_id} {s.line.line_type} {s.line.status}",
                        "payload": f"{s.subscriber_id} 조회",
                    }
                    for s in lines[:10]
                ],
            )
            return [SlotSet("agent_line_id", None)]
        return _show_card(turn, dispatcher, lines[0].subscriber_id, section_for(turn))
    focus = turn.slot("agent_line_id")
    # About the line in focus: "이 고객 …", or a short follow-up ("환급일은?", "보험은?"); a full
    # question ("면제 기간이 언제예요?") is the program's FAQ, as for anyone.
    follow_up = turn.reading.this_customer or (
        turn.intent in TOPIC and len(turn.text.strip()) <= SHORT_FOLLOW_UP
    )
    if focus and (follow_up or turn.intent == "lookup_line"):
        return _show_card(turn, dispatcher, focus, section_for(turn))
    if turn.intent in _WANTS_A_LINE or turn.reading.this_customer:
        dispatcher.utter_message(text=ASK_WHICH)
        return []
    return None
