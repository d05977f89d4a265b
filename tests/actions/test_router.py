"""Every branch of the route (actions/router.py), in-process on a real SQLite database."""

import time

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import router
from actions.turn import read_turn
from auth.claims import sign_claim
from support.trackers import AGENT_SECRET as AGENT
from support.trackers import followups, kept, slots_set, texts, tracker, user_event


def run(t):
    d = CollectingDispatcher()
    events = router.route(read_turn(t), d)
    return texts(d), events, d


def after_form(t):
    d = CollectingDispatcher()
    events = router.after_verification(read_turn(t), d)
    return texts(d), events, d


def agent_meta(sender, agent="agent-7"):
    return sign_claim(AGENT, agent, sender, int(time.time()) + 600)


def test_faq_answers_for_everyone_and_is_tagged(bot):
    text, events, _ = run(tracker("환급금 언제 들어와요?", "ask_refund_schedule"))
    assert "1월 22일" in text and "2월 5일" in text and "2월 19일" in text
    assert slots_set(events)["answer_kind"] == "faq"
    assert slots_set(events)["answer_topic"] == "ask_refund_schedule"


def test_a_case_in_the_message_is_decided_by_the_rules(bot):
    text, events, _ = run(
        tracker("11월 3일에 해지했는데 1월 20일에 신청하면 언제 받아요?", "ask_refund_schedule")
    )
    assert "2월 5일" in text and "1월 22일" not in text
    assert slots_set(events)["answer_kind"] == "case"


def test_a_question_about_me_starts_verification(bot):
    text, events, _ = run(tracker("제 환급금 언제 들어와요?", "ask_refund_schedule"))
    assert "본인 확인" in text
    assert followups(events) == ["verify_form"]
    assert slots_set(events)["personal_topic"] == "refund"
    assert slots_set(events)["verification"] == "started"


def test_a_general_question_with_an_age_is_not_personal(bot):
    text, events, _ = run(tracker("저희 아버지가 70세인데 보험 받을 수 있어요?", "ask_reward_insurance"))
    assert followups(events) == [] and "65" in text


def test_how_to_apply_is_never_personal(bot):
    text, events, _ = run(tracker("제가 환급 신청은 어떻게 해요?", "ask_how_to_apply"))
    assert followups(events) == [] and "홈페이지" in text


def test_personal_intent_prefills_the_number_and_leaves_the_form_to_the_rule(bot):
    text, events, _ = run(tracker("010-2025-0001 대상인지 확인해 주세요", "check_my_eligibility"))
    slots = slots_set(events)
    assert slots["phone"].startswith("sealed:") and "2025-0001" not in slots["phone"]
    assert followups(events) == []  # data/rules/verification.yml starts the form


def test_verified_customer_gets_the_personal_answer_at_once(bot):
    text, events, _ = run(tracker("제 환급금은 얼마예요?", "ask_refund_scope", slots={"line_id": "D-0001"}))
    assert "320,000원" in text and "010-****-0001" in text and "2025-0001" not in text.replace("****", "")
    assert slots_set(events)["answer_kind"] == "personal"


def test_customer_lookup_is_refused_and_sent_to_own_verification(bot):
    text, events, _ = run(tracker("010-2025-0003 조회", "lookup_line"))
    assert "상담원 전용" in text and "박지우" not in text
    assert followups(events) == ["verify_form"]


def test_forged_agent_claim_is_not_an_agent(bot):
    meta = sign_claim("wrong-secret-but-long-enough-for-hmac!!", "agent-7", "cust-1", int(time.time()) + 600)
    text, _, _ = run(tracker("D-0003 환급일?", "lookup_line", metadata=meta))
    assert "상담원 전용" in text and "D-0003" not in text


def test_agent_lookup_shows_the_card_and_is_audited(bot):
    sender = "agent:agent-7:tab1"
    text, events, _ = run(
        tracker("D-0003 환급일?", "lookup_line", sender=sender, metadata=agent_meta(sender))
    )
    assert "D-0003" in text and "지급일 2026-01-22" in text
    assert slots_set(events)["agent_line_id"] == "D-0003"
    assert slots_set(events)["answer_kind"] == "agent_lookup"
    audit = bot.audit_log(actor="agent:agent-7")
    assert [a.subscriber_id for a in audit] == ["D-0003"] and "D-0003" in audit[0].question


