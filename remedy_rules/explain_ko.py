"""Korean wording (해요체) for the rules' codes and dates, shared by every channel."""
from datetime import date

from remedy_rules import program as p
from remedy_rules.eligibility import Reason, WaiverStatus
from remedy_rules.refund import PayoutReason
from remedy_rules.rewards import OttChoice, RewardItem, RewardReason, Unannounced

_WEEKDAYS = "월화수목금토일"

CENTRE = f"KT 고객센터(KT 휴대폰 {p.CUSTOMER_CENTRE_KT_PHONE}, 일반 전화 {p.CUSTOMER_CENTRE_ANY_PHONE})"


def ko_date(d: date, with_year: bool = True, weekday: bool = False) -> str:
    text = f"{d.year}년 {d.month}월 {d.day}일" if with_year else f"{d.month}월 {d.day}일"
    return f"{text}({_WEEKDAYS[d.weekday()]})" if weekday else text


def josa(word: str, with_batchim: str, without: str) -> str:
    """word + the right particle: josa("해지", "은", "는") → "해지는"; ("기기변경", "은", "는") → "기기변경은"."""
    last = word.rstrip()[-1:] or " "
    code = ord(last) - 0xAC00
    has_batchim = 0 <= code <= 11171 and code % 28 != 0
    return word + (with_batchim if has_batchim else without)


# Where a refund application was made (the channel recorded with it).
CHANNEL_NAMES = {"billing_import": "홈페이지·매장·고객센터", "rest": "채팅", "web": "웹 채팅", "socketio": "웹 채팅",
                 "kakao": "카카오톡", "agent": "상담원"}


def won(amount: int) -> str:
    return f"{amount:,}원"


WAIVER_REASON = {
    Reason.MVNO: "알뜰폰(MVNO) 회선은 면제 대상이 아니에요.",
    Reason.IOT: "IoT(사물인터넷) 회선은 면제 대상이 아니에요.",
    Reason.INVOLUNTARY_TERMINATION: "미납 등으로 KT가 직권해지한 회선은 면제 대상이 아니에요.",
    Reason.NEW_SUBSCRIPTION_AFTER_CUTOFF: "2025년 9월 1일 이후 신규 가입한 회선은 면제 대상이 아니에요.",
    Reason.DEVICE_CHANGE_AFTER_CUTOFF: "2025년 9월 1일 이후 기기변경을 한 회선은 면제 대상이 아니에요.",
    Reason.RECONTRACT_AFTER_CUTOFF: "2025년 9월 1일 이후 재약정을 한 회선은 면제 대상이 아니에요.",
    Reason.TERMINATED_BEFORE_WINDOW: "2025년 9월 1일 전에 해지한 회선은 소급 적용 기간에 들지 않아요.",
    Reason.TERMINATED_AFTER_WINDOW: "2026년 1월 13일 이후에 해지한 회선은 면제 기간이 지난 뒤예요.",
    Reason.WINDOW_CLOSED: "위약금 면제 해지 기간(2025년 12월 31일~2026년 1월 13일)이 종료되었어요.",
}

WAIVER_STATUS = {
    WaiverStatus.ELIGIBLE: "위약금 면제 대상이에요.",
    WaiverStatus.ELIGIBLE_IF_LEAVES: "2026년 1월 13일까지 해지하거나 번호이동하면 위약금 면제 대상이에요.",
    WaiverStatus.NOT_ELIGIBLE: "위약금 면제 대상이 아니에요.",
}

PAYOUT_REASON = {
    PayoutReason.NOT_ELIGIBLE: "위약금 면제 대상이 아니어서 환급금이 없어요.",
    PayoutReason.NOT_TERMINATED: "아직 해지하지 않은 회선이라 환급할 위약금이 없어요.",
    PayoutReason.TERMINATED_OUTSIDE_TABLE: "해지일이 환급 대상 기간(2025년 9월 1일~2026년 1월 13일)에 들지 않아요.",
    PayoutReason.APPLIED_BEFORE_PERIOD: "환급 신청은 2026년 1월 14일부터 받았어요.",
    PayoutReason.APPLIED_AFTER_PERIOD: "환급 신청 기간(2026년 1월 14일~1월 31일)이 지난 뒤의 신청이에요.",
    PayoutReason.APPLICATION_NOT_YET_OPEN: "환급 신청은 2026년 1월 14일부터 1월 31일까지 할 수 있어요.",
    PayoutReason.APPLICATION_PERIOD_OVER: "환급 신청 기간(2026년 1월 14일~1월 31일)이 종료되었어요.",
}

REWARD_REASON = {
    RewardReason.NOT_SUBSCRIBED_ON_BASE_DATE: "2026년 1월 13일 기준 KT 가입 고객이 아니어서 보답 프로그램 대상이 아니에요.",
    RewardReason.MVNO: "알뜰폰(MVNO) 회선은 보답 프로그램 대상이 아니에요.",
    RewardReason.IOT: "IoT 회선은 보답 프로그램 대상이 아니에요.",
}

REWARD_ITEM = {
    RewardItem.DATA: "6개월간 매달 데이터 100GB 추가",
    RewardItem.ROAMING: "6개월간 로밍 데이터 50% 추가 (기존 로밍 프로그램은 2026년 8월까지 연장)",
    RewardItem.OTT: "OTT 6개월 이용권(티빙 또는 디즈니+ 중 하나)",
    RewardItem.MEMBERSHIP: "6개월간 인기 멤버십 할인(커피·영화·베이커리·아이스크림)",
    RewardItem.INSURANCE: "2년간 '안전·안심 보험'(피싱·해킹, 쇼핑몰 사기, 중고거래 사기 피해 보상)",
}

OTT_CHOICE = {
    OttChoice.TVING: "티빙",
    OttChoice.TVING_WITH_GUARDIAN: "티빙(만 14~18세는 보호자 동의 필요)",
    OttChoice.DISNEY_PLUS: "디즈니+",
}

UNANNOUNCED = {
    Unannounced.DATA_MONTHS: "데이터 100GB가 제공되는 정확한 달",
    Unannounced.ROAMING_METHOD: "로밍 데이터 50% 추가 적용 방식",
    Unannounced.MEMBERSHIP_PARTNERS: "멤버십 제휴처와 할인율",
    Unannounced.INSURANCE_DETAILS: "보험사와 보상 한도",
    Unannounced.INSURANCE_ENROLMENT: "만 65세 미만 고객의 보험 가입 방법",
}


def unannounced_sentence(items) -> str:
    names = josa(", ".join(UNANNOUNCED[i] for i in items), "은", "는")
    return f"{names} 아직 확정 발표되지 않았어요. 자세한 내용은 {CENTRE}로 문의해 주세요."
