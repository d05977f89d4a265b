"""Which intents are program FAQs, which personal topic each maps to, and "is it about me?"."""
import re

from remedy_rules.answers_ko import FAQ_ANSWERS

FAQ_INTENTS = tuple(FAQ_ANSWERS)
PERSONAL_TOPIC = {
    "ask_waiver_who": "eligibility", "ask_retroactive": "eligibility", "ask_waiver_window": "eligibility",
    "ask_portout_vs_cancel": "eligibility", "check_my_eligibility": "eligibility",
    "ask_refund_schedule": "refund", "ask_refund_scope": "refund", "ask_missed_deadline": "refund",
    "ask_rewards": "rewards", "ask_reward_data": "rewards", "ask_reward_ott": "rewards",
    "ask_reward_roaming": "rewards", "ask_reward_membership": "rewards",
    "ask_reward_insurance": "insurance", "apply_refund": "apply", "provide_identity": "eligibility",
}
# "제 환급금", "저는", "내 회선", "나 대상이야" — the customer asks about their own line.
_FIRST_PERSON = re.compile(r"(?:^|[\s,.!?])(?:제가|저는|저도|저한테|제|저|내가|나는|나도|내|나|본인|우리\s*집)(?=[\s,.!?]|$)|"
                           r"(?:^|[\s,.!?])(?:제|내)\s*(?:회선|번호|환급|위약금|폰|휴대폰|핸드폰|명의|정보|보험|데이터)")


def is_first_person(text: str) -> bool:
    return bool(_FIRST_PERSON.search(text or ""))