def test_agent_follow_up_applies_to_the_line_in_focus(bot):
    sender = "agent:agent-7:tab1"
    text, _, _ = run(
        tracker(
            "보험은?",
            "ask_reward_insurance",
            sender=sender,
            metadata=agent_meta(sender),
            slots={"agent_line_id": "D-0012"},
        )
    )
    assert "D-0012" in text and "보험" in text


def test_agent_personal_intent_never_starts_customer_verification(bot):
    sender = "agent:agent-7:tab1"
    text, events, _ = run(
        tracker("이 고객 대상이에요?", "check_my_eligibility", sender=sender, metadata=agent_meta(sender))
    )
    assert followups(events) == ["action_listen"] and "조회할 회선" in text


def test_greeting_offers_the_topics(bot):
    text, events, d = run(tracker("안녕하세요", "greet"))
    assert "안내 챗봇" in text and [b["payload"] for b in d.messages[0]["buttons"]][0] == "/ask_waiver_who"
    assert slots_set(events)["answer_kind"] == "chitchat"


def test_fallback_then_handover_after_two(bot):
    text, events, _ = run(tracker("ㅁㄴㅇㄹ", "nlu_fallback", confidence=0.2))
    assert slots_set(events)["answer_kind"] == "fallback" and "114" not in text
    history = [user_event("ㅂㅈㄷㄱ", "nlu_fallback")]
    text, events, _ = run(tracker("ㅁㄴㅇㄹ", "nlu_fallback", history=history, confidence=0.2))
    assert slots_set(events)["answer_kind"] == "handover" and "114" in text and "1588-0010" in text


def test_an_impossible_date_is_named(bot):
    text, _, _ = run(tracker("2월 30일에 해지했어요", "nlu_fallback", confidence=0.3))
    assert "2월 30일" in text or "없는 날짜" in text


def test_out_of_scope_says_what_the_bot_does(bot):
    text, events, _ = run(tracker("오늘 날씨 어때요", "out_of_scope"))
    assert "프로그램만 안내" in text and slots_set(events)["answer_kind"] == "fallback"


def test_yes_without_a_pending_application_is_polite(bot):
    text, events, _ = run(tracker("네", "affirm"))
    assert "궁금한 점" in text and slots_set(events)["answer_kind"] == "chitchat"


@pytest.mark.today("2026-01-20")
def test_confirming_an_application_files_it_once(bot):
    text, events, _ = run(
        tracker("네", "affirm", slots={"awaiting_application_confirm": True, "line_id": "D-0004"})
    )
    assert "접수" in text and "2월 5일" in text
    assert slots_set(events)["answer_kind"] == "application_filed"
    assert bot.get("D-0004").line.refund_applied_on.isoformat() == "2026-01-20"
    assert bot.get("D-0004").refund_channel == "rest"
    text, events, _ = run(
        tracker("네", "affirm", slots={"awaiting_application_confirm": True, "line_id": "D-0004"})
    )
    assert "이미" in text and "2월 5일" in text
    assert slots_set(events)["answer_kind"] == "application"
    assert bot.get("D-0004").line.refund_applied_on.isoformat() == "2026-01-20"


def test_declining_an_application_files_nothing(bot):
    text, events, _ = run(
        tracker("아니요", "deny", slots={"awaiting_application_confirm": True, "line_id": "D-0004"})
    )
    assert "신청을 하지 않았어요" in text and slots_set(events)["awaiting_application_confirm"] is False


def test_after_verification_answers_for_the_verified_line(bot):
    text, events, _ = after_form(
        tracker("880412", "provide_identity", slots={"line_id": "D-0001", "personal_topic": "refund"})
    )
    assert "320,000원" in text and slots_set(events)["answer_kind"] == "personal"


