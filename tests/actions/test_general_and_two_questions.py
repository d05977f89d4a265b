"""General questions that mention the customer, ages in any words, two questions in one message and
follow-ups that only make sense with the turn before (actions/router.py, handlers/, topics.py)."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import router
from actions.handlers import verification
from actions.handlers.fallback import NOT_UNDERSTOOD
from actions.turn import read_turn
from support.trackers import followups, kept, slots_set, texts, tracker


def run(t):
    d = CollectingDispatcher()
    events = router.route(read_turn(t), d)
    return texts(d), events, d


def ranked(intent, confidence):
    return [{"name": intent, "confidence": confidence}]


# -- 1. mentioning oneself is not a personal request -----------------------------------------------
@pytest.mark.parametrize(
    "text,intent,must",
    [
        ("저 해외 직구를 자주 하는데 사기 피해도 보험으로 보상돼요?", "ask_reward_insurance", "쇼핑몰"),
        ("제가 다음 주에 SK로 옮겨도 위약금 안 내나요?", "ask_waiver_window", "1월 13일"),
        ("나 50대임 보험 어케 가입함", "ask_reward_insurance", "아직 발표되지 않았어요"),
        ("제가 신청하려면 뭐가 필요해요?", "ask_refund_schedule", "1월 14일"),
    ],
)
@pytest.mark.today("2026-01-08")
def test_a_general_question_with_a_fact_about_the_customer_is_answered_at_once(bot, text, intent, must):
    answer, events, _ = run(tracker(text, intent))
    assert followups(events) == [] and "본인 확인" not in answer and must in answer


@pytest.mark.parametrize("text", ["언제 신청하면 2월 5일에 받아요?", "어제 신청했는데 언제 들어와요?"])
def test_words_ending_in_je_are_not_my(bot, text):
    """언제, 어제: "제" inside a word is no first person."""
    _, events, _ = run(tracker(text, "ask_refund_schedule"))
    assert "verify_form" not in followups(events)


@pytest.mark.today("2026-01-22")
def test_asking_whether_one_can_apply_is_answered_for_everyone_without_the_form(bot):
    text, events, _ = run(tracker("환급 신청 아직 되나요?", "apply_refund"))
    # the period while it is open: its first day and its closing hour
    assert "1월 14일~1월 31일 22시" in text and followups(events) == ["action_listen"]
    # a request to apply still verifies (the rule starts the form)
    text, events, _ = run(tracker("환급 신청할게요", "apply_refund"))
    assert "본인 확인" in text and followups(events) == []


def test_an_unplaced_message_naming_the_own_line_starts_verification(bot):
    _, events, _ = run(
        tracker("내가돌려받을돈얼마임", "nlu_fallback", confidence=0.5, ranking=ranked("greet", 0.2))
    )
    assert followups(events) == ["verify_form"]


# -- 2. ages in words and decades -------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,intent,must",
    [
        ("할머니가 팔십 대신데 보험 따로 들어야 해요?", "ask_reward_insurance", "자동으로 제공돼요"),
        ("저 30대인데 보험은 어떻게 받아요?", "ask_reward_insurance", "자동으로 제공되지는 않아요"),
        ("동생이 열두 살인데 티빙 돼요?", "ask_reward_ott", "쓸 수 없어요"),
        ("저는 스물다섯이에요 디즈니 골라도 돼요?", "ask_reward_ott", "중 하나를 선택할 수 있어요"),
        ("my daughter is 15 years old, OTT 뭐 돼요?", "ask_reward_ott", "보호자 동의"),
    ],
)
def test_an_age_in_any_words_gets_the_decision_for_that_age(bot, text, intent, must):
    answer, events, _ = run(tracker(text, intent))
    assert must in answer and followups(events) == []


def test_the_insurance_answer_for_an_age_still_says_what_it_covers(bot):
    answer, _, _ = run(tracker("아버지가 일흔다섯이신데 중고 거래 사기도 보상돼요?", "ask_reward_insurance"))
    assert "자동으로 제공돼요" in answer and "중고거래 사기" in answer


# -- 3.–6. answers that give the whole picture --------------------------------------------------------
@pytest.mark.today("2026-01-27")
def test_a_deadline_question_taken_for_a_missed_deadline_still_gets_the_period(bot):
    answer, _, _ = run(tracker("신청 언제 끝나요", "ask_missed_deadline"))
    assert (
        answer.startswith("환급 신청 기간은 2026년 1월 14일~1월 31일 22시까지") and "4일 남았어요" in answer
    )


def test_the_fallback_says_what_the_bot_covers(bot):
    answer, _, _ = run(
        tracker("오늘 점심 뭐 먹지", "nlu_fallback", confidence=0.3, ranking=ranked("greet", 0.3))
    )
    assert answer == NOT_UNDERSTOOD and "위약금 면제·환급·보답 프로그램을 안내해요" in answer


@pytest.mark.today("2026-02-03")
@pytest.mark.parametrize("text", ["KT 나간 사람 몇 명이래요", "몇만명이나 환급받아요"])
def test_how_many_people_gets_the_reported_figures(bot, text):
    answer, _, _ = run(tracker(text, "nlu_fallback", confidence=0.4, ranking=ranked("greet", 0.2)))
    assert "312,902명" in answer and "660,000명" in answer


@pytest.mark.parametrize(
    "text,intent",
    [
        ("KT 대표번호 몇 번이에요", "nlu_fallback"),
        ("해외에서 KT에 전화하려면 어디로 연락해요?", "out_of_scope"),
    ],
)
def test_the_customer_centre_in_everyday_words(bot, text, intent):
    answer, _, _ = run(tracker(text, intent, confidence=0.4, ranking=ranked("greet", 0.2)))
    assert "1588-0010" in answer


# -- 7. two questions in one message ------------------------------------------------------------------
@pytest.mark.today("2026-01-20")
@pytest.mark.parametrize(
    "text,intent,first,second",
    [
        ("티빙은 몇 살부터예요? 그리고 신청은 언제까지 해요?", "ask_reward_ott", "만 14세", "1월 31일 22시"),
        (
            "환급 언제 들어오는지 알려주시고요, 보험은 뭘 보상해 줘요?",
            "ask_refund_schedule",
            "2월 19일",
            "쇼핑몰",
        ),
        ("상담 번호랑 OTT 시작일 알려주세요", "request_human", "1588-0010", "2026년 2월 1일"),
        ("해킹으로 도청 위험이 있었던 거예요? 그리고 보안 대책은 뭐예요?", "ask_incident", "94대", "1조"),
        (
            "데이터 100GB 선불폰도 줘요? 그리고 신청할 때 신분증 있어야 돼요?",
            "ask_reward_data",
            "선불",
            "신분증",
        ),
    ],
)
def test_the_second_question_is_read_from_its_own_words(bot, text, intent, first, second):
    answer, _, d = run(tracker(text, intent, ranking=ranked(intent, 0.95)))
    assert len(d.messages) == 2 and first in d.messages[0]["text"] and second in d.messages[1]["text"]


@pytest.mark.today("2026-01-20")
def test_a_second_question_after_a_story_gets_its_own_answer_not_the_story_again(bot):
    text = "11월 20일에 번호이동했는데 환급돼요? 못 받으면 어디에 문의해요?"
    _, _, d = run(tracker(text, "ask_waiver_who", ranking=ranked("ask_waiver_who", 0.9)))
    assert len(d.messages) == 2 and "2월 5일" in d.messages[0]["text"] and "114" in d.messages[1]["text"]
    _, _, d = run(tracker("12월 2일에 해지했어요. 그리고 환급 통장은 가족 명의도 돼요?", "ask_how_to_apply"))
    assert len(d.messages) == 2 and "본인 명의 계좌" in d.messages[1]["text"]


@pytest.mark.today("2026-01-20")
def test_a_general_second_question_is_answered_before_verification(bot):
    text, events, d = run(
        tracker("내 회선 대상인지 확인해주시고 신청 기간도 알려주세요", "check_my_eligibility")
    )
    assert "1월 31일 22시" in d.messages[0]["text"] and "본인 확인" in text


# -- 8. follow-ups --------------------------------------------------------------------------------------
def test_a_yes_shaped_follow_up_naming_a_line_kind_is_answered_as_a_follow_up(bot):
    slots = {"context_topic": "ask_waiver_who", "case": kept("알뜰폰도 면제 대상이에요?")}
    answer, _, _ = run(tracker("그럼 태블릿은요?", "affirm", confidence=0.6, slots=slots))
    assert "알뜰폰(MVNO) 회선은 면제 대상이 아니에요" not in answer and "세컨드 디바이스" in answer


def test_a_plain_yes_is_still_a_yes(bot):
    slots = {"context_topic": "ask_waiver_who", "case": None}
    answer, _, _ = run(tracker("네 알겠어요", "affirm", slots=slots))
    assert answer.startswith("네,")


@pytest.mark.parametrize(
    "topic,text,intent,must",
    [
        ("ask_reward_ott", "우리 애는 13살이에요 걔는요?", "ask_waiver_who", "쓸 수 없어요"),
        (
            "ask_reward_insurance",
            "아빠는 일흔하나세요. 가입해야 되나요?",
            "ask_how_to_apply",
            "자동으로 제공돼요",
        ),
        # past an age ("넘으셨어요"): the decade from it decides 65 without asking the age
        (
            "ask_reward_insurance",
            "외할머니는 여든 넘으셨는데 외할머니도요?",
            "nlu_fallback",
            "자동으로 제공돼요",
        ),
        ("ask_reward_ott", "나 만 15인데 티빙 됨?", "ask_reward_ott", "보호자 동의"),
    ],
)
def test_an_age_after_an_age_topic_gets_that_topic_for_that_age(bot, topic, text, intent, must):
    slots = {"context_topic": topic, "case": None}
    answer, _, _ = run(tracker(text, intent, ranking=ranked(intent, 0.9), slots=slots))
    assert must in answer


def test_asking_whether_to_go_somewhere_after_a_reward_is_about_that_reward(bot):
    slots = {"context_topic": "ask_reward_roaming", "case": None}
    answer, events, _ = run(
        tracker(
            "그거 받으려면 매장 방문해야 돼요?",
            "ask_how_to_apply",
            ranking=ranked("ask_how_to_apply", 0.9),
            slots=slots,
        )
    )
    assert slots_set(events)["answer_topic"] == "ask_reward_roaming" and "로밍" in answer
    # the refund named outright is still the refund application
    answer, events, _ = run(
        tracker(
            "그럼 환급 받으려면 매장 가야 돼요?",
            "ask_how_to_apply",
            ranking=ranked("ask_how_to_apply", 0.9),
            slots=slots,
        )
    )
    assert slots_set(events)["answer_topic"] == "ask_how_to_apply"


@pytest.mark.parametrize(
    "reply,line", [("태블릿이요", "D-0017"), ("휴대폰 거요", "D-0016"), ("2번", "D-0017")]
)
def test_a_line_is_chosen_by_its_kind(bot, reply, line):
    t = tracker(reply, "inform", slots={"verified_lines": ["D-0016", "D-0017"]})
    slots = verification.take_line_choice(reply, read_turn(t), CollectingDispatcher())
    assert slots["line_id"] == line


def test_the_line_choice_names_the_lines(bot):
    from actions.handlers import personal

    d = CollectingDispatcher()
    personal.ask_line_choice(
        read_turn(tracker("x", "inform", slots={"verified_lines": ["D-0016", "D-0017"]})), d
    )
    assert "휴대폰" in d.messages[0]["text"] and "워치" in d.messages[0]["text"]


def test_clauses_without_a_topic_word_fall_back_to_the_ranking(bot):
    ranking = [{"name": "ask_rewards", "confidence": 0.7}, {"name": "ask_incident", "confidence": 0.2}]
    _, _, d = run(
        tracker("요즘 뉴스에 나온 거 뭐예요? 그리고 그건 왜 하는 거예요?", "ask_rewards", ranking=ranking)
    )
    assert len(d.messages) == 2 and "94대" in d.messages[1]["text"]


@pytest.mark.today("2026-01-20")
@pytest.mark.parametrize(
    "text,must",
    [
        ("abroad now, roaming extra 얼마나 줘요", "50%"),
        ("돈이 들어오는 통장은 아무거나 괜찮은 건지 모르겠네요 혹시 아세요", "본인 명의 계좌"),
        ("그때 낸 돈 어떻게 refund 받는 거죠", "1월 31일 22시"),
    ],
)
def test_a_message_the_classifier_could_not_place_is_read_by_the_words_of_a_topic(bot, text, must):
    answer, _, _ = run(tracker(text, "nlu_fallback", confidence=0.4, ranking=ranked("greet", 0.1)))
    assert must in answer


def test_the_customer_centre_asked_inside_a_story_is_answered_too(bot):
    _, _, d = run(tracker("12월에 해지해서 KT 폰이 없는데 1588-0010으로 걸면 돼요?", "ask_waiver_who"))
    assert len(d.messages) == 2 and "어느 전화에서나 1588-0010" in d.messages[1]["text"]


def test_the_clause_topic_already_answered_gives_way_to_its_next_words(bot):
    text = "매장 가기 어려운데 전화로 신청하려면 어디로 걸어요? 그리고 마감은 언제예요?"
    _, _, d = run(tracker(text, "ask_how_to_apply"))
    assert len(d.messages) == 2 and "1588-0010" in d.messages[1]["text"]


@pytest.mark.today("2026-01-20")
def test_a_lookup_intent_without_anybody_s_line_is_the_topic_its_words_name(bot):
    """The NLU said "check my line", but nobody's line is named: the general answer, no form."""
    text, events, _ = run(tracker("환급 신청하면 돈은 언제 들어와요? 알려주세요", "check_my_eligibility"))
    assert "verify_form" not in followups(events) and "본인 확인을 위해" not in text
    assert "2월 5일" in text


