"""Follow-ups the classifier hears as something else (issue 19, sixth session): a question about what
was just answered, heard as a "yes" or as an unrelated topic, is answered about what was just answered."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import router
from actions.turn import read_turn
from support.trackers import texts, tracker


def run(t):
    d = CollectingDispatcher()
    router.route(read_turn(t), d)
    return texts(d)


@pytest.mark.today("2026-01-22")
def test_a_question_after_a_yes_word_is_no_yes(bot):
    slots = {
        "context_topic": "ask_reward_roaming",
        "answer_kind": "faq",
        "answer_topic": "ask_reward_roaming",
    }
    text = run(tracker("ㅇㅋ 근데 그건 언제까지 됨", "affirm", slots=slots, confidence=0.7))
    assert "8월" in text and "더 궁금한 점" not in text, text
    slots = {"context_topic": "ask_reward_ott", "answer_kind": "faq", "answer_topic": "ask_reward_ott"}
    text = run(tracker("둘 다 주나?", "affirm", slots=slots, confidence=0.7))
    assert "더 궁금한 점" not in text and "중 하나" in text, text


@pytest.mark.today("2026-01-20")
def test_how_long_after_a_reward_heard_as_another_topic_is_that_rewards_length(bot):
    slots = {"context_topic": "ask_reward_data", "answer_kind": "faq", "answer_topic": "ask_reward_data"}
    text = run(tracker("그럼 몇 개월이나 주는 거예요?", "ask_incident", slots=slots, confidence=0.86))
    assert "6개월" in text and "악성코드" not in text, text


@pytest.mark.today("2026-01-20")
def test_that_reward_asked_with_leaving_words_is_that_reward_for_the_kept_case(bot):
    from support.trackers import kept

    # heard as the waiver's retroactive topic, "그거" is the OTT pass just answered
    slots = {
        "context_topic": "ask_reward_ott",
        "answer_kind": "faq",
        "answer_topic": "ask_reward_ott",
        "case": kept("11월 5일에 해지하고 1월 16일에 신청했어요"),
    }
    text = run(
        tracker("해지해 버린 사람도 그거 받을 수 있나요?", "ask_retroactive", slots=slots, confidence=0.96)
    )
    assert "1월 13일 기준 KT 고객" in text and "소급 적용 기간" not in text, text


@pytest.mark.today("2026-01-10")
def test_what_is_left_for_a_line_that_left_is_decided_by_its_case_without_a_lookup(bot):
    from support.trackers import kept

    slots = {
        "context_topic": "ask_waiver_who",
        "answer_kind": "case",
        "answer_topic": "ask_waiver_who",
        "case": kept("작년 8월 20일에 해지했어요"),
    }
    for words in (
        "그럼 저는 받을 게 아무것도 없나요? 데이터 주는 혜택 같은 것도요",
        "그럼 저는 OTT도 못 받아요?",
    ):
        text = run(tracker(words, "check_my_eligibility", slots=slots, confidence=0.9))
        assert "1월 13일 기준 KT 고객이 아니어서" in text and "휴대폰 번호" not in text, text


def _after(first, second, intent, confidence=0.8, topic="ask_refund_schedule"):
    from support.trackers import kept

    slots = {"context_topic": topic, "answer_kind": "case", "answer_topic": topic, "case": kept(first)}
    return run(tracker(second, intent, slots=slots, confidence=confidence))


@pytest.mark.today("2026-01-27")
def test_a_no_that_corrects_a_fact_of_the_case_is_a_correction_not_a_no(bot):
    text = _after("12월 20일에 번호이동하고 어제 신청했어요", "아니요, 어제 말고 그제 신청했네요", "deny")
    assert "1월 25일에 신청했다면 2월 5일" in text and "알겠어요" not in text, text
    text = _after("저 시월 말에 해지했는데", "아 시월이 아니고 팔월 중순이에요", "deny", 0.84)
    assert "면제 대상이 아니에요" in text and "알겠어요" not in text, text


@pytest.mark.today("2026-01-27")
def test_a_leaving_that_was_a_device_change_keeps_its_day_for_the_change(bot):
    text = _after("10월 말에 해지했어요", "다시 보니까 해지가 아니고 기기변경이었어요", "nlu_fallback", 0.5)
    assert "기기변경은 9월 1일 이후라서" in text and "10월" in text, text


@pytest.mark.today("2026-01-27")
def test_an_english_correction_takes_the_role_of_the_date_it_corrects(bot):
    # the last date told was the application's; "not December 8" names the termination
    first = "I cancelled on December 8 and applied on January 21."
    text = _after(first, "Sorry, I meant January 8, not December 8.", "ask_refund_schedule", 0.75)
    assert "2월 19일" in text and "2월 5일" not in text, text
    text = _after(first, "Oops, it was January 8, not December 8.", "ask_refund_schedule", 0.75)
    assert "2월 19일" in text and "2월 5일" not in text, text


@pytest.mark.today("2026-01-22")
def test_until_when_after_a_reward_is_that_rewards_end_not_the_application_deadline(bot):
    slots = {
        "context_topic": "ask_reward_roaming",
        "answer_kind": "faq",
        "answer_topic": "ask_reward_roaming",
    }
    text = run(tracker("그럼 그거 언제까지 줘요?", "ask_how_to_apply", slots=slots, confidence=0.9))
    assert "8월" in text and "1월 31일" not in text, text


@pytest.mark.today("2026-02-12")
@pytest.mark.parametrize(
    "words",
    [
        "My refund should have come on Feb 5 and nothing arrived. Who should I call?",
        "제 환급금 안 들어왔는데 어디로 전화해요?",
    ],
)
def test_whom_to_call_about_ones_own_money_is_the_centre_without_a_lookup(bot, words):
    text = run(tracker(words, "check_my_eligibility", confidence=0.9))
    assert "1588-0010" in text and "휴대폰 번호" not in text, text


@pytest.mark.today("2026-01-10")
@pytest.mark.parametrize("words", ["ㅇㅋ 그럼 걍 남으면 뭐 줘?", "저는 KT 그대로 쓰는데 저는 뭐 받아요?"])
def test_staying_instead_after_a_plan_to_leave_gets_what_staying_brings(bot, words):
    from support.trackers import kept

    slots = {
        "context_topic": "ask_waiver_window",
        "answer_kind": "case",
        "answer_topic": "ask_waiver_window",
        "case": kept("작년 11월에 신규로 개통했는데 담주 화요일에 옮길 거예요"),
    }
    text = run(tracker(words, "ask_waiver_who", slots=slots, confidence=0.9))
    assert "100GB" in text and "신규 가입" not in text and "휴대폰 번호" not in text, text


@pytest.mark.today("2026-01-10")
def test_a_planned_leaving_is_never_told_as_done(bot):
    from support.trackers import kept

    slots = {
        "context_topic": "ask_waiver_window",
        "answer_kind": "case",
        "answer_topic": "ask_waiver_window",
        "case": kept("다음 주 화요일에 옮길 거예요"),
    }
    text = run(tracker("남는 사람은 데이터 얼마나 줘요?", "ask_reward_data", slots=slots, confidence=0.9))
    assert "해지되었어요" not in text, text


@pytest.mark.today("2026-01-27")
def test_a_contract_change_taken_back_no_longer_excludes_the_line(bot):
    # the device change told first had denied the waiver: taken back, the port-out is decided alone
    text = _after(
        "작년 10월에 기기변경하고 이번 달 7일에 번호이동했어요",
        "아 기기변경 아니고 유심만 새로 바꾼 거예요",
        "ask_waiver_who",
    )
    assert "기기변경은" not in text and "2월 19일" in text, text


@pytest.mark.today("2026-01-27")
def test_a_year_taken_back_corrects_the_date_in_that_year(bot):
    # the application (16 January) was told last; "작년 아니고" takes back the termination's year
    text = _after(
        "작년 12월에 해지했어요 1월 16일 신청했고요",
        "아 작년 아니고요, 이번 달 8일이에요",
        "provide_identity",
        0.7,
    )
    assert "1월 8일 해지" in text and "2월 19일" in text, text


@pytest.mark.today("2026-01-19")
@pytest.mark.parametrize(
    "told, correction",
    [
        (
            "KT망 쓰는 알뜰폰 쓰다가 작년 12월 18일에 해지했어요",
            "아 착각했어요, 알뜰폰이 아니고 KT 본사 요금제였어요. 오늘 신청하면 언제 받아요?",
        ),
        (
            "알뜰폰 쓰다가 12월 18일에 해지했는데 돌려받나요",
            "알뜰폰은 작년 봄에 이미 정리했고요, 12월 18일에 해지한 건 KT 본회선이에요. 언제 받아요?",
        ),
    ],
)
def test_an_mvno_line_corrected_to_kts_own_is_decided_as_kts(bot, told, correction):
    text = _after(told, correction, "ask_refund_schedule")
    assert "2월 5일" in text and "알뜰폰(MVNO) 회선은 면제 대상이 아니에요" not in text, text


@pytest.mark.today("2026-01-13")
def test_a_contract_changes_day_corrected_is_that_changes_new_day(bot):
    text = _after(
        "기기변경을 9월 1일에 했는데 오늘 해지하면 면제돼요?",
        "아 잠깐, 8월 31일이었어요. 9월 1일 아니고 그 전날이요. 그럼 되나요?",
        "ask_waiver_who",
        topic="ask_waiver_who",
    )
    assert "8월 31일 기기변경은 9월 1일 전이라" in text and "8월 31일 해지" not in text, text


@pytest.mark.today("2026-01-20")
def test_a_slip_noticed_without_a_marker_corrects_the_date_told_last(bot):
    # the application (yesterday) was told last: "아 그저께네" moves it, not the termination
    from support.trackers import kept

    slots = {
        "context_topic": "ask_refund_schedule",
        "answer_kind": "case",
        "answer_topic": "ask_refund_schedule",
        "case": kept("12월 초에 해지했고 환급 신청은 어제 했어요"),
    }
    text = run(tracker("아 그저께네", "inform", slots=slots, confidence=0.6))
    assert "1월 18일에 신청" in text and "1월 18일 해지" not in text, text


@pytest.mark.today("2026-01-24")
def test_an_age_corrected_heard_as_identity_answers_the_reward_by_that_age(bot):
    from support.trackers import kept

    slots = {
        "context_topic": "ask_reward_insurance",
        "answer_kind": "case",
        "answer_topic": "ask_reward_insurance",
        "case": kept("아버지는 계속 KT 쓰시는데 만 63세세요"),
    }
    words = "아빠 연세를 틀리게 얘기했네요. 60년 11월생이셔서 만 65세세요."
    text = run(tracker(words, "provide_identity", slots=slots, confidence=0.7))
    assert "만 65세 이상이라" in text and "휴대폰 번호" not in text, text


@pytest.mark.today("2026-01-20")
def test_chats_what_after_an_answer_is_no_yes(bot):
    slots = {
        "context_topic": "ask_reward_roaming",
        "answer_kind": "faq",
        "answer_topic": "ask_reward_roaming",
    }
    text = run(tracker("그게 머야", "affirm", slots=slots, confidence=0.7))
    assert "로밍" in text and "더 궁금한 점" not in text, text


@pytest.mark.today("2026-01-17")
def test_an_involuntary_termination_taken_back_for_ones_own_cancel_is_decided_as_a_cancel(bot):
    from support.trackers import kept

    slots = {
        "context_topic": "ask_waiver_who",
        "answer_kind": "case",
        "answer_topic": "ask_waiver_who",
        "case": kept("요금이 밀려서 11월에 KT가 직권해지 했어요"),
    }
    words = "아 정정할게요, 연체로 정지만 됐었고 해지는 11월 20일에 제가 매장 가서 직접 했어요. 지금 신청하면 언제 받아요?"
    text = run(tracker(words, "ask_refund_schedule", slots=slots, confidence=0.8))
    assert "1월 22일" in text and "직권해지" not in text, text
