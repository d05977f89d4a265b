"""Issue 19's kinds of conversation, each through the REST channel (and one through KakaoTalk):
facts told over several messages, corrections, the one question for a missing fact, ellipsis about
another person, and coming back to an earlier topic.

Real Rasa (trained model), the real action server and the seeded subscriber database: the session's
channel stack. Every REST message pins its own day (``metadata.clock``, BOT_CLOCK_FROM_MESSAGES);
the sentences are this file's own, in several registers (존댓말, 반말, no spacing, typos).

Payout dates (FACTS.md §3): left 2025-09-01..12-31 and applied 01-14..01-18 → 2026-01-22; applied
01-19..01-31 → 2026-02-05; left 2026-01-01..01-13 → 2026-02-19.
"""

import re
from typing import List, Sequence, Tuple

import pytest
from test_channels import kakao, kakao_request, outputs

pytestmark = pytest.mark.stack

# the payout days (all in 2026): an answer says the year once, so a day may come without it
JAN_22, FEB_5, FEB_19 = "1월 22일", "2월 5일", "2월 19일"
PAYOUTS = (JAN_22, FEB_5, FEB_19)
ASKS_APPLICATION = "신청은 언제 하셨어요?"
VERIFICATION = "휴대폰 번호"  # the start of a verification: never the answer to a general question

# A turn: what the customer writes, what the reply must contain, and what it must not.
Turn = Tuple[str, Sequence[str], Sequence[str]]


def only(day: str) -> Tuple[Sequence[str], Sequence[str]]:
    """The one payout date, not another, and no verification request."""
    return (day,), tuple(d for d in PAYOUTS if d != day) + (VERIFICATION, ASKS_APPLICATION)


def talk(stack, sender: str, today: str, turns: List[Turn]) -> None:
    clock = {"clock": {"today": today, "now": "12:00"}}
    for number, (text, must, must_not) in enumerate(turns, start=1):
        reply = "\n".join(r.get("text", "") for r in stack.say(sender, text, clock))
        for part in must:
            assert said(part, reply), f"turn {number} ({text!r}) lacks {part!r}:\n{reply}"
        for part in must_not:
            assert not said(part, reply), f"turn {number} ({text!r}) says {part!r}:\n{reply}"


def said(part: str, reply: str) -> bool:
    """``part`` in ``reply``; a payout day as a whole day ("1월 22일", not "11월 22일")."""
    return bool(re.search(rf"(?<!\d){re.escape(part)}", reply)) if part in PAYOUTS else part in reply


# -- facts told in separate messages are combined --------------------------------------------------
ACROSS_TURNS = [
    pytest.param(
        "2026-01-20",
        [
            ("작년 12월 2일에 해지했어요", (), ()),
            ("신청은 1월 15일에 넣었고요", *only(JAN_22)),
            ("그러면 돈은 언제쯤 들어오나요?", *only(JAN_22)),
        ],
        id="polite",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("나 1월 7일에 번호이동함", (), ()),
            ("신청은 어제 했어", *only(FEB_19)),
            ("돈 언제 와?", *only(FEB_19)),
        ],
        id="banmal-relative-application",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("11월말에통신사옮겼어요", (), ()),
            ("환급신청은1월19일에했어요", *only(FEB_5)),
            ("입금일이언제죠", *only(FEB_5)),
        ],
        id="no-spacing",
    ),
    pytest.param(
        "2026-01-17",
        [
            ("지난달 20일에 해지했거든요", (), ()),
            ("엊그제 환급 신청 넣었어요", *only(JAN_22)),
            ("지급일이 언제예요?", *only(JAN_22)),
        ],
        id="relative-dates",
    ),
    pytest.param(
        "2026-01-25",
        [
            ("10월 28일에 해지햇는데요", (), ()),
            ("신청은 1월 23일날 햇어요", *only(FEB_5)),
            ("그럼 언재 받아요?", *only(FEB_5)),
        ],
        id="typos",
    ),
    pytest.param(
        "2026-01-28",
        [
            ("저 번호이동 1월 12일에 했어요", (), ()),
            ("환급 신청 아직 안 했는데 오늘 하려고요", *only(FEB_19)),
            ("그럼 언제 받죠?", *only(FEB_19)),
        ],
        id="plan-to-apply-today",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("성탄절에 해지했어요", (), ()),
            ("신청은 1월 14일 열리자마자 했고요", *only(JAN_22)),
            ("언제 들어오나요", *only(JAN_22)),
        ],
        id="holiday-termination",
    ),
]


