"""The program's data: every date, amount, partner and condition the bot may state, with its grade.

One value per fact, graded as in ``shared/program/FACTS.md``:

- ``A``: in KT's announcement (2025-12-30);
- ``N``: reported by news after the announcement (the source is named);
- ``?``: not announced or the sources disagree. The bot never states a value for these: it says
  they are not confirmed and points to the customer centre (114 / 1588-0010);
- ``S``: FACTS.md states it without a grade (the customer-centre numbers, §6);
- ``-``: FACTS.md says nothing about it, but a customer may ask (whether a line that left on the
  base day counts). Like [?] there is no value; the bot says "안내된 내용이 없어요" (not "not
  announced": nobody reported that it is pending) and points to the customer centre.

Rules read the bare values through ``remedy_rules.program``; wording that needs the grade (hedging
an [N] value, refusing a [?] one) reads the ``Fact`` here. ``ALL`` lists every fact, and the answer
grid test (tests/test_rules_grid.py) fails on any number or date an answer states that is not one
of these values (or the customer's own data).
"""

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any, Dict, Optional

A, N, UNKNOWN, SHEET, SILENT = "A", "N", "?", "S", "-"
GRADES = (A, N, UNKNOWN, SHEET, SILENT)


@dataclass(frozen=True)
class Fact:
    value: Any  # None for a [?] fact: there is no value to state
    grade: str
    section: str  # FACTS.md section
    source: str = ""  # news outlet and date for [N]
    note: str = ""

    def __post_init__(self):
        if self.grade not in GRADES:
            raise ValueError(f"grade must be one of {GRADES}, got {self.grade!r}")
        if self.grade in (UNKNOWN, SILENT) and self.value is not None:
            raise ValueError("a [?] or unmentioned fact has no value to state")

    @property
    def unconfirmed(self) -> bool:
        return self.grade in (UNKNOWN, SILENT)


ANNOUNCEMENT = "KT 2025-12-30"
NEWSIS = "Newsis 2026-01-14"
NEWSPIM = "Newspim 2026-01-14"
NEWS = "news after the announcement"

# §1 Penalty waiver ------------------------------------------------------------------------------
RETRO_START = Fact(
    date(2025, 9, 1), A, "1", ANNOUNCEMENT, "retroactive cover starts; also the contract cut-off"
)
RETRO_END = Fact(date(2025, 12, 30), A, "1", ANNOUNCEMENT)
WAIVER_START = Fact(date(2025, 12, 31), A, "1", ANNOUNCEMENT)
WAIVER_END = Fact(date(2026, 1, 13), A, "1", ANNOUNCEMENT, "last day to cancel or port out with the waiver")
FIRST_DAY_AFTER_WAIVER = Fact(
    WAIVER_END.value + timedelta(days=1),
    A,
    "1",
    ANNOUNCEMENT,
    "in Korean 이후 includes the day: say 1월 14일부터",
)
CONTRACT_EVENT_CUTOFF = Fact(
    RETRO_START.value, A, "1", ANNOUNCEMENT, "신규/기기변경/재약정 on or after excludes"
)
EXCLUDED_CARRIERS_MVNO = Fact(True, A, "1", ANNOUNCEMENT)
EXCLUDED_IOT = Fact(True, A, "1", ANNOUNCEMENT)
EXCLUDED_INVOLUNTARY = Fact(True, A, "1", ANNOUNCEMENT)
EXCLUDED_REJOIN = Fact(
    (RETRO_START.value, WAIVER_END.value), N, "1", NEWSIS, "cancel-and-rejoin in this span"
)
EXCLUDED_SPECIAL_PURPOSE = Fact(True, N, "1", NEWSIS)
SECOND_DEVICE_COVERED = Fact(True, N, "1", NEWSIS, "watch, tablet")
REFUNDED_ITEMS = Fact(
    ("공시지원금 위약금", "선택약정 할인반환금", "단말 조기 해지 위약금"), N, "1", f"{NEWSIS}, {NEWSPIM}"
)
NOT_REFUNDED_ITEMS = Fact(
    ("남은 단말 할부금", "월 요금", "요금제 하향 차액정산금", "유선(인터넷·TV) 위약금", "결합 상품 위약금"),
    N,
    "1",
    f"{NEWSIS}, {NEWSPIM}",
)
LIMITED_WAIVER_CUSTOMERS_APPROX = Fact(20_000, A, "1", ANNOUNCEMENT, "the earlier, limited waiver")
LIMITED_WAIVER_END = Fact(date(2025, 11, 30), A, "1", ANNOUNCEMENT)
LIMITED_WAIVER_CUSTOMERS = Fact(22_227, N, "1", NEWS)
PENALTY_BILLED_THEN_REFUNDED = Fact(True, A, "1", ANNOUNCEMENT, "the waiver is a refund on application")

