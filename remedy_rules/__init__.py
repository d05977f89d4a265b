"""The KT 2025 breach remedy program, as rules.

Pure Python (no Rasa import): the action server, the agents' tools and the tests all
decide with this package, and it is the only place that holds the program's dates,
exclusions, payout table and rewards. Facts come from ``shared/program/FACTS.md``.
"""
from remedy_rules.clock import today
from remedy_rules.dates_ko import DateSpan, KoreanDateError, extract_dates, parse_korean_date
from remedy_rules.eligibility import Reason, WaiverDecision, WaiverStatus, decide_waiver
from remedy_rules.line import Line
from remedy_rules.money import RefundAmounts, refund_amounts
from remedy_rules.phase import Phase, PhaseInfo, program_phase
from remedy_rules.refund import PayoutReason, PayoutResult, line_payout, payout_date
from remedy_rules.rewards import OttChoice, RewardEntitlement, RewardReason, rewards_for

__all__ = [
    "DateSpan",
    "KoreanDateError",
    "Line",
    "OttChoice",
    "PayoutReason",
    "PayoutResult",
    "Phase",
    "PhaseInfo",
    "Reason",
    "RefundAmounts",
    "RewardEntitlement",
    "RewardReason",
    "WaiverDecision",
    "WaiverStatus",
    "decide_waiver",
    "extract_dates",
    "line_payout",
    "parse_korean_date",
    "payout_date",
    "program_phase",
    "refund_amounts",
    "rewards_for",
    "today",
]