@pytest.mark.parametrize("today, turns", ACROSS_TURNS)
def test_facts_told_in_separate_messages_are_combined(channel_stack, request, today, turns):
    talk(channel_stack, f"across-{request.node.callspec.id}", today, turns)


# -- a correction replaces the old value ---------------------------------------------------------------
CORRECTIONS = [
    pytest.param(
        "2026-01-20",
        [
            ("10월 5일 해지, 환급 신청은 1월 16일. 입금 날짜 알려주세요", *only(JAN_22)),
            ("아 잘못 말했어요, 신청한 날은 1월 20일이에요", *only(FEB_5)),
        ],
        id="wrongly-said",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("12월 10일 해지, 1월 27일 신청 예정이야. 언제 들어와?", (FEB_5,), (JAN_22, FEB_19)),
            ("정정할게 신청 1월 17일에 이미 했어", *only(JAN_22)),
        ],
        id="banmal-correct-application",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("1월 3일에 번호이동했는데 환급금 언제 나와요?", (FEB_19,), (VERIFICATION,)),
            # the termination date corrected right after the bot asked for the application date
            ("아니 1월 3일 말고 12월 30일이요", (), (FEB_19, VERIFICATION)),
            ("신청은 1월 14일에 했어요", *only(JAN_22)),
        ],
        id="not-this-but-that-termination",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("11월 9일 해지 후 1월 14일 환급 신청 완료했습니다 언제 받나요", *only(JAN_22)),
            ("아신청일헷갈렸네요1월21일이었어요", *only(FEB_5)),
        ],
        id="no-spacing-mixed-up",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("1월 2일에 번호이동했고 신청은 1월 16일이요. 언제 받아요?", *only(FEB_19)),
            ("정정할게요, 번호이동한 날은 12월 29일이에요", *only(JAN_22)),
        ],
        id="correct-the-termination",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("11월 30일 해지 1월 20일 신청 언제 입금돼여", *only(FEB_5)),
            ("아 오타 신청 1월 15일임", *only(JAN_22)),
        ],
        id="typo-correction",
    ),
    pytest.param(
        "2026-01-21",
        [
            ("1월6일해지했고신청은1월20일이요", *only(FEB_19)),
            ("아그게1월6일이아니라12월6일해지였어요", *only(FEB_5)),
        ],
        id="no-spacing-not-but",
    ),
    pytest.param(
        "2026-01-23",
        [
            ("해지 12월 18일, 신청은 1월 21일이었대요. 언제 나와요?", *only(FEB_5)),
            ("아 아내한테 다시 물어보니 15일이 맞대요", *only(JAN_22)),
        ],
        id="restated-after-asking-again",
    ),
    pytest.param(
        "2026-01-24",
        [
            ("해지 1/9 신청 1/20", *only(FEB_19)),
            ("아 해지 12/9임 ㅈㅅ", *only(FEB_5)),
            ("그럼언제?", *only(FEB_5)),
        ],
        id="bare-when-after-correction",
    ),
    pytest.param(
        "2026-01-24",
        [
            (
                "I cancelled the line on Dec 12; my refund application was filed Jan 16. Payout date?",
                *only(JAN_22),
            ),
            ("Sorry, I applied on January 23, not the 16th.", *only(FEB_5)),
        ],
        id="english-not-the-old-day",
    ),
]


@pytest.mark.parametrize("today, turns", CORRECTIONS)
def test_a_correction_replaces_the_old_value(channel_stack, request, today, turns):
    talk(channel_stack, f"correct-{request.node.callspec.id}", today, turns)