# §2 Refund application --------------------------------------------------------------------------
APPLY_START = Fact(date(2026, 1, 14), A, "2", ANNOUNCEMENT)
APPLY_END = Fact(date(2026, 1, 31), A, "2", ANNOUNCEMENT)
APPLY_OPENS_AT = Fact(time(9, 0), N, "2", NEWSPIM, "on APPLY_START")
APPLY_CLOSES_AT = Fact(time(22, 0), N, "2", NEWSPIM, "on APPLY_END")
APPLY_CHANNELS = Fact(("KT 홈페이지", "KT 고객센터", "전국 KT 매장"), A, "2", ANNOUNCEMENT)
ELIGIBILITY_PAGE_OPENS = Fact(
    date(2025, 12, 31), A, "2", ANNOUNCEMENT, "lookup page and individual text messages"
)
ELIGIBILITY_PAGE_LOCATION = Fact(None, SILENT, "2", note="where the lookup page is: FACTS.md does not say")
OWN_ACCOUNT_ONLY = Fact(True, N, "2", NEWSPIM)
ID_IN_STORE = Fact(True, N, "2", NEWSPIM)
MISSED_DEADLINE_REASONS = Fact(("군 복무", "해외 체류", "입원", "출장"), N, "2", f"{NEWSPIM}, Seoul Shinmun")
MISSED_DEADLINE_PROOF = Fact(None, SILENT, "2", note="which proof a late application takes")
MISSED_DEADLINE_GRACE_DAYS = Fact(
    14, N, "2", f"{NEWSPIM}, Seoul Shinmun", "days after the reason ended, with proof"
)

# §3 Payout dates: [A] the dates, [N Newspim] which termination/application gets which -----------
PAYOUT_EARLY = Fact(date(2026, 1, 22), A, "3", ANNOUNCEMENT)
PAYOUT_LATE = Fact(date(2026, 2, 5), A, "3", ANNOUNCEMENT)
PAYOUT_JANUARY_LEAVERS = Fact(date(2026, 2, 19), A, "3", ANNOUNCEMENT)
EARLY_TERMINATION_END = Fact(date(2025, 12, 31), N, "3", NEWSPIM, "2025 leavers: terminated up to this day")
EARLY_APPLY_END = Fact(date(2026, 1, 18), N, "3", NEWSPIM)
LATE_APPLY_START = Fact(date(2026, 1, 19), N, "3", NEWSPIM)
LATE_TERMINATION_START = Fact(date(2026, 1, 1), N, "3", NEWSPIM)

