"""Time-aware FAQ answers (해요체), composed from the program's dates for a given day.

Tense follows the phase: "할 수 있어요" before/during a window, "종료되었어요" after it.
"""
from datetime import date

from remedy_rules import program as p
from remedy_rules.explain_ko import CENTRE, ko_date
from remedy_rules.phase import Phase, program_phase


def _days_left(on: date, until: date) -> str:
    left = (until - on).days
    return "오늘이 마지막 날이에요" if left == 0 else f"{left}일 남았어요"


def waiver_window_answer(on: date) -> str:
    info = program_phase(on)
    retro = f"{ko_date(p.RETRO_START)}~{ko_date(p.RETRO_END, False)}"
    window = f"{ko_date(p.WAIVER_START)}~{ko_date(p.WAIVER_END)}"
    if info.phase is Phase.BEFORE_WAIVER:
        return (f"{window}에 해지하거나 번호이동하면 위약금이 면제돼요. "
                f"{retro}에 이미 해지한 고객도 소급 적용돼요.")
    if info.phase is Phase.WAIVER_OPEN:
        return (f"지금은 위약금 면제 기간이에요. {ko_date(p.WAIVER_END)}까지 해지하거나 번호이동하면 "
                f"위약금이 면제돼요({_days_left(on, p.WAIVER_END)}). {retro}에 해지한 고객도 소급 적용돼요. "
                f"위약금은 먼저 청구되고, {ko_date(p.APPLY_START, False)}~{ko_date(p.APPLY_END, False)}에 "
                "환급 신청을 하면 돌려받아요.")
    tail = (f"환급 신청은 {ko_date(p.APPLY_END, False)}까지 할 수 있어요({_days_left(on, p.APPLY_END)})."
            if info.phase is Phase.APPLICATIONS_OPEN
            else f"환급 신청 기간({ko_date(p.APPLY_START, False)}~{ko_date(p.APPLY_END, False)})도 종료되었어요.")
    return (f"위약금 면제 해지 기간({window})은 종료되었어요. {retro}에 해지한 고객도 소급 적용되었어요. "
            + tail)


def payout_schedule_answer(on: date) -> str:
    def paid(d: date) -> str:
        return f"{ko_date(d)}에 지급되었어요" if on >= d else f"{ko_date(d)}에 지급돼요"

    rows = (
        f"· 2025년 12월 31일까지 해지하고 1월 14~18일에 신청: {paid(p.PAYOUT_EARLY)}",
        f"· 2025년 12월 31일까지 해지하고 1월 19~31일에 신청: {paid(p.PAYOUT_LATE)}",
        f"· 2026년 1월 1~13일에 해지하고 1월 14~31일에 신청: {paid(p.PAYOUT_JANUARY_LEAVERS)}",
    )
    if program_phase(on).payouts_done:
        lead = "환급금은 해지일과 신청일에 따라 세 차례 나누어 지급되었어요."
    else:
        lead = "환급금은 해지일과 신청일에 따라 세 차례 나누어 지급돼요."
    return "\n".join((lead, *rows, f"개별 지급 여부는 {CENTRE}에서 확인할 수 있어요."))
