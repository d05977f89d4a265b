"""What a question is about: one map from intents to topics, for customers' personal answers and
agents' card sections alike; the topic buttons; "is the customer asking about their own line, or a
general question that mentions them?" (from the reading of the message, korean_nlu.reading)."""

from typing import Optional

from korean_nlu.reading import Reading
from korean_nlu.reading import faq_topic_in_words as faq_topic_in_words  # for the follow-up's reading
from korean_nlu.reading import rescued_intent as rescued_intent  # (actions.handlers.context)
from wording_ko.answers import FAQ_ANSWERS

FAQ_INTENTS = frozenset(FAQ_ANSWERS)
FALLBACK_INTENTS = frozenset({"nlu_fallback", "out_of_scope"})
TOPIC = {
    "ask_waiver_who": "eligibility",
    "ask_retroactive": "eligibility",
    "ask_waiver_window": "eligibility",
    "ask_portout_vs_cancel": "eligibility",
    "check_my_eligibility": "eligibility",
    "provide_identity": "eligibility",
    "ask_refund_schedule": "refund",
    "ask_refund_scope": "refund",
    "ask_missed_deadline": "refund",
    "ask_how_to_apply": "apply",
    "apply_refund": "apply",
    "ask_rewards": "rewards",
    "ask_reward_data": "rewards",
    "ask_reward_ott": "rewards",
    "ask_reward_roaming": "rewards",
    "ask_reward_membership": "rewards",
    "ask_reward_insurance": "insurance",
}
# A personal answer exists for these; how to apply is the same for everyone, unless the customer
# asks about their own case ("내 건 어떻게 되는데": their refund).
# (What to do after missing the period is the same for every line.)
PERSONAL_INTENTS = frozenset(TOPIC) - {"ask_how_to_apply", "ask_missed_deadline"}
# Intents that always mean "my own line" (the rest only with a first-person word).
ALWAYS_PERSONAL = frozenset({"check_my_eligibility", "apply_refund", "provide_identity"})

# Short labels (≤ 14 characters: KakaoTalk's quick-reply limit) for asking which topic was meant.
INTENT_LABELS = {
    "ask_waiver_window": "위약금 면제 기간",
    "ask_retroactive": "소급 적용",
    "ask_waiver_who": "면제 대상·제외",
    "ask_portout_vs_cancel": "번호이동과 해지",
    "ask_refund_scope": "환급되는 금액",
    "ask_how_to_apply": "환급 신청 방법",
    "ask_refund_schedule": "환급금 지급일",
    "ask_eligibility_lookup": "대상 조회·문자",
    "ask_missed_deadline": "신청 기간을 놓쳤을 때",
    "ask_previous_waiver": "이전 위약금 면제",
    "ask_rewards": "보답 프로그램",
    "ask_reward_data": "데이터 100GB",
    "ask_reward_roaming": "로밍 혜택",
    "ask_reward_ott": "OTT 이용권",
    "ask_reward_membership": "멤버십 할인",
    "ask_reward_insurance": "안전·안심 보험",
    "ask_rewards_if_leaving": "해지해도 보답 혜택",
    "ask_incident": "해킹 사고 내용",
    "ask_security_plan": "KT 보안 대책",
    "request_human": "상담원 연결",
    "check_my_eligibility": "내 회선 확인",
    "apply_refund": "채팅으로 환급 신청",
}

TOPIC_BUTTONS = [
    {"title": "위약금 면제 대상", "payload": "/ask_waiver_who"},
    {"title": "환급금 지급일", "payload": "/ask_refund_schedule"},
    {"title": "환급 신청 방법", "payload": "/ask_how_to_apply"},
    {"title": "보답 프로그램", "payload": "/ask_rewards"},
    {"title": "내 회선 확인", "payload": "/check_my_eligibility"},
]

# Topics whose answer differs from line to line even without words naming the line ("저는 면제돼요?",
# "저는 보험 자동으로 돼요?" — it depends on their age, which only their line knows unless they say it).
_LINE_TOPICS = frozenset({"eligibility", "refund", "apply", "insurance"})


def asks_about_own_line(intent: Optional[str], reading: Reading) -> bool:
    """Mentioning oneself is not always a personal request: "저 고등학생인데 OTT 뭐 받아요", "저 중고거래
    자주 하는데 보험으로 보상돼요?", "제가 지금 옮겨도 되는지요" are general questions with a fact about the
    customer in them; verification is asked only when the answer needs the customer's line ("제 환급금",
    "저는 면제 대상인가요", "저는 보험 자동으로 돼요?")."""
    if reading.names_own_line:
        return True
    if reading.other_person:  # "제 동생 보험 자동이에요?": another person's, answered by their age
        return False
    return personal_topic(intent) in _LINE_TOPICS and reading.first_person and not reading.asks_in_general


def personal_topic(intent: Optional[str]) -> str:
    return TOPIC.get(intent or "", "eligibility")