# §4 Customer reward program ---------------------------------------------------------------------
REWARD_BASE_DATE = Fact(date(2026, 1, 13), A, "4", ANNOUNCEMENT, "all KT customers as of this day")
REWARD_BASE_DAY_LEAVERS = Fact(
    None, SILENT, "4", note="whether a line that left on the base day itself counts"
)
REWARDS_AFTER_LEAVING = Fact(
    None, SILENT, "4", note="what becomes of the rewards of a line that leaves later"
)
MVNO_REWARDS = Fact(
    None, SILENT, "4", note="MVNO lines: excluded from the waiver [A]; for the rewards not stated"
)
REWARD_MONTHS = Fact(6, A, "4", ANNOUNCEMENT, "data, roaming, OTT, membership")
DATA_GB_PER_MONTH = Fact(100, A, "4", ANNOUNCEMENT)
DATA_AUTOMATIC = Fact(True, N, "4", NEWS)
DATA_EXCLUDES_PREPAID_AND_IOT = Fact(True, N, "4", NEWS)
DATA_LITTLE_USE_ON_UNLIMITED = Fact(True, N, "4", NEWS)
DATA_MONTHS = Fact(None, UNKNOWN, "4", note="Feb–Jul, Feb–Aug or from January")
ROAMING_EXTRA_PERCENT = Fact(50, A, "4", ANNOUNCEMENT)
ROAMING_PROGRAMS_EXTENDED_MONTHS = Fact(6, A, "4", ANNOUNCEMENT)
ROAMING_PROGRAMS_EXTENDED_TO = Fact(
    (2026, 8), A, "4", ANNOUNCEMENT, "existing roaming programs run to August 2026"
)
ROAMING_METHOD = Fact(None, UNKNOWN, "4", note="how the +50% is applied")
OTT_SERVICES_OFFERED = Fact(2, A, "4", ANNOUNCEMENT, "choose one of two")
OTT_SERVICES = Fact(("티빙", "디즈니+"), N, "4", NEWS)
OTT_START = Fact(date(2026, 2, 1), N, "4", NEWS)
OTT_TVING_MIN_AGE = Fact(14, N, "4", NEWS)
OTT_DISNEY_MIN_AGE = Fact(19, N, "4", NEWS)
OTT_GUARDIAN_CONSENT_AGES = Fact((14, 18), N, "4", NEWS, "TVING with a guardian's consent")
OTT_CLAIM = Fact(None, SILENT, "4", note="how the pass is chosen and claimed, how a guardian consents")
AGE_REFERENCE_DATE = Fact(
    None, SILENT, "4", note="the day ages are counted on (OTT limits, insurance at 65+)"
)
MEMBERSHIP_CATEGORIES = Fact(("커피", "영화", "베이커리", "아이스크림"), A, "4", ANNOUNCEMENT)
MEMBERSHIP_PARTNERS = Fact(None, UNKNOWN, "4", note="named partners and rates, 'announced separately'")
INSURANCE_YEARS = Fact(2, A, "4", ANNOUNCEMENT)
INSURANCE_COVERS = Fact(
    ("휴대폰 피싱·해킹 피해", "인터넷 쇼핑몰 사기 피해", "중고거래 사기 피해"), A, "4", ANNOUNCEMENT
)
INSURANCE_AUTO_AGE = Fact(65, A, "4", ANNOUNCEMENT, "automatic, no application")
INSURANCE_DETAILS = Fact(None, UNKNOWN, "4", note="insurer, coverage limits")
INSURANCE_ENROLMENT = Fact(None, UNKNOWN, "4", note="how customers under 65 enrol")
# Not program values: the days the bot treats as possible for AGE_REFERENCE_DATE (not in FACTS.md),
# from the base date to the end of the benefit (the OTT pass: six months from its start; the
# insurance: two years from the base date). An age that is the same on every day of it decides; one
# that changes inside it depends on KT's answer, which is said with the customer centre.
AGE_SPAN_OTT = (
    REWARD_BASE_DATE.value,
    date(OTT_START.value.year, OTT_START.value.month + REWARD_MONTHS.value, 1) - timedelta(days=1),
)
AGE_SPAN_INSURANCE = (
    REWARD_BASE_DATE.value,
    REWARD_BASE_DATE.value.replace(year=REWARD_BASE_DATE.value.year + INSURANCE_YEARS.value),
)
NO_BILL_DISCOUNT = Fact(True, N, "4", NEWS)
LEAK_COMPENSATION = Fact(None, SILENT, "4", note="money paid to leak victims beyond this program")
PROGRAM_COST_KRW = Fact(450_000_000_000, N, "4", NEWS, "about ₩450bn in total")

# §5 The incident and KT's response --------------------------------------------------------------
INFECTED_SERVERS = Fact(94, A, "5", ANNOUNCEMENT)
MALWARE_KINDS = Fact(103, A, "5", ANNOUNCEMENT)
INFECTION_FOUND = Fact((2024, 3), A, "5", ANNOUNCEMENT, "found, not reported")
SERVERS_CLEANED_QUIETLY = Fact(41, A, "5", ANNOUNCEMENT)
SECURITY_INVESTMENT_KRW = Fact(1_000_000_000_000, A, "5", ANNOUNCEMENT)
SECURITY_INVESTMENT_YEARS = Fact(5, A, "5", ANNOUNCEMENT)
LEAVERS_IN_WINDOW = Fact(312_902, N, "5", NEWS, "left KT 2025-12-31..2026-01-13")
REFUND_ELIGIBLE_APPROX = Fact(660_000, N, "5", NEWS)

# §6 Contacts ------------------------------------------------------------------------------------
CUSTOMER_CENTRE_KT_PHONE = Fact("114", SHEET, "6", note="from a KT mobile phone")
CUSTOMER_CENTRE_ANY_PHONE = Fact("1588-0010", SHEET, "6", note="from any phone")

# Derived: every reported schedule of the six-month benefits, and the roaming extension, has ended
# after this day, so the past tense is safe then (which six months is [?]).
SIX_MONTH_BENEFITS_SURELY_OVER_AFTER = date(2026, 8, 31)

ALL: Dict[str, Fact] = {name: value for name, value in list(globals().items()) if isinstance(value, Fact)}


def grade_of(name: str) -> Optional[str]:
    fact = ALL.get(name)
    return fact.grade if fact else None