# -- the one missing fact is asked, and the answer comes when it arrives --------------------------------
ASKED = (ASKS_APPLICATION,), (VERIFICATION,)
MISSING_FACT = [
    pytest.param(
        "2026-01-20",
        [
            ("작년 12월 15일 날 해지한 사람인데 환급금은 언제 받게 되나요?", *ASKED),
            ("1월 16일이요", *only(JAN_22)),
        ],
        id="bare-date",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("작년 11월에 번호이동했어 돈 언제 줘?", *ASKED),
            # not applied yet on 01-20: applying from today on pays on 02-05
            ("아직 안 했어", *only(FEB_5)),
        ],
        id="banmal-not-yet",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("9월20일에해지했는데환급언제돼요", *ASKED),
            ("어제요", *only(FEB_5)),
        ],
        id="no-spacing-yesterday",
    ),
    pytest.param(
        "2026-01-25",
        [
            ("크리스마스 이브에 다른 통신사로 갈아탔어요 환급은 언제쯤이에요?", *ASKED),
            ("1월 17일에 매장 가서 했어요", *only(JAN_22)),
        ],
        id="holiday-then-store",
    ),
    pytest.param(
        "2026-01-22",
        [
            ("10월 17일에 해지했구요 환급금 언제 나오는지 궁금합니다", *ASKED),
            ("지난주 금요일이요", *only(JAN_22)),  # 2026-01-16
        ],
        id="last-friday",
    ),
]


@pytest.mark.parametrize("today, turns", MISSING_FACT)
def test_the_missing_fact_is_asked_and_then_answered(channel_stack, request, today, turns):
    talk(channel_stack, f"missing-{request.node.callspec.id}", today, turns)


def test_the_missing_fact_is_asked_once_in_a_short_question(channel_stack):
    replies = channel_stack.say(
        "missing-once",
        "12월 1일에 해지했어요 환급은 언제쯤 돼요?",
        {"clock": {"today": "2026-01-16", "now": "12:00"}},
    )
    said = "\n".join(r.get("text", "") for r in replies)
    assert said.count(ASKS_APPLICATION) == 1
    question = next(line for line in said.splitlines() if ASKS_APPLICATION in line)
    assert len(question) < 60


# -- ellipsis about another person: that person's age, not a verification --------------------------------
NO_OTT = "OTT 이용권을 쓸 수 없어요"
TVING_ONLY = "보호자 동의를 받아 티빙만"
BOTH = "티빙과 디즈니+ 중 하나를 선택"
ELLIPSIS = [
    pytest.param(
        [
            ("OTT 이용권 주는 거 맞죠? 저는 서른다섯이에요", (BOTH,), ()),
            ("우리 아들은요? 초등학생이에요", (NO_OTT,), (BOTH, TVING_ONLY, VERIFICATION)),
        ],
        id="son-at-primary-school",
    ),
    pytest.param(
        [
            ("보험은 65세 넘으면 자동이라던데 저희 엄마 일흔둘이세요", ("자동으로 제공돼요",), ()),
            ("아빠는요? 쉰여덟이요", ("자동으로 제공되지는 않아요",), (VERIFICATION,)),
        ],
        id="father-insurance",
    ),
    pytest.param(
        [
            ("티빙이나 디즈니 이용권은 누가 받을 수 있나요", ("디즈니+",), ()),
            ("딸은 고1인데요", (TVING_ONLY,), (BOTH, NO_OTT, VERIFICATION)),
        ],
        id="daughter-first-year-high-school",
    ),
    pytest.param(
        [
            ("ott 나도 받아? 25살임", (BOTH,), ()),
            ("동생은? 열다섯 살", (TVING_ONLY,), (BOTH, VERIFICATION)),
        ],
        id="banmal-younger-sibling",
    ),
    pytest.param(
        [
            ("혜택 중에 OTT 있다던데 저 마흔셋이에요", (BOTH,), ()),
            ("중1짜리 딸내미는요?", (NO_OTT,), (BOTH, TVING_ONLY, VERIFICATION)),
        ],
        id="daughter-first-year-middle-school",
    ),
    pytest.param(
        [
            ("보험 자동가입 나이가 어떻게 돼요? 울 할머니 여든이심", ("자동으로 제공돼요",), ()),
            ("할아버지는 쉰아홉이세요", ("자동으로 제공되지는 않아요",), (VERIFICATION,)),
        ],
        id="grandfather-insurance",
    ),
    pytest.param(
        [
            ("안전 안심 보험은 누가 자동으로 받아요?", ("65세",), ()),
            ("저는 예순이에요 저는요?", ("자동으로 제공되지는 않아요",), (VERIFICATION,)),
        ],
        id="own-age-after-insurance",
    ),
    pytest.param(
        [
            ("보답 프로그램 혜택 전부 알려 주세요", ("100GB",), ()),
            ("남편은요? 남편도 KT 쓰고 마흔일곱이에요", (BOTH,), (VERIFICATION, "세 차례")),
        ],
        id="husband-after-the-rewards",
    ),
    pytest.param(
        [
            ("전 1월 7일 해지, 1월 15일 신청이요", (FEB_19,), ()),
            ("그럼 누나는요? 누나는 KT 계속 쓰고 서른둘이에요", (BOTH,), (VERIFICATION, FEB_19)),
        ],
        id="sister-after-the-customers-case",
    ),
]


