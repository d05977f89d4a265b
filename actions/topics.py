"""What a question is about: one map from intents to topics, for customers' personal answers and
agents' card sections alike; the topic buttons; "is the customer asking about their own line, or a
general question that mentions them?"; and the words of each topic, for messages the classifier could
not place and for the second question of a message."""

import re
from typing import AbstractSet, Optional

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

# "제 환급금", "저는", "내 회선", "나 대상이야" — the customer asks about their own line.
_FIRST_PERSON = re.compile(
    r"(?i:\bmy\b)|(?:^|[\s,.!?])(?:제가|저는|저도|저한테|제|저|내가|나는|나도|내|나|본인|우리\s*집)(?=[\s,.!?]|$)|"
    r"(?:^|[\s,.!?])(?:제|내)\s*(?:회선|번호|환급|위약금|폰|휴대폰|핸드폰|명의|정보|보험|데이터)"
)
# "제"/"내"/"저"/"나" only as words of their own: not the end of 언제, 면제, 어제, 안내, 하나 …
_OWN = r"(?<![가-힣])"


# "제 환급금", "내 회선 혜택", "제가 받을 금액", "저 대상인가요": the answer needs the customer's own line.
# (The account in one's own name is the rule for everyone: "제 명의 계좌로만 받아요?" asks no line.)
_MY_LINE = re.compile(
    rf"{_OWN}(?:제|내|저의|나의|본인)\s*(?:회선|번호|폰|휴대폰|핸드폰|환급금|위약금|금액|지급일|입금일|정보|"
    rf"신청|경우|라인|거|꺼|것|건)|{_OWN}(?:제가|내가|저는|나는|전|난)\s*(?:받을|받는|돌려받을|낸|냈던)\s*"
    rf"(?:금액|돈|환급|위약금)|{_OWN}(?:제가|내가|저는|나는|전|난|저|나)\s*(?:대상|해당|받을\s*수|면제)|"
    rf"{_OWN}(?:제가|내가|저는|나는|제|내)\s*\S{{0,12}}\s*\S{{0,12}}\s*얼마|"
    # "제가 언제 환급 받는지", "my line": when the money comes to them, their line in English
    rf"{_OWN}(?:제가|내가)\s*(?:언[제재]\s*)?(?:환급금?|환블|환불|돈)\S{{0,2}}\s*(?:언[제재]\s*)?받(?:는|을)지|"
    r"(?i:\bmy\s+(?:line|refund|payout|benefits?|account))|"
    rf"{_OWN}(?:제가|내가)\s*신청\S{{0,4}}\s*(?:거|것|건)"
)
# Topics whose answer differs from line to line even without such words ("저는 면제돼요?", "저는 보험
# 자동으로 돼요?" — it depends on their age, which only their line knows unless they say it).
_LINE_TOPICS = frozenset({"eligibility", "refund", "apply", "insurance"})


def is_first_person(text: str) -> bool:
    return bool(_FIRST_PERSON.search(text or ""))


# "제 환급금 얼마예요?", "제 지급일 확인 부탁드려요", "내 혜택 뭐임 확인ㄱ": the customer's own line, asked outright.
_MY_THING = re.compile(
    rf"(?i){_OWN}(?:제|내|저의|나의|본인)\s*(?:회선|환급금|위약금|금액|지급일|입금일|해지일|신청\s*내역|신청\s*기록|혜택|"
    r"할부금|경우엔?|건|거|꺼|OTT|티빙|디즈니|보험)"
)
_CHECK = re.compile(r"확인|알려|봐\s*주|봐주|얼마|언제|뭐|무엇|있는지|조회|되나요|돼요|맞나요|ㄱ")


def asks_outright_about_own_line(text: str) -> bool:
    return bool(_MY_THING.search(text or "")) and bool(_CHECK.search(text or ""))


def names_own_line(text: str) -> bool:
    return bool(_MY_LINE.search(text or ""))


