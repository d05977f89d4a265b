"""The KT 2025 breach remedy program, as rules.

Pure Python (no Rasa import): the action server, the agents' tools and the tests all
decide with this package. ``facts`` holds the program's data with its grades (FACTS.md);
``decision.decide`` is the one decision over partly known facts; the ``*_ko`` modules render it.
"""

from remedy_rules.clock import today
from remedy_rules.codes import Decision, Ground, Missing, OpenKind
from remedy_rules.decision import LineDecision, LineFacts, decide, decide_line, facts_from_line
from remedy_rules.eligibility import Reason, WaiverDecision, WaiverStatus, decide_waiver
from remedy_rules.line import Line
from remedy_rules.money import RefundAmounts, refund_amounts
from remedy_rules.phase import Phase, PhaseInfo, program_phase
from remedy_rules.refund import PayoutReason, PayoutResult, line_payout, payout_date
from remedy_rules.rewards import OttChoice, RewardEntitlement, RewardReason, rewards_for
from remedy_rules.spans import DateSpan, KoreanDateError

__all__ = [
    "DateSpan",
    "Decision",
    "Ground",
    "KoreanDateError",
    "Line",
    "LineDecision",
    "LineFacts",
    "Missing",
    "OpenKind",
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
    "decide",
    "decide_line",
    "decide_waiver",
    "facts_from_line",
    "line_payout",
    "payout_date",
    "program_phase",
    "refund_amounts",
    "rewards_for",
    "today",
]