@pytest.mark.today("2026-01-20")
def test_after_verification_for_an_application_shows_the_summary(bot):
    text, events, d = after_form(
        tracker("880412", "provide_identity", slots={"line_id": "D-0004", "personal_topic": "apply"})
    )
    assert "신청할까요" in text and slots_set(events)["awaiting_application_confirm"] is True
    assert slots_set(events)["answer_kind"] == "application"


def test_after_verification_cancelled(bot):
    text, events, _ = after_form(tracker("취소할래요", "deny"))
    assert "취소" in text and slots_set(events)["phone"] is None


def test_after_verification_stepped_out_to_a_question(bot):
    text, events, _ = after_form(tracker("환급금 지급일이 언제예요?", "ask_refund_schedule"))
    assert "2월 19일" in text and slots_set(events)["answer_kind"] == "faq"


def test_after_verification_locked_says_why_once(bot):
    text, _, _ = after_form(tracker("880412", "provide_identity", slots={"verification_locked": True}))
    assert "114" in text


def test_two_close_topics_get_a_question_with_two_buttons(bot):
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "ask_refund_schedule", "confidence": 0.41},
        {"name": "ask_how_to_apply", "confidence": 0.38},
        {"name": "greet", "confidence": 0.05},
    ]
    text, events, d = run(tracker("환급 그거요", "nlu_fallback", confidence=0.5, ranking=ranking))
    assert [b["payload"] for b in d.messages[0]["buttons"]] == ["/ask_refund_schedule", "/ask_how_to_apply"]
    assert all(len(b["title"]) <= 14 for b in d.messages[0]["buttons"])
    assert slots_set(events)["answer_kind"] == "clarification"


def test_one_clear_guess_is_not_a_clarification(bot):
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "ask_refund_schedule", "confidence": 0.45},
        {"name": "ask_how_to_apply", "confidence": 0.05},
    ]
    _, events, _ = run(tracker("ㅁㄴㅇㄹ 환급", "nlu_fallback", confidence=0.5, ranking=ranking))
    assert slots_set(events)["answer_kind"] == "fallback"


def ranked(intent, confidence):
    return [{"name": intent, "confidence": confidence}]


def test_a_follow_up_takes_the_previous_topic_and_facts(bot):
    first = tracker(
        "11월 3일에 해지했는데 환급 언제 받아요?",
        "ask_refund_schedule",
        ranking=ranked("ask_refund_schedule", 0.95),
    )
    _, events, _ = run(first)
    carried = slots_set(events)
    assert carried["context_topic"] == "ask_refund_schedule" and carried["case"]["line"]["terminated_on"][
        0
    ].endswith("-11-03")
    text, events, _ = run(
        tracker(
            "1월 20일에 신청하면요?",
            "nlu_fallback",
            confidence=0.4,
            ranking=ranked("ask_how_to_apply", 0.4),
            slots=carried,
        )
    )
    assert "2월 5일" in text and slots_set(events)["answer_kind"] == "case"


def test_a_follow_up_about_me_starts_verification_for_the_previous_topic(bot):
    slots = {"context_topic": "ask_reward_insurance", "case": None}
    text, events, _ = run(
        tracker(
            "그럼 제 경우는요?",
            "nlu_fallback",
            confidence=0.3,
            ranking=ranked("ask_rewards", 0.3),
            slots=slots,
        )
    )
    assert followups(events) == ["verify_form"] and slots_set(events)["personal_topic"] == "insurance"


def test_a_new_confident_question_is_not_a_follow_up(bot):
    slots = {"context_topic": "ask_reward_insurance", "case": kept("11월 3일에 해지했는데")}
    text, events, _ = run(
        tracker("해킹 사고가 뭐였어요", "ask_incident", ranking=ranked("ask_incident", 0.97), slots=slots)
    )
    assert slots_set(events)["answer_topic"] == "ask_incident" and "2025년 11월 3일" not in text
    # the customer's case stays kept for when they come back to it
    assert slots_set(events)["case"]["line"]["terminated_on"][0] == "2025-11-03"