# What the program does for everyone, whoever asks: how and where, what is covered, when a window
# runs ("저 중고거래 자주 하는데 보상돼요?", "제가 신청은 어디서 해요?", "환급 신청 마감 언제예요?").
_GENERAL_ASPECT = re.compile(
    r"어디(?:서|에서|로|에)?\s*(?:가입|신청|해|하|문의|전화|연락)|어떻게\s*(?:가입|신청|받|하|해)|어케\s*(?:가입|신청|받|해)|"
    r"어디(?:서|에서)?\s*조회|방법|보상|커버|cover|포함|언제\s*(?:부터|까지)|마감|기간|몇\s*시|"
    r"신청\s*(?:해야|하려면|할\s*때|하면)|지금\s*(?:해도|신청해도|하면|신청하면)|아직(?:도)?\s*(?:돼|되|가능)",
    re.IGNORECASE,
)
# A plan, not a record: "제가 지금 옮겨도 되는지", "지금 옮기면 위약금 안 내도 돼요?" — the window answers it.
_PLAN = re.compile(
    r"(?:옮기|옮겨|옮길|나가|나갈|해지하|해지해|해지할|번호\s*이동하|번호\s*이동해|번호\s*이동할|번이하|갈아타|갈아탈)"
    r"(?:면|도|려|는\s*거|ㄹ까)"
)


def asks_in_general(text: str) -> bool:
    """A question the program answers the same for everyone, even when the customer says "저"."""
    return bool(_GENERAL_ASPECT.search(text or "") or _PLAN.search(text or ""))


def asks_about_own_line(intent: Optional[str], text: str) -> bool:
    """Mentioning oneself is not always a personal request: "저 고등학생인데 OTT 뭐 받아요", "저 중고거래
    자주 하는데 보험으로 보상돼요?", "제가 지금 옮겨도 되는지요" are general questions with a fact about the
    customer in them; verification is asked only when the answer needs the customer's line ("제 환급금",
    "저는 면제 대상인가요", "저는 보험 자동으로 돼요?")."""
    if _MY_LINE.search(text or ""):
        return True
    return personal_topic(intent) in _LINE_TOPICS and is_first_person(text) and not asks_in_general(text)


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
    ("ask_reward_roaming", re.compile(r"로밍|해외에서\s*데이터|roaming", re.IGNORECASE)),
    ("ask_reward_ott", re.compile(r"티빙|디즈니|OTT|넷플|구독권|영상\s*구독", re.IGNORECASE)),
    (
        "ask_reward_membership",
        re.compile(r"멤버십|카페|커피|영화\s*할인|베이커리|빵집|아이스크림|membership", re.I),
    ),
    ("ask_rewards", re.compile(r"요금\s*할인|반값")),
    ("ask_incident", re.compile(r"해킹|악성\s*코드|서버|도청|BPF|몇\s*(?:만\s*)?명", re.IGNORECASE)),
    (
        "request_human",
        re.compile(
            r"상담원|상담사|사람이랑|사람하고|고객\s*센터|전화\s*번호|연결해|어디(?:로|에)?\s*(?:전화|연락|문의)|"
            r"전화\s*몇\s*번|대표\s*번호|번호\s*(?:가\s*)?몇\s*번|다른\s*번호|114|1588|customer\s*(?:center|centre|service)",
            re.IGNORECASE,
        ),
    ),
    ("ask_how_to_apply", re.compile(r"신청\s*(?:방법|어디|어떻게)")),
)


def rescued_intent(text: str) -> Optional[str]:
    return next((intent for intent, pattern in _RESCUE if pattern.search(text or "")), None)


