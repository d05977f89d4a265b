"""The program's fixed facts: every date and number the rules use, in one place.

Each constant cites its grade in FACTS.md: [A] in KT's announcement, [N] reported by news.
Facts marked [?] there are deliberately absent; see ``UNANNOUNCED`` in rewards.py.
"""
from datetime import date

# §1 Penalty waiver
RETRO_START = date(2025, 9, 1)  # [A] retroactive coverage starts; also the exclusion cut-off
RETRO_END = date(2025, 12, 30)  # [A]
WAIVER_START = date(2025, 12, 31)  # [A] announced window for leaving
WAIVER_END = date(2026, 1, 13)  # [A] last day to cancel or port out with the waiver
CONTRACT_EVENT_CUTOFF = RETRO_START  # [A] 신규/기기변경/재약정 on or after this day excludes
LIMITED_WAIVER_END = date(2025, 11, 30)  # [A] the earlier waiver for suspected leak victims
LIMITED_WAIVER_CUSTOMERS = 22_227  # [N]

# §2 Refund application
APPLY_START = date(2026, 1, 14)  # [A] (09:00 per [N] Newspim)
APPLY_END = date(2026, 1, 31)  # [A] (22:00 per [N] Newspim)
ELIGIBILITY_PAGE_OPENS = date(2025, 12, 31)  # [A] lookup page and individual text messages
MISSED_DEADLINE_GRACE_DAYS = 14  # [N] after an unavoidable reason ends

# §3 Payout table [A] dates, [N Newspim 2026-01-14] mapping
PAYOUT_EARLY = date(2026, 1, 22)
PAYOUT_LATE = date(2026, 2, 5)
PAYOUT_JANUARY_LEAVERS = date(2026, 2, 19)
PAYOUT_DATES = (PAYOUT_EARLY, PAYOUT_LATE, PAYOUT_JANUARY_LEAVERS)
EARLY_APPLY_END = date(2026, 1, 18)  # applications up to here by 2025 leavers are paid 01-22
LATE_TERMINATION_START = date(2026, 1, 1)  # leavers from here are paid 02-19
# Rows: (terminated from, terminated to, applied from, applied to, paid on)
PAYOUT_TABLE = (
    (RETRO_START, date(2025, 12, 31), APPLY_START, EARLY_APPLY_END, PAYOUT_EARLY),
    (RETRO_START, date(2025, 12, 31), date(2026, 1, 19), APPLY_END, PAYOUT_LATE),
    (LATE_TERMINATION_START, WAIVER_END, APPLY_START, APPLY_END, PAYOUT_JANUARY_LEAVERS),
)

# §4 Reward program
REWARD_BASE_DATE = date(2026, 1, 13)  # [A] customers subscribed on this day
REWARD_MONTHS = 6  # [A] data, roaming, OTT, membership
DATA_GB_PER_MONTH = 100  # [A]
ROAMING_EXTRA_PERCENT = 50  # [A]
ROAMING_PROGRAMS_EXTENDED_TO = (2026, 8)  # [A] existing roaming programs run to August 2026
OTT_START = date(2026, 2, 1)  # [N]
OTT_TVING_MIN_AGE = 14  # [N]
OTT_DISNEY_MIN_AGE = 19  # [N]
OTT_ADULT_AGE = 19  # [N] 14-18 may take TVING with a guardian's consent
INSURANCE_YEARS = 2  # [A]
# [?] which six months is unannounced (Feb–Jul, Feb–Aug or from January); every reported
# schedule, and the roaming extension, has ended after this day, so past tense is safe then.
SIX_MONTH_BENEFITS_SURELY_OVER_AFTER = date(2026, 8, 31)
INSURANCE_AUTO_AGE = 65  # [A] age on REWARD_BASE_DATE, no application needed

# §6 Contacts [A]
CUSTOMER_CENTRE_KT_PHONE = "114"
CUSTOMER_CENTRE_ANY_PHONE = "1588-0010"