def test_a_whole_question_between_two_close_topics_gets_both_answers(bot):
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "ask_how_to_apply", "confidence": 0.42},
        {"name": "ask_refund_schedule", "confidence": 0.40},
    ]
    text, events, d = run(
        tracker(
            "환급 신청은 언제까지 하고 돈은 언제 들어오나요", "nlu_fallback", confidence=0.5, ranking=ranking
        )
    )
    assert len(d.messages) == 2 and "홈페이지" in text and "2월 19일" in text
    assert slots_set(events)["answer_topic"] == "ask_how_to_apply"


def test_two_questions_in_one_message_get_two_answers(bot):
    ranking = [{"name": "ask_reward_ott", "confidence": 0.7}, {"name": "ask_reward_data", "confidence": 0.2}]
    text, _, d = run(tracker("OTT는 뭐 줘요? 그리고 데이터도 줘요?", "ask_reward_ott", ranking=ranking))
    assert len(d.messages) == 2 and "티빙" in text and "100GB" in text


def test_one_question_gets_one_answer(bot):
    ranking = [{"name": "ask_reward_ott", "confidence": 0.7}, {"name": "ask_reward_data", "confidence": 0.2}]
    _, _, d = run(tracker("OTT 이용권은 뭐 줘요?", "ask_reward_ott", ranking=ranking))
    assert len(d.messages) == 1


@pytest.mark.parametrize(
    "text,intent",
    [
        ("저 고등학생인데 OTT 뭐 받을 수 있어요?", "ask_reward_ott"),
        ("저는 해외에 자주 나가는데 로밍 혜택은요?", "ask_reward_roaming"),
        ("저 무제한 요금제 쓰는데 100GB 주는 거 맞아요?", "ask_reward_data"),
    ],
)
def test_a_general_question_mentioning_oneself_is_answered_at_once(bot, text, intent):
    _, events, _ = run(tracker(text, intent))
    # answered for everyone, or for the age the words give (a high-school student: 15-18)
    assert followups(events) == [] and slots_set(events)["answer_kind"] in ("faq", "case")


@pytest.mark.parametrize(
    "text,intent",
    [
        ("제 회선은 보답 혜택 뭐 받아요?", "ask_rewards"),
        ("제가 돌려받을 금액이 얼마예요?", "ask_refund_scope"),
        ("저는 면제 대상인가요?", "ask_waiver_who"),
    ],
)
def test_a_question_that_needs_the_own_line_starts_verification(bot, text, intent):
    _, events, _ = run(tracker(text, intent))
    assert followups(events) == ["verify_form"]


@pytest.mark.today("2026-01-31")
@pytest.mark.now("22:01")
def test_no_application_after_22_on_the_last_day(bot):
    text, events, _ = after_form(
        tracker("951231", "provide_identity", slots={"line_id": "D-0004", "personal_topic": "apply"})
    )
    assert "신청할까요" not in text and "22" in text
    assert bot.get("D-0004").line.refund_applied_on is None


@pytest.mark.today("2026-01-14")
@pytest.mark.now("08:59")
def test_no_application_before_9_on_the_first_day(bot):
    text, _, _ = after_form(
        tracker("951231", "provide_identity", slots={"line_id": "D-0004", "personal_topic": "apply"})
    )
    assert "신청할까요" not in text and "9" in text


@pytest.mark.today("2026-01-31")
@pytest.mark.now("21:59")
def test_the_hours_checked_again_when_the_customer_says_yes(bot):
    text, _, _ = after_form(
        tracker("951231", "provide_identity", slots={"line_id": "D-0004", "personal_topic": "apply"})
    )
    assert "신청할까요" in text


@pytest.mark.today("2026-01-20")
def test_an_mvno_line_cannot_apply_for_the_right_reason(bot):
    text, _, _ = after_form(
        tracker("850505", "provide_identity", slots={"line_id": "D-0007", "personal_topic": "apply"})
    )
    assert "알뜰폰" in text and "기간 밖" not in text and "신청할까요" not in text


