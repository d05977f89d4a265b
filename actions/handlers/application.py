"""Refund application in chat (beyond the announcement's channels), while applications are open."""
from typing import Any, Dict, List

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import repository
from actions.turn import Turn
from remedy_rules import program as p
from remedy_rules.eligibility import WaiverStatus
from remedy_rules.explain_ko import CENTRE, CHANNEL_NAMES, WAIVER_REASON, ko_date, won
from remedy_rules.personal_ko import MISSED_DEADLINE, line_label
from remedy_rules.refund import line_payout, payout_date
from subscriber_db.phone import mask_phone

CONFIRM_BUTTONS = [{"title": "네, 신청할게요", "payload": "/affirm"}, {"title": "아니요", "payload": "/deny"}]


def summary(line_id: str, turn: Turn, dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    """For a verified line: why it cannot apply, or the summary and a request to confirm."""
    s = repository().get(line_id)
    on = turn.today
    payout = line_payout(s.line, on)
    if payout.applied_on is not None:
        channel = CHANNEL_NAMES.get(s.refund_channel, "다른 창구")
        paid = payout.payout.paid_on
        when = f" 지급일은 {ko_date(paid)}이에요." if paid else " 다만 기간 밖의 신청이라 지급일이 없어요."
        dispatcher.utter_message(text=f"이미 {ko_date(payout.applied_on)}에 {channel}에서 환급 신청하셨어요.{when}")
        return []
    if payout.decision.status is WaiverStatus.NOT_ELIGIBLE:
        reasons = " ".join(WAIVER_REASON[r] for r in payout.decision.reasons)
        dispatcher.utter_message(text=f"이 회선은 위약금 면제 대상이 아니라서 환급 신청을 할 수 없어요. {reasons}")
        return []
    if payout.decision.status is WaiverStatus.ELIGIBLE_IF_LEAVES:
        dispatcher.utter_message(text=f"아직 사용 중인 회선이라 환급할 위약금이 없어요. {ko_date(p.WAIVER_END)}까지 "
                                      f"해지하거나 번호이동한 뒤 {ko_date(p.APPLY_START, False)}~"
                                      f"{ko_date(p.APPLY_END, False)}에 신청할 수 있어요.")
        return []
    if on < p.APPLY_START:
        dispatcher.utter_message(text=f"환급 신청은 {ko_date(p.APPLY_START)}부터 {ko_date(p.APPLY_END, False)}까지 "
                                      "할 수 있어요. 그때 다시 찾아 주세요.")
        return []
    if on > p.APPLY_END:
        dispatcher.utter_message(text=f"환급 신청 기간({ko_date(p.APPLY_START)}~{ko_date(p.APPLY_END, False)})이 "
                                      f"종료되어 신청할 수 없어요. {MISSED_DEADLINE}")
        return []
    label = line_label(s.line.line_type, s.line.joined_on, s.line.status)
    paid = payout.if_applied_today.paid_on
    dispatcher.utter_message(
        text=(f"환급 신청 내용을 확인해 주세요.\n· 회선: {label} {mask_phone(s.phone)}\n"
              f"· 환급 대상 위약금: {won(s.line.penalty_krw)}\n· 예상 지급일: {ko_date(paid)}\n"
              "· 환급은 본인 명의 계좌로만 받을 수 있어요.\n신청할까요?"),
        buttons=CONFIRM_BUTTONS,
    )
    return [SlotSet("awaiting_application_confirm", True)]


def awaiting_confirmation(turn: Turn) -> bool:
    return bool(turn.slot("awaiting_application_confirm"))


def confirm(turn: Turn, dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    """The customer's yes or no to a pending application; returns (events), files it on yes."""
    done = [SlotSet("awaiting_application_confirm", False)]
    if turn.intent != "affirm":
        dispatcher.utter_message(text="환급 신청을 하지 않았어요. 필요하면 언제든 다시 말씀해 주세요.")
        return done
    line_id, on = turn.slot("line_id"), turn.today
    s = repository().get(line_id) if line_id else None
    if s is None or not p.APPLY_START <= on <= p.APPLY_END:
        dispatcher.utter_message(text=f"지금은 신청을 접수할 수 없어요. {CENTRE}로 문의해 주세요.")
        return done
    app, created = repository().apply_for_refund(line_id, on, turn.channel)
    paid = payout_date(s.line.terminated_on, app.applied_on).paid_on
    lead = "환급 신청이 접수되었어요." if created else "이미 접수된 신청이 있어요."
    dispatcher.utter_message(text=f"{lead} 신청일 {ko_date(app.applied_on)}, 지급 예정일은 {ko_date(paid)}이에요. "
                                  "환급은 본인 명의 계좌로 지급돼요.")
    return done + ([SlotSet("answer_kind", "application_filed")] if created else [])
