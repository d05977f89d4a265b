"""Every code the decision speaks in: decisions, reasons, grounds, missing facts, reward items.

Codes are stable strings (agents read them to the back office); their Korean wording is in
``wording_ko.explain``. Kept apart from ``decision`` so the wording can import them without a cycle.
"""

from enum import Enum


class Decision(str, Enum):
    YES = "yes"
    NO = "no"
    DEPENDS = "depends"  # settled by the facts in ``Section.open``


class WaiverStatus(str, Enum):
    """The waiver in the older three-way form (agents' cards and the billing tests use it)."""

    ELIGIBLE = "eligible"  # left inside 2025-09-01..2026-01-13, no exclusion
    ELIGIBLE_IF_LEAVES = "eligible_if_leaves"  # still active, may leave by 2026-01-13
    NOT_ELIGIBLE = "not_eligible"
    UNDECIDED = "undecided"  # the record leaves something open (see the decision's ``open``)


class Reason(str, Enum):
    """Why a line is not covered by the waiver. Every one that holds is reported, in this order."""

    MVNO = "mvno"
    IOT = "iot"
    SPECIAL_PURPOSE_LINE = "special_purpose_line"  # [N]
    INVOLUNTARY_TERMINATION = "involuntary_termination"
    NEW_SUBSCRIPTION_AFTER_CUTOFF = "new_subscription_after_cutoff"
    DEVICE_CHANGE_AFTER_CUTOFF = "device_change_after_cutoff"
    RECONTRACT_AFTER_CUTOFF = "recontract_after_cutoff"
    REJOINED_AFTER_LEAVING = "rejoined_after_leaving"  # [N] cancel-and-rejoin 2025-09-01..2026-01-13
    TERMINATED_BEFORE_WINDOW = "terminated_before_window"
    TERMINATED_AFTER_WINDOW = "terminated_after_window"
    WINDOW_CLOSED = "window_closed"  # still active after the last day to leave


class Ground(str, Enum):
    """What is established in favour of the customer (reported with YES and DEPENDS)."""

    LEFT_IN_RETRO_PERIOD = "left_in_retro_period"  # 2025-09-01..12-30
    LEFT_IN_WAIVER_WINDOW = "left_in_waiver_window"  # 2025-12-31..2026-01-13
    LEFT_IN_COVERED_PERIOD = "left_in_covered_period"  # somewhere in 2025-09-01..2026-01-13
    MAY_STILL_LEAVE = "may_still_leave"  # active, today <= 2026-01-13
    CONTRACT_EVENT_BEFORE_CUTOFF = "contract_event_before_cutoff"  # no exclusion
    SECOND_DEVICE_COVERED = "second_device_covered"  # [N] watch, tablet
    APPLIED_IN_PERIOD = "applied_in_period"
    SUBSCRIBED_ON_BASE_DATE = "subscribed_on_base_date"
    LEFT_AFTER_BASE_DATE = "left_after_base_date"  # entitled as of 01-13, the line is gone since


class PayoutReason(str, Enum):
    """Why there is no refund payout (the refund section's reasons when it says NO)."""

    NOT_ELIGIBLE = "not_eligible"  # the waiver does not apply to the line
    NOT_TERMINATED = "not_terminated"  # nothing to refund before the line is closed
    TERMINATED_OUTSIDE_TABLE = "terminated_outside_table"
    APPLIED_BEFORE_PERIOD = "applied_before_period"
    APPLIED_AFTER_PERIOD = "applied_after_period"
    APPLICATION_NOT_YET_OPEN = "application_not_yet_open"  # "if applied today", before 01-14 09:00
    APPLICATION_PERIOD_OVER = "application_period_over"  # "if applied today", after 01-31 22:00


class RewardReason(str, Enum):
    NOT_SUBSCRIBED_ON_BASE_DATE = "not_subscribed_on_base_date"
    IOT = "iot"  # [N] no 100GB data for IoT lines
    PREPAID = "prepaid"  # [N] no 100GB data for prepaid lines
    UNDER_OTT_MIN_AGE = "under_ott_min_age"  # [N] TVING from 14, Disney+ from 19


class RewardItem(str, Enum):
    DATA = "data_100gb_monthly"
    ROAMING = "roaming_data_plus_50"
    OTT = "ott_pass"
    MEMBERSHIP = "membership_discounts"
    INSURANCE = "safety_insurance"


class OttChoice(str, Enum):
    TVING = "tving"
    TVING_WITH_GUARDIAN = "tving_with_guardian_consent"
    DISNEY_PLUS = "disney_plus"


class Unannounced(str, Enum):
    """Facts FACTS.md marks [?] (or does not state): the bot says they are not confirmed, never a value."""

    DATA_MONTHS = "data_months"
    ROAMING_METHOD = "roaming_method"
    MEMBERSHIP_PARTNERS = "membership_partners"
    INSURANCE_DETAILS = "insurance_details"  # insurer, coverage limits
    INSURANCE_ENROLMENT = "insurance_enrolment"  # how customers under 65 enrol
    AGE_REFERENCE_DATE = "age_reference_date"  # the day ages are counted on
    BASE_DAY_LEAVERS = "base_day_leavers"  # whether leaving on 2026-01-13 itself counts
    REWARDS_AFTER_LEAVING = "rewards_after_leaving"
    ELIGIBILITY_PAGE_LOCATION = "eligibility_page_location"
    MVNO_REWARDS = "mvno_rewards"  # whether an MVNO line gets the rewards (FACTS.md: waiver only)
    OTT_CLAIM = "ott_claim"  # how the OTT pass is chosen and claimed, how a guardian consents
    LEAK_COMPENSATION = "leak_compensation"  # money for leak victims beyond the program
    LATE_PROOF = "late_proof"  # which proof a late application (unavoidable reason) takes


class OpenKind(str, Enum):
    ASK = "ask"  # a fact the customer can tell us
    IF = "if"  # something that has not happened yet (leave by 01-13, apply in the period)
    UNANNOUNCED = "unannounced"  # KT has not said; only the customer centre can settle it


class Missing(str, Enum):
    """What would settle a DEPENDS: a question, a condition, or an unannounced fact."""

    CARRIER = "carrier"  # KT or MVNO
    LINE_TYPE = "line_type"  # phone/second device, or IoT/special purpose
    PREPAID = "prepaid"
    CONTRACT_CHANGE_SINCE_CUTOFF = "contract_change_since_cutoff"
    CONTRACT_EVENT_DATE = "contract_event_date"
    JOINED_ON = "joined_on"
    STATUS = "status"  # still a KT customer, or left (and when)
    TERMINATION_DATE = "termination_date"
    TERMINATION_TYPE = "termination_type"  # cancel/port-out, or involuntary
    REJOINED = "rejoined"
    APPLIED = "applied"  # applied in 2026-01-14..01-31, and on which day
    APPLICATION_DATE = "application_date"
    BIRTH_DATE = "birth_date"
    # conditions: not yet happened
    LEAVE_BY_WAIVER_END = "leave_by_waiver_end"
    STAY_UNTIL_BASE_DATE = "stay_until_base_date"
    APPLY_IN_PERIOD = "apply_in_period"
    # KT has not said
    AGE_REFERENCE_DATE = "age_reference_date"
    BASE_DAY_LEAVERS = "base_day_leavers"
    MVNO_REWARDS = "mvno_rewards"