@pytest.mark.today("2026-01-25")
@pytest.mark.parametrize(
    "text,first",
    [
        ("환급 신청 마감이 언제예요?", "마감은 2026년 1월 31일 22시"),
        ("신청은 며칠부터 받았어요?", "1월 14일 9시부터"),
        ("신청 어디서 해요?", "신청 기간은"),
    ],
)
def test_the_part_of_the_application_asked_comes_first_and_the_whole_period_always(bot, text, first):
    answer, _, _ = run(tracker(text, "ask_how_to_apply"))
    assert answer.split(". ")[0].find(first.split()[0]) >= 0 and first in answer
    assert "1월 14일" in answer and "1월 31일" in answer


@pytest.mark.parametrize(
    "text,topic",
    [
        ("스미싱 문자 눌러서 돈 빠져나갔는데 보상되는 거 있나요", "ask_reward_insurance"),
        ("휴대폰 인터넷 용량을 더 준다고 들었습니다", "ask_reward_data"),
        ("사람이랑 직접 통화하고 싶어요", "request_human"),
    ],
)
def test_everyday_words_place_a_message_the_classifier_could_not(bot, text, topic):
    _, events, _ = run(tracker(text, "nlu_fallback", confidence=0.3, ranking=ranked("greet", 0.3)))
    assert slots_set(events)["answer_topic"] == topic


def test_an_involuntary_termination_in_everyday_words_is_excluded(bot):
    text, _, _ = run(
        tracker("요금을 몇 달 안 내서 회선이 끊겼었는데 위약금 면제 받을 수 있어요?", "ask_waiver_who")
    )
    assert "직권해지" in text and "대상이 아니에요" in text


def test_moving_to_an_mvno_is_not_an_mvno_line(bot):
    text, _, _ = run(
        tracker("알뜰폰으로 1월 10일에 갈아탔어요. KT 위약금 돌려받을 수 있어요?", "ask_waiver_who")
    )
    assert "알뜰폰(MVNO) 회선은 면제 대상이 아니에요" not in text and "2월 19일" in text


@pytest.mark.parametrize(
    "text,intent,topic",
    [
        ("제 환급금이 얼마인지 알 수 있을까요?", "nlu_fallback", "refund"),
        ("내 혜택 뭐임 확인ㄱ", "ask_rewards", "rewards"),
        (
            "제 해지일이랑 지급일을 확인해 주실 수 있나요? 12월이었는지 1월이었는지 헷갈려요",
            "ask_refund_schedule",
            "refund",
        ),
    ],
)
def test_a_request_about_the_own_line_in_new_words_starts_verification(bot, text, intent, topic):
    _, events, _ = run(tracker(text, intent, confidence=0.4))
    assert followups(events) == ["verify_form"] and slots_set(events)["personal_topic"] == topic


@pytest.mark.parametrize(
    "text,intent",
    [
        ("아 근데 OTT는 언제부터 쓸 수 있어요", "ask_reward_ott"),
        ("다른 얘긴데 내일 날씨 어때요?", "out_of_scope"),
        ("그건 됐고, 데이터 100GB는 몇 달 줘요?", "ask_reward_data"),
    ],
)
def test_a_change_of_subject_is_not_a_follow_up(bot, text, intent):
    slots = {"context_topic": "ask_how_to_apply", "case": kept("11월 3일에 해지했는데")}
    _, events, _ = run(tracker(text, intent, confidence=0.6, ranking=ranked(intent, 0.6), slots=slots))
    assert slots_set(events)["answer_topic"] == intent


def test_a_short_when_question_after_the_dates_answers_for_the_case(bot):
    """The dates came in earlier messages; "when?" in few words, confidently the schedule topic, asks
    for this customer's payout date, not the general table."""
    slots = {"context_topic": "ask_refund_schedule", "case": kept("10월 20일 번호이동 신청은 1월 15일")}
    text, events, _ = run(
        tracker(
            "입금 날짜 알려주세요",
            "ask_refund_schedule",
            ranking=ranked("ask_refund_schedule", 0.97),
            slots=slots,
        )
    )
    assert "1월 22일" in text and "2월 5일" not in text and "2월 19일" not in text
    assert slots_set(events)["answer_kind"] == "case"