@pytest.mark.parametrize("turns", ELLIPSIS)
def test_ellipsis_about_another_person_answers_for_that_person(channel_stack, request, turns):
    talk(channel_stack, f"ellipsis-{request.node.callspec.id}", "2026-01-20", turns)


# -- several people in one message, and another person's reward beside the customer's own story -----
SEVERAL = [
    pytest.param(
        "2026-01-20",
        [
            (
                "시아버지 일흔셋, 남편 마흔, 아들 열다섯 살인데 보험이랑 OTT 각자 어떻게 돼요?",
                (
                    "· 시아버지(만 73세): 보험 자동 가입",
                    "· 아들(만 15세): 보험 자동 가입 대상 아님, OTT는 보호자 동의",
                ),
                (VERIFICATION,),
            ),
        ],
        id="family-ages",
    ),
    pytest.param(
        "2026-01-17",
        [
            (
                "10월 말에 번호이동했고 어제 신청했는데 돈 언제 오는지랑, 계속 KT 쓰는 엄마는 데이터 받는지도요",
                (JAN_22, "100GB"),
                ("보답 프로그램 대상이 아니에요", VERIFICATION),
            ),
        ],
        id="own-story-and-mothers-reward",
    ),
    pytest.param(
        "2026-01-26",
        [
            ("1월 3일에 해지했고 신청은 1월 19일에 했어요", (FEB_19,), ()),
            ("설 연휴 전에는 들어와요?", ("설날(2026년 2월 17일)보다 뒤인 2월 19일",), (VERIFICATION,)),
        ],
        id="payout-against-the-lunar-new-year",
    ),
    pytest.param(
        "2026-02-23",
        [
            ("출장 때문에 기간 안에 신청을 못 했어요. 11월 2일 해지", ("14일 이내",), ()),
            ("그럼 뭘 준비해 가야 돼요?", ("본인 명의 계좌", "안내된 내용이 없어요"), ("소급 적용",)),
        ],
        id="what-to-bring-after-a-missed-deadline",
    ),
]


@pytest.mark.parametrize("today, turns", SEVERAL)
def test_several_people_holidays_and_what_to_bring(channel_stack, request, today, turns):
    talk(channel_stack, f"several-{request.node.callspec.id}", today, turns)


