"""Time-aware FAQ answers (해요체), composed from the program's dates for a given day.

Tense follows the phase: "할 수 있어요" before/during a window, "종료되었어요" after it.
"""
from datetime import date

from remedy_rules import program as p
from remedy_rules.explain_ko import CENTRE, REWARD_ITEM, ko_date, unannounced_sentence
from remedy_rules.money import NOT_REFUNDED_ITEMS, REFUNDED_ITEMS
from remedy_rules.phase import Phase, program_phase
from remedy_rules.rewards import RewardItem, Unannounced


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


def retroactive_answer(on: date) -> str:
    verb = "적용돼요" if on <= p.APPLY_END else "적용되었어요"
    tail = _apply_tail(on)
    return (f"네, {ko_date(p.RETRO_START)}부터 {ko_date(p.RETRO_END, False)}까지 이미 해지하거나 번호이동한 "
            f"고객도 위약금 면제가 소급 {verb}. 단, 9월 1일 이후 신규·기기변경·재약정, 알뜰폰, IoT, 직권해지는 "
            f"제외예요. {tail}")


def _apply_tail(on: date) -> str:
    if on < p.APPLY_START:
        return f"위약금은 {ko_date(p.APPLY_START)}~{ko_date(p.APPLY_END, False)}에 환급 신청을 하면 돌려받아요."
    if on <= p.APPLY_END:
        return f"환급 신청은 {ko_date(p.APPLY_END, False)}까지 할 수 있어요({_days_left(on, p.APPLY_END)})."
    return (f"환급 신청 기간({ko_date(p.APPLY_START)}~{ko_date(p.APPLY_END, False)})은 종료되었어요. "
            "불가피한 사유로 신청하지 못했다면 예외 신청을 문의해 보세요.")


def waiver_who_answer(on: date) -> str:
    if on <= p.WAIVER_END:
        lead = (f"KT 휴대폰 고객이 {ko_date(p.WAIVER_END)}까지 해지하거나 번호이동하면 위약금 면제 대상이에요"
                f"({ko_date(p.RETRO_START, False)}부터 이미 해지한 고객도 소급 적용).")
    else:
        lead = (f"{ko_date(p.RETRO_START)}~{ko_date(p.WAIVER_END)}에 해지하거나 번호이동한 KT 휴대폰 고객이 "
                "위약금 면제 대상이었어요.")
    return (f"{lead} 워치·태블릿 같은 세컨드 디바이스 회선도 포함돼요. 제외: 2025년 9월 1일 이후 신규 가입·"
            "기기변경·재약정 고객, 알뜰폰(MVNO), IoT 회선, 미납 등으로 KT가 직권해지한 회선이에요. 9월 1일 이후 "
            "해지 후 재가입한 경우와 특수 목적 회선도 제외된다고 보도되었어요. 본인 회선은 휴대폰 번호와 생년월일로 "
            "확인해 드릴 수 있어요.")


def portout_vs_cancel_answer(on: date) -> str:
    now = on <= p.WAIVER_END
    return (f"해지와 번호이동 모두 같은 조건으로 위약금이 {'면제돼요' if now else '면제되었어요'}. 면제 기간은 "
            f"{ko_date(p.WAIVER_START)}~{ko_date(p.WAIVER_END)}{'이고' if now else '이었고'}, "
            f"{ko_date(p.RETRO_START)}~{ko_date(p.RETRO_END, False)} 해지·번호이동도 "
            f"{'소급 적용돼요' if now else '소급 적용되었어요'}. 다만 미납 등으로 KT가 직권해지한 경우는 제외예요.")


def refund_scope_answer(on: date) -> str:
    return ("환급되는 것: " + ", ".join(REFUNDED_ITEMS) + ". 환급되지 않는 것: " + ", ".join(NOT_REFUNDED_ITEMS)
            + ". 남은 단말 할부금은 해지해도 계속 내야 해요(보도 기준).")