# The words of each FAQ topic, for reading one clause of a message that asks two things (a refund
# question and, if not, whom to call; the centre's number and the first application day). Vocabulary per topic, most
# specific first; a clause gets the topic whose words come first in it.
_FAQ_WORDS = (
    (
        "ask_missed_deadline",
        re.compile(
            r"신청\S{0,2}\s*(?:하지\s*)?(?:못|놓치|놓쳤)|(?:마감|기간|기한)\S{0,3}\s*(?:놓치|놓쳤|지나면|지나서|넘기|넘겨)"
        ),
    ),
    (
        "request_human",
        re.compile(
            r"고객\s*센터|상담\s*(?:은|원|사|번호|전화|받|하)|어디(?:로|에)?\s*(?:문의|전화|연락|걸)|문의(?:는|처|할\s*곳)|"
            r"전화\s*(?:번호|몇\s*번)|연락처|114|1588|customer\s*(?:center|centre|service)|call\s*center",
            re.IGNORECASE,
        ),
    ),
    (
        "ask_how_to_apply",
        re.compile(
            r"신청\s*(?:기간|마감|방법|기한|시작|첫날|할\s*때|하려면|은\s*언제|은\s*어디|어디|언제|어떻게|시간)|"
            r"마감|신분증|명의|계좌|통장|어디서\s*신청|언제까지|어떻게\s*(?:refund\s*|환급\s*|돌려\s*)?받|"
            r"(?:환급|신청)\S{0,2}\s*(?:다\s*)?(?:끝|종료)",
            re.IGNORECASE,
        ),
    ),
    (
        "ask_refund_schedule",
        re.compile(
            r"지급일|입금일|지급\s*(?:일정|날짜)|언[제재]\s*(?:들어|입금|지급|받)|환급(?:금)?(?:은|는)?\s*언[제재]|payout|"
            # "환급 3번 나눠줌?", "2/5랑 2/19 차이": the payout dates themselves
            r"(?:환급|지급|입금)\S{0,3}\s*(?:\S+\s*)?(?:나눠|나누어|몇\s*번|세\s*번|3\s*번|차수)|batch|"
            r"(?:2\s*/\s*5|2\s*/\s*19|1\s*/\s*22|2월\s*5일|2월\s*19일|1월\s*22일)\S{0,2}\s*(?:랑|와|과|하고|이랑)",
            re.IGNORECASE,
        ),
    ),
    ("ask_reward_ott", re.compile(r"OTT|티빙|디즈니|디플|이용권", re.IGNORECASE)),
    ("ask_reward_insurance", re.compile(r"보험|피싱|스미싱|사기|만\s*65\s*세")),
    ("ask_reward_data", re.compile(r"100\s*(?:GB|기가|G)|데이터", re.IGNORECASE)),
    ("ask_reward_roaming", re.compile(r"로밍|roaming", re.IGNORECASE)),
    ("ask_reward_membership", re.compile(r"멤버십|membership", re.IGNORECASE)),
    ("ask_rewards", re.compile(r"요금\s*할인|반값|보답\s*(?:프로그램|혜택)")),
    # "공짜 탈출", "위약금 없이 옮기기": leaving without the penalty, in chat words
    (
        "ask_waiver_window",
        re.compile(r"탈출|공짜로\s*(?:옮|나가|해지|갈아)|위약금\s*없이\s*(?:옮|나가|해지|갈아)"),
    ),
    (
        "ask_waiver_window",
        re.compile(rf"(?=.*(?:위약금|면제|penalty|waiver))(?:{_PLAN.pattern})", re.S | re.I),
    ),
    ("ask_refund_scope", re.compile(r"할부|차액|결합|인터넷\s*위약금")),
    ("ask_eligibility_lookup", re.compile(r"조회|미리\s*(?:볼|알|확인)|예상\s*위약금")),
    (
        "ask_security_plan",
        re.compile(r"보안\s*(?:투자|대책|계획|강화)|재발\s*방지|앞으로\s*어떻게\s*하|TF|태스크"),
    ),
    ("ask_incident", re.compile(r"감염|도청|악성\s*코드|해킹\s*(?:사고|당|때문)|서버\s*몇")),
    (
        "ask_waiver_who",
        re.compile(
            r"면제\s*(?:대상|되|돼|받)|환급\s*(?:대상|되|돼|받)|돌려\s*받|대상(?:이에요|인가요|이야|임)"
        ),
    ),
)


def faq_topic_in_words(text: str, besides: AbstractSet[str] = frozenset()) -> Optional[str]:
    """The FAQ intent one clause names by its words, the earliest in the clause (other than the topics
    ``besides``, already answered); None if none."""
    found = [
        (m.start(), order, intent)  # at the same place the topic listed first wins (missed before how)
        for order, (intent, pattern) in enumerate(_FAQ_WORDS)
        if intent not in besides
        for m in [pattern.search(text or "")]
        if m
    ]
    return min(found)[2] if found else None


_TOPIC_WORDS = (
    ("insurance", re.compile(r"보험")),
    ("rewards", re.compile(r"혜택|보답|데이터|OTT|티빙|디즈니|로밍|멤버십", re.I)),
    ("refund", re.compile(r"환급|환불|돌려|금액|얼마|지급|입금|할부")),
    ("eligibility", re.compile(r"대상|면제|해당")),
)


def topic_in_words(text: str, specific: bool = False) -> Optional[str]:
    """The personal topic a message names when the classifier named none ("내 혜택 뭐임"); with
    ``specific``, only a part more precise than eligibility (insurance, rewards, the refund)."""
    return next(
        (
            topic
            for topic, pattern in _TOPIC_WORDS
            if not (specific and topic == "eligibility") and pattern.search(text or "")
        ),
        None,
    )