# -- coming back to an earlier topic after another question --------------------------------------------
COMING_BACK = [
    pytest.param(
        "2026-01-20",
        [
            ("OTT 이용권은 뭐 고를 수 있어요?", ("티빙",), ()),
            ("보험 자동 가입이에요?", ("65세",), ()),
            ("아까 ott 얘기로 돌아가서 그건 언제부터 쓸수있음?", ("2026년 2월 1일",), ("보험",)),
        ],
        id="ott-after-insurance",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("데이터 100기가 매달 주는 거예요?", ("100GB",), ()),
            ("로밍 혜택은 어떻게 돼요?", ("로밍",), ()),
            ("다시 데이터 얘기인데 신청 따로 해야 돼요?", ("데이터 100GB", "자동"), ("로밍", "1월 14일")),
        ],
        id="data-procedure-after-roaming",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("데이터 100기가는 언제부터 줘요?", ("100GB",), ()),
            ("보험은요?", ("보험",), ()),
            ("처음에 물어본 데이터 말인데, 저 무제한 요금제거든요 그래도 줘요?", ("무제한",), ("보험",)),
        ],
        id="data-unlimited-after-insurance",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("로밍 데이터 50% 더 주는 거 맞죠?", ("로밍",), ()),
            ("OTT는 뭐 줘요?", ("티빙",), ()),
            ("다시 로밍 얘기로 가서, 그건 언제까지예요?", ("8월까지",), ("티빙",)),
        ],
        id="roaming-after-ott",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("12월 20일 해지했고 환급 신청 넣은 건 1월 15일이에요", (JAN_22,), ()),
            ("보험은 누가 받아요?", ("65세",), ()),
            ("아까 제 환급 건 말인데 언제 입금된다고 했죠?", *only(JAN_22)),
        ],
        id="own-refund-after-insurance",
    ),
    pytest.param(
        "2026-01-26",
        [
            ("해지 1/6 신청 1/21", (FEB_19,), ()),
            ("멤버십 할인은요?", ("멤버십",), ()),
            ("아까 그 날짜 2월 며칠이었죠?", *only(FEB_19)),
        ],
        id="the-day-asked-again-after-a-reward",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("12월 10일 번호이동, 1월 16일 신청했어요", (JAN_22,), ()),
            ("아 그리고 보답 프로그램은 뭐예요?", ("100GB",), ()),
            ("근데 번호이동한 사람도 받아요?", ("대상이 아니",), ("언제 하셨어요",)),
            ("아까 입금 날짜 다시 알려 주세요", *only(JAN_22)),
        ],
        id="a-question-about-leaving-keeps-the-case",
    ),
    pytest.param(
        "2026-01-21",
        [
            ("해지 12/3 신청 1/20", (FEB_5,), ()),
            ("돈 언제 나옴 그리고 로밍도 해줌?", (FEB_5, "로밍"), ()),
        ],
        id="the-payout-beside-another-topic",
    ),
    pytest.param(
        "2026-01-21",
        [
            ("I terminated the line December 21st, then filed the refund January 19th.", (FEB_5,), ()),
            ("Who gets the phishing insurance without signing up?", ("65",), ()),
            ("Returning to the money from my refund, which day again?", *only(FEB_5)),
        ],
        id="english-back-to-the-refund",
    ),
]


@pytest.mark.parametrize("today, turns", COMING_BACK)
def test_coming_back_to_an_earlier_topic(channel_stack, request, today, turns):
    talk(channel_stack, f"back-{request.node.callspec.id}", today, turns)


# -- ellipsis about the last topic -------------------------------------------------------------------------
LAST_TOPIC = [
    pytest.param(
        "2026-01-09",
        [
            ("위약금 면제는 언제까지예요?", ("1월 13일",), ()),
            ("그러면 신청은요?", ("1월 14일", "매장"), ()),
            ("그건 몇 시까지 해요?", ("22시",), ("알겠어요",)),
        ],
        id="the-application-after-the-window",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("데이터 100기가는 신청 안 해도 돼요?", ("자동",), ()),
            ("나머지 혜택도 다 그래요?", ("보험",), ()),
        ],
        id="the-other-rewards",
    ),
    pytest.param(
        "2026-01-20",
        [
            ("로밍 혜택 알려 주세요", ("로밍",), ()),
            ("그거 끝나는 건 언제예요?", ("8월",), ("1월 31일",)),
        ],
        id="the-rewards-own-end",
    ),
]