def how_to_apply_answer(on: date) -> str:
    where = "KT 홈페이지, KT 고객센터, 전국 KT 매장"
    terms = "환급은 본인 명의 계좌로만 받을 수 있고, 매장에서는 신분증이 필요해요."
    if on < p.APPLY_START:
        return (f"환급 신청은 {ko_date(p.APPLY_START)}부터 {ko_date(p.APPLY_END, False)}까지 {where}에서 할 수 "
                f"있어요. {terms}")
    if on <= p.APPLY_END:
        return (f"지금 {where}에서 환급 신청을 할 수 있어요({ko_date(p.APPLY_END, False)} 22시까지, "
                f"{_days_left(on, p.APPLY_END)}). {terms} 이 채팅에서도 본인 확인 후 신청할 수 있어요.")
    return (f"환급 신청은 {ko_date(p.APPLY_START)}~{ko_date(p.APPLY_END, False)}에 {where}에서 받았고, "
            f"지금은 종료되었어요. {missed_deadline_answer(on)}")


def eligibility_lookup_answer(on: date) -> str:
    if on < p.ELIGIBILITY_PAGE_OPENS:
        return (f"{ko_date(p.ELIGIBILITY_PAGE_OPENS)}부터 KT가 대상 여부와 예상 위약금을 조회하는 페이지를 열고, "
                "대상 고객에게 개별 문자로도 안내해요. 이 채팅에서도 본인 확인 후 확인해 드릴 수 있어요.")
    return (f"{ko_date(p.ELIGIBILITY_PAGE_OPENS)}부터 KT 홈페이지에 대상 여부와 예상 위약금 조회 페이지가 열렸고, "
            "개별 문자로도 안내되었어요. 이 채팅에서도 휴대폰 번호와 생년월일로 확인해 드릴 수 있어요.")


def missed_deadline_answer(on: date) -> str:
    return (f"군 복무, 해외 체류, 입원, 출장 같은 불가피한 사유로 기간 안에 신청하지 못했다면, 사유가 끝난 날부터 "
            f"{p.MISSED_DEADLINE_GRACE_DAYS}일 안에 증빙 서류와 함께 신청할 수 있다고 보도되었어요. 정확한 절차는 "
            f"{CENTRE}로 문의해 주세요.")


def previous_waiver_answer(on: date) -> str:
    return (f"이번 조치 전에는 개인정보 유출이 의심되는 고객 약 2만 명(보도 기준 {p.LIMITED_WAIVER_CUSTOMERS:,}명)에게만 "
            f"{ko_date(p.LIMITED_WAIVER_END)}까지 제한적으로 위약금을 면제했어요. 지금 안내하는 면제는 KT 전 고객 대상이에요.")


def rewards_answer(on: date) -> str:
    items = " · ".join(REWARD_ITEM[i] for i in RewardItem)
    return (f"{ko_date(p.REWARD_BASE_DATE)} 기준 KT 고객(알뜰폰·IoT 제외)에게 '고객 보답 프로그램'을 제공해요: {items}. "
            f"만 {p.INSURANCE_AUTO_AGE}세 이상은 보험이 자동으로 제공돼요. 요금 할인은 포함되지 않아요."
            f"{_six_months_over(on).replace('6개월', '데이터·로밍·OTT·멤버십의 6개월')} "
            + unannounced_sentence([Unannounced.DATA_MONTHS, Unannounced.MEMBERSHIP_PARTNERS]))


def reward_data_answer(on: date) -> str:
    return (f"{ko_date(p.REWARD_BASE_DATE)} 기준 KT 고객에게 6개월 동안 매달 데이터 {p.DATA_GB_PER_MONTH}GB를 추가로 "
            "줘요. 별도 신청 없이 자동으로 제공되고, 선불·IoT 회선은 제외예요. 무제한 요금제라면 체감 효과가 작을 수 "
            f"있어요.{_six_months_over(on)} " + unannounced_sentence([Unannounced.DATA_MONTHS]))


def reward_roaming_answer(on: date) -> str:
    return (f"6개월 동안 로밍 데이터를 {p.ROAMING_EXTRA_PERCENT}% 더 줘요. 지금 운영 중인 로밍 프로그램은 6개월 연장되어 "
            f"{p.ROAMING_PROGRAMS_EXTENDED_TO[0]}년 {p.ROAMING_PROGRAMS_EXTENDED_TO[1]}월까지 이어져요.{_six_months_over(on)} "
            + unannounced_sentence([Unannounced.ROAMING_METHOD]))


def _six_months_over(on: date) -> str:
    if on > p.SIX_MONTH_BENEFITS_SURELY_OVER_AFTER:
        return " 보도된 일정으로는 6개월 제공 기간이 이미 끝났어요."
    return ""


