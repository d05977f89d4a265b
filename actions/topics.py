"""What a question is about: one map from intents to topics, for customers' personal answers and
agents' card sections alike; the topic buttons; and "is the customer asking about themselves?"."""

import re
from typing import Optional

from remedy_rules.answers_ko import FAQ_ANSWERS

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
PERSONAL_INTENTS = frozenset(TOPIC) - {"ask_how_to_apply"}
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

# "제 환급금", "저는", "내 회선", "나 대상이야" — the customer asks about their own line.
_FIRST_PERSON = re.compile(
    r"(?:^|[\s,.!?])(?:제가|저는|저도|저한테|제|저|내가|나는|나도|내|나|본인|우리\s*집)(?=[\s,.!?]|$)|"
    r"(?:^|[\s,.!?])(?:제|내)\s*(?:회선|번호|환급|위약금|폰|휴대폰|핸드폰|명의|정보|보험|데이터)"
)


# "제 환급금", "내 회선 혜택", "제가 받을 금액", "저 대상인가요": the answer needs the customer's own line.
_MY_LINE = re.compile(
    r"(?:제|내|저의|나의|본인)\s*(?:회선|번호|폰|휴대폰|핸드폰|환급금|위약금|금액|지급일|입금일|정보|명의|계좌|"
    r"신청|경우|라인|거|꺼|것|건)|(?:제가|내가|저는|나는|전|난)\s*(?:받을|받는|돌려받을|낸|냈던)\s*(?:금액|돈|환급|위약금)|"
    r"(?:제가|내가|저는|나는|전|난|저|나)\s*(?:대상|해당|받을\s*수|면제)|"
    r"(?:제가|내가|저는|나는|제|내)\s*\S{0,12}\s*\S{0,12}\s*얼마"
)
# Topics whose answer differs from line to line even without such words ("저는 면제돼요?", "저는 보험
# 자동으로 돼요?" — it depends on their age, which only their line knows unless they say it).
_LINE_TOPICS = frozenset({"eligibility", "refund", "apply", "insurance"})


def is_first_person(text: str) -> bool:
    return bool(_FIRST_PERSON.search(text or ""))


# "제 환급금 얼마예요?", "제 지급일 확인 부탁드려요", "내 혜택 뭐임 확인ㄱ": the customer's own line, asked outright.
_MY_THING = re.compile(
    r"(?:제|내|저의|나의|본인)\s*(?:회선|환급금|위약금|금액|지급일|입금일|해지일|신청\s*내역|신청\s*기록|혜택|"
    r"할부금|경우엔?|건|거|꺼)"
)
_CHECK = re.compile(r"확인|알려|봐\s*주|봐주|얼마|언제|뭐|무엇|있는지|조회|되나요|돼요|맞나요|ㄱ")


def asks_outright_about_own_line(text: str) -> bool:
    return bool(_MY_THING.search(text or "")) and bool(_CHECK.search(text or ""))


def names_own_line(text: str) -> bool:
    return bool(_MY_LINE.search(text or ""))


def asks_about_own_line(intent: Optional[str], text: str) -> bool:
    """Mentioning oneself is not always a personal request: "저 고등학생인데 OTT 뭐 받아요" is a general
    question with a fact in it; verification is asked only when the answer needs the customer's line."""
    if _MY_LINE.search(text or ""):
        return True
    return personal_topic(intent) in _LINE_TOPICS and is_first_person(text)


def personal_topic(intent: Optional[str]) -> str:
    return TOPIC.get(intent or "", "eligibility")


# When the NLU is unsure, the program's own everyday words still name a topic ("스미싱 당했는데 보상돼요?"
# is the insurance). First match wins; only for messages the classifier could not place.
_RESCUE = (
    (
        "ask_reward_insurance",
        re.compile(r"보이스\s*피싱|스미싱|피싱|중고\s*거래|당근|사기|해킹\s*피해|쇼핑몰|보험"),
    ),
    (
        "ask_reward_data",
        re.compile(r"100\s*(?:GB|기가|G)|데이터\s*(?:를\s*)?(?:더|추가|얼마)|용량", re.IGNORECASE),
    ),
    ("ask_reward_roaming", re.compile(r"로밍|해외에서\s*데이터")),
    ("ask_reward_ott", re.compile(r"티빙|디즈니|OTT|넷플|구독권|영상\s*구독", re.IGNORECASE)),
    ("ask_reward_membership", re.compile(r"멤버십|카페|커피|영화\s*할인|베이커리|빵집|아이스크림")),
    ("ask_incident", re.compile(r"해킹|악성\s*코드|서버|도청|BPF", re.IGNORECASE)),
    ("request_human", re.compile(r"상담원|상담사|사람이랑|사람하고|고객\s*센터|전화번호|연결해")),
    ("ask_how_to_apply", re.compile(r"신청\s*(?:방법|어디|어떻게)")),
)


def rescued_intent(text: str) -> Optional[str]:
    return next((intent for intent, pattern in _RESCUE if pattern.search(text or "")), None)


_TOPIC_WORDS = (
    ("insurance", re.compile(r"보험")),
    ("rewards", re.compile(r"혜택|보답|데이터|OTT|티빙|디즈니|로밍|멤버십", re.I)),
    ("refund", re.compile(r"환급|환불|돌려|금액|얼마|지급|입금|할부")),
    ("eligibility", re.compile(r"대상|면제|해당")),
)


def topic_in_words(text: str) -> Optional[str]:
    """The personal topic a message names when the classifier named none ("내 혜택 뭐임")."""
    return next((topic for topic, pattern in _TOPIC_WORDS if pattern.search(text or "")), None)