def test_the_general_table_without_a_case_kept(bot):
    slots = {"context_topic": "ask_rewards", "case": None}
    text, _, _ = run(
        tracker(
            "입금 날짜 알려주세요",
            "ask_refund_schedule",
            ranking=ranked("ask_refund_schedule", 0.97),
            slots=slots,
        )
    )
    assert "1월 22일" in text and "2월 5일" in text and "2월 19일" in text


def test_the_application_date_after_the_own_dates_completes_the_case_without_a_lookup(bot):
    """Read as "apply for me" or "check my line" by the NLU, the application date that follows the
    customer's termination date is the next fact of their case: decided, no verification."""
    slots = {"context_topic": "ask_waiver_who", "case": kept("11월 2일에 해지했어요")}
    for intent in ("apply_refund", "check_my_eligibility"):
        text, events, _ = run(
            tracker("환급 신청은 1월 16일에 넣었어요", intent, ranking=ranked(intent, 0.9), slots=slots)
        )
        assert "1월 22일" in text and "2월 5일" not in text and "본인 확인" not in text, intent
        # answered from their words: the listen that keeps the personal intent's rule from starting the form
        assert followups(events) == ["action_listen"] and slots_set(events)["answer_kind"] == "case"


@pytest.mark.parametrize(
    "said, correction, right, wrong",
    [
        ("10월 7일 해지 신청은 1월 15일", "아 신청일 잘못 말했어요 1월 25일이에요", "2월 5일", "1월 22일"),
        (
            "1월 5일에 번호이동했고 1월 20일 신청",
            "번호이동은 1월 5일이 아니라 12월 5일이었어요",
            "2월 5일",
            "2월 19일",
        ),
        ("11월 9일 해지, 1월 16일 신청", "정정할게요, 해지한 건 12월 9일이에요", "1월 22일", "2월 5일"),
    ],
)
def test_a_correction_in_a_later_message_replaces_the_date_of_its_role(bot, said, correction, right, wrong):
    slots = {"context_topic": "ask_refund_schedule", "case": kept(said)}
    text, events, _ = run(tracker(correction, "inform", ranking=ranked("inform", 0.6), slots=slots))
    assert right in text and wrong not in text
    assert slots_set(events)["answer_kind"] == "case"
    # the case kept for the next turn holds the corrected date, not the old one as well
    old = kept(said)["line"]
    new = slots_set(events)["case"]["line"]
    assert [new[r] != old[r] for r in ("terminated_on", "applied_on")].count(True) == 1


@pytest.mark.parametrize(
    "said, later",
    [
        ("11월에 KT 매장에서 기기변경 했어요", "그리고 1월 8일에 다른 통신사로 번호이동 했어요"),
        ("제 폰은 알뜰폰이에요", "그 폰을 1월 4일에 해지했어요"),
    ],
)
def test_an_exclusion_told_first_still_decides_when_the_line_is_left_later(bot, said, later):
    slots = {"context_topic": "ask_waiver_who", "case": kept(said)}
    text, _, _ = run(tracker(later, "ask_incident", ranking=ranked("ask_incident", 0.9), slots=slots))
    assert "대상이 아니에요" in text and "2월 19일에 지급" not in text


def test_another_line_named_is_decided_on_its_own(bot):
    slots = {"context_topic": "ask_waiver_who", "case": kept("제 폰은 알뜰폰이에요")}
    text, _, _ = run(tracker("남편 폰은 1월 4일에 해지했어요", "ask_waiver_who", slots=slots))
    assert "알뜰폰(MVNO) 회선은 면제 대상이 아니에요" not in text


@pytest.mark.today("2026-01-21")
def test_the_one_missing_fact_is_asked_and_its_answer_decides(bot):
    """Left in the retroactive span, applications open, no word of applying: the answer says what each
    case would mean and asks the one question; a bare date next is the application's."""
    text, events, _ = run(tracker("작년 10월 30일에 해지했는데 돈은 언제 받아요?", "ask_refund_schedule"))
    assert "신청은 언제 하셨어요?" in text
    carried = slots_set(events)
    assert carried["asked_fact"] == "application_date"
    text, events, _ = run(tracker("1월 16일이요", "inform", ranking=ranked("inform", 0.5), slots=carried))
    assert "1월 22일" in text and "2월 5일" not in text and "신청은 언제 하셨어요?" not in text
    assert slots_set(events)["asked_fact"] is None