@pytest.mark.parametrize("today, turns", LAST_TOPIC)
def test_ellipsis_about_the_last_topic(channel_stack, request, today, turns):
    talk(channel_stack, f"topic-{request.node.callspec.id}", today, turns)


# -- an exclusion told early still counts when the customer asks later ----------------------------------
NOT_COVERED = "면제되지 않아요"
EXCLUSION_EARLY = [
    pytest.param(
        "2026-01-21",
        [
            ("작년 11월쯤 KT 대리점 가서 새 핸드폰으로 바꿨어요", ("기기변경",), ()),
            ("그 뒤에 1월 6일에 통신사 바꿈", (NOT_COVERED,), (FEB_19,)),
            ("그럼 위약금 못 돌려받는 거예요?", (NOT_COVERED,), (FEB_19, VERIFICATION)),
        ],
        id="device-change-in-everyday-words",
    ),
    pytest.param(
        "2026-01-19",
        [
            ("10월에 KT 처음 가입했어요", ("신규 가입",), ()),
            ("1월 2일에 번호이동 했고요", (NOT_COVERED,), (FEB_19,)),
            ("면제돼요?", (NOT_COVERED,), (VERIFICATION,)),
        ],
        id="new-line-then-port-out",
    ),
]


@pytest.mark.parametrize("today, turns", EXCLUSION_EARLY)
def test_an_exclusion_told_early_still_counts(channel_stack, request, today, turns):
    talk(channel_stack, f"exclusion-{request.node.callspec.id}", today, turns)


# -- verification across turns: a question or a story told instead of the number is answered ---------------
def test_a_question_while_verifying_is_answered_and_the_number_is_taken_after(channel_stack):
    talk(
        channel_stack,
        "verify-step-out",
        "2026-01-20",
        [
            ("제 회선 혜택 받을 수 있는지 확인 부탁해요", (VERIFICATION,), ()),
            ("참 그런데 신청은 며칠까지예요?", ("1월 31일", "휴대폰 번호"), ()),
            ("010-2025-0005", ("생년월일",), ()),
            ("1996년 7월 7일", ("010-****-0005",), ()),
        ],
    )


def test_the_own_story_told_instead_of_the_number_is_answered_without_a_lookup(channel_stack):
    talk(
        channel_stack,
        "verify-story",
        "2026-01-18",
        [
            ("저 면제 받을 수 있나요?", (VERIFICATION,), ()),
            ("작년 12월 23일에 해지했어요", ("2025년 12월 23일",), ("010-1234-5678",)),
        ],
    )


def test_a_corrected_number_and_an_english_birth_date_verify(channel_stack):
    talk(
        channel_stack,
        "verify-correct",
        "2026-01-25",
        [
            ("Please check my line", (VERIFICATION,), ()),
            ("010-2025-0011", ("생년월일",), ()),
            ("sorry wrong number, it is 010-2025-0003", ("생년월일",), ()),
            ("born 25 January 1979", ("010-****-0003", JAN_22), ()),
        ],
    )


# -- and one conversation through KakaoTalk (the stack's own day: 2026-01-20) ------------------------------
def test_kakao_combines_facts_and_asks_for_the_missing_one(channel_stack):
    def say(text: str) -> str:
        status, resp = kakao(channel_stack, kakao_request(text, user="kakao-kinds"))
        assert status == 200
        return "\n".join(outputs(resp))

    first = say("저 12월 9일 날 해지했는데 환급금은 언제쯤 받나요?")
    assert ASKS_APPLICATION in first and VERIFICATION not in first
    second = say("1월 19일에요")
    assert FEB_5 in second and JAN_22 not in second and VERIFICATION not in second
    third = say("아 잘못 말했네요 신청일이 1월 16일이에요")
    assert JAN_22 in third and FEB_5 not in third