def reward_ott_answer(on: date) -> str:
    start = "부터 제공돼요" if on < p.OTT_START else "부터 제공되었어요"
    return (f"티빙과 디즈니+ 중 하나를 골라 6개월 이용권을 받는 혜택이에요. 보도에 따르면 {ko_date(p.OTT_START)}{start}."
            f"{_six_months_over(on)} "
            f"티빙은 만 {p.OTT_TVING_MIN_AGE}세 이상, 디즈니+는 만 {p.OTT_DISNEY_MIN_AGE}세 이상이고, 만 14~18세는 "
            "보호자 동의를 받아 티빙을 고를 수 있어요. 넷플릭스 등 다른 OTT는 포함되지 않아요.")


def reward_membership_answer(on: date) -> str:
    return ("커피·영화·베이커리·아이스크림 등 인기 제휴처에서 6개월 동안 멤버십 할인을 받을 수 있어요."
            + _six_months_over(on) + " " + unannounced_sentence([Unannounced.MEMBERSHIP_PARTNERS]))


def reward_insurance_answer(on: date) -> str:
    return (f"'안전·안심 보험'을 {p.INSURANCE_YEARS}년 동안 제공해요. 휴대폰 피싱·해킹 피해, 인터넷 쇼핑몰 사기, "
            f"중고거래 사기 피해를 보상해요. {ko_date(p.REWARD_BASE_DATE)} 기준 만 {p.INSURANCE_AUTO_AGE}세 이상 고객은 "
            "별도 신청 없이 자동으로 가입돼요. "
            + unannounced_sentence([Unannounced.INSURANCE_DETAILS, Unannounced.INSURANCE_ENROLMENT]))


def rewards_if_leaving_answer(on: date) -> str:
    return (f"보답 프로그램은 {ko_date(p.REWARD_BASE_DATE)} 기준으로 KT를 이용 중인 고객이 대상이에요. 그날까지 해지하거나 "
            "번호이동한 고객은 보답 프로그램 대상이 아니에요. 위약금 면제 대상이었다면 면제는 받아요.")


def incident_answer(on: date) -> str:
    return ("민관합동조사단 조사 결과 KT 서버 94대가 BPF도어, 루트킷, 디도스 공격형 코드 등 악성코드 103종에 감염되어 "
            "이용자가 통화 도청 위험에 노출되었어요. KT는 2024년 3월 감염 서버를 발견하고도 정부에 알리지 않고 서버 41대의 "
            "코드를 자체 삭제했다고 지적받았어요. 이에 대한 책임으로 위약금 면제와 보답 프로그램을 시행했어요.")


def security_plan_answer(on: date) -> str:
    return ("KT는 '정보보안 혁신 TF'를 만들고 5년간 1조 원을 정보보안에 투자해요: 제로 트러스트 확대, 통합 보안 관제 고도화, "
            "접근 권한 관리 강화, 암호화 확대. 정보보안 최고책임자(CISO) 중심의 책임 체계와 외부 전문기관 정기 점검·모의 "
            "해킹도 시행해요.")


def request_human_answer(on: date) -> str:
    return (f"상담원과 이야기하시려면 KT 고객센터로 전화해 주세요: KT 휴대폰에서 {p.CUSTOMER_CENTRE_KT_PHONE}, "
            f"일반 전화는 {p.CUSTOMER_CENTRE_ANY_PHONE}이에요.")


# intent → answer for the day it is asked
FAQ_ANSWERS = {
    "ask_waiver_window": waiver_window_answer,
    "ask_retroactive": retroactive_answer,
    "ask_waiver_who": waiver_who_answer,
    "ask_portout_vs_cancel": portout_vs_cancel_answer,
    "ask_refund_scope": refund_scope_answer,
    "ask_how_to_apply": how_to_apply_answer,
    "ask_refund_schedule": payout_schedule_answer,
    "ask_eligibility_lookup": eligibility_lookup_answer,
    "ask_missed_deadline": missed_deadline_answer,
    "ask_previous_waiver": previous_waiver_answer,
    "ask_rewards": rewards_answer,
    "ask_reward_data": reward_data_answer,
    "ask_reward_roaming": reward_roaming_answer,
    "ask_reward_ott": reward_ott_answer,
    "ask_reward_membership": reward_membership_answer,
    "ask_reward_insurance": reward_insurance_answer,
    "ask_rewards_if_leaving": rewards_if_leaving_answer,
    "ask_incident": incident_answer,
    "ask_security_plan": security_plan_answer,
    "request_human": request_human_answer,
}