@pytest.mark.today("2026-01-08")
def test_nothing_is_asked_before_applications_open(bot):
    text, events, _ = run(tracker("1월 5일에 해지했는데 돈은 언제 받아요?", "ask_refund_schedule"))
    assert "2월 19일" in text and "신청은 언제 하셨어요?" not in text
    assert slots_set(events)["asked_fact"] is None


@pytest.mark.today("2026-01-25")
def test_nothing_is_asked_when_the_line_is_not_covered(bot):
    text, _, _ = run(tracker("10월에 기변하고 1월 5일 해지했어요 돈 언제 받아요", "ask_refund_schedule"))
    assert "대상이 아니에요" in text and "신청은 언제 하셨어요?" not in text


@pytest.mark.today("2026-01-05")
@pytest.mark.parametrize(
    "text, intent",
    [
        ("이번 달 말쯤 다른 데로 옮기려고 하는데 저도 면제인지 확인 좀 해 주세요", "ask_waiver_who"),
        ("다음주에 해지할 건데 제 것도 되는지 봐줄 수 있어요?", "ask_waiver_window"),
    ],
)
def test_a_plan_to_leave_with_a_request_to_check_gets_the_answer_and_the_check(bot, text, intent):
    """In general first (the window), then the line's own check: offered, or started when the words
    ask for their own line."""
    answer, events, _ = run(tracker(text, intent))
    check = "휴대폰 번호" if "휴대폰 번호" in answer else "본인 확인"
    assert "1월 13일" in answer and check in answer
    assert answer.index("1월 13일") < answer.index(check)
    assert check == "휴대폰 번호" or followups(events) == ["verify_form"]


@pytest.mark.today("2026-01-05")
def test_no_offer_for_a_general_question(bot):
    answer, _, _ = run(tracker("해지하면 면제 기간이 언제까지예요?", "ask_waiver_window"))
    assert "휴대폰 번호를 알려 주시면" not in answer


@pytest.mark.today("2026-01-29")
def test_a_case_the_nlu_could_not_place_is_still_kept_for_the_next_message(bot):
    text, events, _ = run(
        tracker("해지 11/3", "nlu_fallback", confidence=0.4, ranking=ranked("nlu_fallback", 0.4))
    )
    carried = slots_set(events)
    assert "2025년 11월 3일" in text and carried["case"] and carried["context_topic"]
    text, _, _ = run(
        tracker("신청 1/15", "ask_refund_schedule", ranking=ranked("ask_refund_schedule", 0.8), slots=carried)
    )
    assert "1월 22일" in text and "2월 19일" not in text


# -- issue 20: the hour reaches every answer that speaks of applying today -----------------------
@pytest.mark.today("2026-01-31")
@pytest.mark.now("22:00")
@pytest.mark.parametrize(
    "text, intent",
    [
        ("환급 신청은 어디서 해요?", "ask_how_to_apply"),
        ("위약금 면제 기간이 언제예요?", "ask_waiver_window"),
        ("12월 20일에 해지했는데 오늘 신청하면 언제 받아요?", "ask_refund_schedule"),
    ],
)
def test_after_22_on_the_last_day_no_answer_says_apply_today(bot, text, intent):
    answer, _, _ = run(tracker(text, intent))
    assert "오늘 신청하면" not in answer and "오늘이 마지막 날" not in answer
    assert "지금 KT 홈페이지" not in answer and "남았어요" not in answer


@pytest.mark.today("2026-01-31")
@pytest.mark.now("21:59")
def test_at_2159_on_the_last_day_the_faq_says_it_is_the_last_day(bot):
    answer, _, _ = run(tracker("환급 신청은 어디서 해요?", "ask_how_to_apply"))
    assert "오늘이 마지막 날" in answer


@pytest.mark.today("2026-01-20")
def test_english_word_order_gets_the_dates_right(bot):
    answer, _, _ = run(
        tracker(
            "I cancelled on December 20 and applied on January 15, when is the refund?", "ask_refund_schedule"
        )
    )
    assert "1월 22일에 지급돼요" in answer and "면제 대상이 아니에요" not in answer