def test_a_lookup_of_the_own_line_answers_the_part_its_words_name(bot):
    """ "제 회선 보험 나오는지 봐 주세요": after verification, the insurance part of that line."""
    _, events, _ = run(tracker("제 회선으로 보험이 나오는지 확인해 주세요", "check_my_eligibility"))
    assert slots_set(events)["personal_topic"] == "insurance"


@pytest.mark.parametrize(
    "text,intent",
    [
        ("제가 언제 환급 받는지 봐 주세요", "nlu_fallback"),
        ("my line 혜택 뭐 나오는지 check 부탁해요", "ask_rewards"),
        ("제가 신청했던 거 접수됐는지 확인해 주세요", "nlu_fallback"),
    ],
)
def test_the_own_line_in_more_words_starts_verification(bot, text, intent):
    answer, events, _ = run(tracker(text, intent, confidence=0.5, ranking=ranked("greet", 0.2)))
    assert "본인 확인" in answer


@pytest.mark.today("2026-01-25")
def test_a_story_with_dates_is_decided_from_the_words_even_when_the_nlu_says_look_me_up(bot):
    text, events, _ = run(
        tracker(
            "재약정은 작년 5월, 해지는 12월 9일이었어요. 신청은 아직이고요. 저 돼요?", "check_my_eligibility"
        )
    )
    assert "본인 확인을 위해" not in text and "2026년 2월 5일" in text


