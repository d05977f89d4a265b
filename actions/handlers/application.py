"""Refund application in chat (beyond the announcement's channels), while applications are open.

The rules decide whether this line may apply now (wording_ko.personal.application_check,
09:00 on 01-14 to 22:00 on 01-31); this module only asks for the customer's yes and records it.
"""

from typing import Any, Dict, List

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import now, repository
from actions.turn import Turn
from subscriber_db.phone import mask_phone
from wording_ko.explain import CENTRE
from wording_ko.personal import application_check, application_receipt, line_label

CONFIRM_BUTTONS = [{"title": "네, 신청할게요", "payload": "/affirm"}, {"title": "아니요", "payload": "/deny"}]


def summary(line_id: str, turn: Turn, dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    """For a verified line: why it cannot apply, or the summary and a request to confirm."""
    s = repository().get(line_id)
    check = application_check(s.line, turn.today, now().time(), s.refund_channel)
    if not check.can_apply:
        dispatcher.utter_message(text=check.text)
        return []
    label = line_label(s.line.line_type, s.line.joined_on, s.line.status)
    dispatcher.utter_message(
        text=f"환급 신청 내용을 확인해 주세요.\n· 회선: {label} {mask_phone(s.phone)}\n"
        f"{check.text}\n신청할까요?",
        buttons=CONFIRM_BUTTONS,
    )
    return [SlotSet("awaiting_application_confirm", True)]


def awaiting_confirmation(turn: Turn) -> bool:
    return bool(turn.slot("awaiting_application_confirm"))


def confirm(turn: Turn, dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    """The customer's yes or no to a pending application; on yes it is checked again and filed."""
    done = [SlotSet("awaiting_application_confirm", False)]
    if turn.intent != "affirm":
        dispatcher.utter_message(text="환급 신청을 하지 않았어요. 필요하면 언제든 다시 말씀해 주세요.")
        return done
    line_id = turn.slot("line_id")
    s = repository().get(line_id) if line_id else None
    check = application_check(s.line, turn.today, now().time(), s.refund_channel) if s else None
    if check is None or not check.can_apply:  # the hours ended or the line changed since the summary
        dispatcher.utter_message(
            text=check.text if check else f"지금은 신청을 접수할 수 없어요. {CENTRE}로 문의해 주세요."
        )
        return done
    app, created = repository().apply_for_refund(line_id, turn.today, turn.channel)
    dispatcher.utter_message(text=application_receipt(s.line, app.applied_on, created))
    return done + ([SlotSet("answer_kind", "application_filed")] if created else [])