# -- "X 말고 Y" right after a question for another date; another reward named after a reward answer -----
def test_a_date_named_with_the_one_it_replaces_takes_the_old_ones_role_even_when_another_was_asked(bot):
    slots = {
        "context_topic": "ask_refund_schedule",
        "case": kept("1월 6일에 번호이동했어요 환급 언제 돼요?"),
        "asked_fact": "application_date",
    }
    message = "아 1월 6일 말고 12월 6일이에요"
    text, events, _ = run(tracker(message, "inform", ranking=ranked("inform", 0.6), slots=slots))
    assert "2월 19일" not in text and "확인이 필요해요" not in text and "휴대폰 번호" not in text
    line = slots_set(events)["case"]["line"]
    assert line["terminated_on"][0] == "2025-12-06" and not line.get("applied_on")


@pytest.mark.parametrize(
    "message, intent",
    [
        ("아까 그 데이터 100기가는 매장 가서 받아야 돼요?", "ask_how_to_apply"),
        ("데이터는요?", "ask_reward_roaming"),
    ],
)
def test_another_reward_named_after_a_reward_answer_is_the_topic(bot, message, intent):
    slots = {"context_topic": "ask_reward_roaming", "case": None}
    text, _, _ = run(tracker(message, intent, ranking=ranked(intent, 0.7), slots=slots))
    assert "100GB" in text and "로밍" not in text


@pytest.mark.today("2026-01-22")
def test_a_short_why_right_after_the_lines_answer_is_answered_for_that_line(bot):
    slots = {"line_id": "D-0009", "answer_kind": "personal", "personal_topic": "eligibility"}
    text, events, _ = run(tracker("왜 저는 안 돼요?", "ask_incident", slots=slots))
    assert "직권해지" in text and "악성코드" not in text, text
    assert slots_set(events)["answer_kind"] == "personal"


@pytest.mark.today("2026-01-23")
def test_an_english_follow_up_after_the_lines_answer_names_its_topic(bot):
    slots = {"line_id": "D-0008", "answer_kind": "personal", "personal_topic": "eligibility"}
    text, _, _ = run(tracker("So I don't get the data bonus then?", "nlu_fallback", slots=slots))
    assert "IoT" in text and "100GB" in text, text


@pytest.mark.today("2026-01-22")
def test_another_topic_or_thanks_after_the_lines_answer_is_not_the_line_again(bot):
    slots = {"line_id": "D-0009", "answer_kind": "personal", "personal_topic": "eligibility"}
    text, _, _ = run(tracker("신청은 어디서 하는 거예요?", "ask_how_to_apply", slots=slots))
    assert "010-****-0009" not in text, text
    text, _, _ = run(tracker("아 그렇군요", "nlu_fallback", slots=slots))
    assert "010-****-0009" not in text, text


@pytest.mark.today("2026-01-20")
def test_a_question_that_stepped_out_of_verification_is_answered_and_the_check_offered_again(bot):
    slots = {"personal_topic": "rewards", "phone": None}
    text, events, _ = after_form(tracker("그런데 신청은 며칠까지 받아요?", "ask_how_to_apply", slots=slots))
    assert "1월 31일" in text and text.rstrip().endswith("휴대폰 번호를 알려 주세요."), text
    assert slots_set(events)["phone"] is None


def test_a_number_and_birth_date_read_out_in_words_verify_from_the_first_message(bot):
    # issue 19: what the customer reads out is read as the figures would be
    text, events, _ = run(
        tracker(
            "제 환급금 확인해 주세요. 공일공 이공이오 공공공일이고 팔십팔년 사월 십이일이에요",
            "check_my_eligibility",
        )
    )
    slots = slots_set(events)
    assert slots["verified_lines"] == ["D-0001"] and slots["verification"] == "succeeded"
    text, events, _ = run(tracker("공일공 이공이오 공공공삼", "provide_identity"))
    assert slots_set(events)["phone"].startswith("sealed:")