@pytest.mark.today("2026-01-25")
def test_an_unavoidable_reason_in_a_story_gets_the_exception(bot):
    text, _, _ = run(
        tracker(
            "딸이 입원해 있어서 이번 달 안에 신청을 못 할 것 같아요. 딸은 작년 11월에 해지했어요.",
            "ask_how_to_apply",
        )
    )
    assert "14일 이내" in text and "증빙" in text


@pytest.mark.today("2026-01-25")
def test_missing_the_period_is_asked_for_everyone(bot):
    text, events, _ = run(tracker("나 유학 중인데 1월에 신청 못 하면 끝임?", "check_my_eligibility"))
    assert "본인 확인을 위해" not in text and "14일 이내" in text


@pytest.mark.today("2026-01-25")
def test_after_a_case_with_its_payout_the_second_answer_does_not_list_every_payout_date(bot):
    text, _, d = run(
        tracker(
            "작년 12월 20일 해지, 신청은 1월 28일에 하려는데 괜찮죠? 신청은 어디서 해요?", "ask_how_to_apply"
        )
    )
    assert "2월 5일에 지급돼요" in text and "2월 19일" not in text


@pytest.mark.parametrize(
    "text,topic",
    [
        ("지급 몇 번에 나눠서 줘요? 날짜 좀", "ask_refund_schedule"),
        ("1/22랑 2/5 뭐가 달라", "ask_refund_schedule"),
        ("위약금 없이 갈아타기 아직 돼?", "ask_waiver_window"),
        ("KT 탈출 지금도 공짜임?", "ask_waiver_window"),
        ("신청 다 끝났어요?", "ask_how_to_apply"),
        ("해외 있어서 신청 못 하면 어떡해요", "ask_missed_deadline"),
    ],
)
def test_topics_in_chat_words(text, topic):
    from actions.topics import faq_topic_in_words

    assert faq_topic_in_words(text) == topic


@pytest.mark.today("2026-01-25")
def test_a_story_asking_am_i_covered_is_decided_not_looked_up(bot):
    text, events, _ = run(
        tracker(
            "재약정은 작년 5월 말, 번호이동은 12월 3일이었어요. 신청은 아직이고요. 저 대상이에요?",
            "nlu_fallback",
            confidence=0.5,
            ranking=ranked("ask_refund_schedule", 0.3),
        )
    )
    assert "본인 확인을 위해" not in text and "2026년 2월 5일" in text


@pytest.mark.today("2026-01-25")
def test_missing_the_period_with_a_mention_of_oneself_is_no_lookup(bot):
    text, events, _ = run(tracker("나 지금 해외 파견 중인데 신청 못 하면 끝임?", "ask_missed_deadline"))
    assert "verify_form" not in followups(events) and "14일 이내" in text
