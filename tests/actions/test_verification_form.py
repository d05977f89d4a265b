"""The verification form's checks in-process: number, birth date, line choice, failures and lockout."""

import asyncio

from rasa_sdk.executor import CollectingDispatcher

from actions.forms import ValidateVerifyForm
from actions.handlers import verification as v
from privacy.sealing import seal
from support.trackers import texts, tracker

FORM = ValidateVerifyForm()


def validate(slot, text, intent="provide_identity", slots=None):
    d = CollectingDispatcher()
    method = getattr(FORM, f"validate_{slot}")
    result = method(text, d, tracker(text, intent, slots=slots), {})
    return result, texts(d)


def test_a_number_is_sealed_and_never_kept_in_clear(bot):
    result, said = validate("phone", "010-2025-0001이요")
    assert result["phone"].startswith("sealed:") and "2025" not in result["phone"] and said == ""


def test_a_half_typed_number_is_asked_again(bot):
    result, said = validate("phone", "010-2025")
    assert result == {"phone": None} and "010-1234-5678" in said


def test_number_and_birth_date_at_once_verify(bot):
    result, _ = validate("phone", "010-2025-0001 880412")
    assert result["line_id"] == "D-0001" and result["phone"] is None
    assert result["birth_date"] not in ("verified", "1988-04-12", "880412")  # a sealed marker, never the date
    assert result["verification"] == "succeeded"


def test_birth_date_after_the_sealed_number_verifies(bot):
    result, _ = validate("birth_date", "1988-04-12", slots={"phone": seal("01020250001")})
    assert result["verified_lines"] == ["D-0001"] and result["line_id"] == "D-0001"


def test_a_wrong_birth_date_fails_without_saying_which_part(bot):
    result, said = validate("birth_date", "900101", slots={"phone": seal("01020250001")})
    assert result["verify_failures"] == 1 and result["verification"] == "failed"
    assert said == v.FAILED and "생년월일이" not in said


def test_impossible_birth_date_is_asked_again(bot):
    result, said = validate("birth_date", "880230", slots={"phone": seal("01020250001")})
    assert result == {"birth_date": None} and said == v.ASK_BIRTH_AGAIN


def test_typing_the_done_marker_is_not_verification(bot):
    result, said = validate("birth_date", "verified", slots={"phone": seal("01020250001")})
    assert "line_id" not in result and result.get("birth_date") is None


def test_five_failures_lock_the_number_everywhere(bot):
    for attempt in range(1, 6):
        result, said = validate(
            "birth_date", "900101", slots={"phone": seal("01020250002"), "verify_failures": attempt - 1}
        )
    assert result["verification_locked"] is True and "더 이상 확인할 수 없어요" in said
    # another conversation, the right birth date: still locked
    result, said = validate("phone", "010-2025-0002 920930")
    assert result.get("verification_locked") is True and "잠겼어요" in said and "line_id" not in result, (
        result,
        said,
    )


def test_two_lines_on_one_number_ask_which(bot):
    result, _ = validate("phone", "010-2025-0016 870303")
    assert result["verified_lines"] == ["D-0016", "D-0017"] and result["line_id"] is None
    result, _ = validate("line_choice", "2번", slots={"verified_lines": ["D-0016", "D-0017"]})
    assert result == {"line_choice": "2", "line_id": "D-0017"}
    result, said = validate("line_choice", "5번", slots={"verified_lines": ["D-0016", "D-0017"]})
    assert result == {"line_choice": None} and said == v.ASK_LINE_AGAIN


def test_a_question_leaves_the_form(bot):
    result, _ = validate("phone", "환급 신청은 어디서 해요?", intent="ask_how_to_apply")
    assert result == {"phone": None, "requested_slot": None}


def test_a_question_the_check_answers_stays_and_is_answered_for_the_line_after_it(bot):
    # the payout table for everyone now would read as this customer's date; theirs comes after the check
    result, _ = validate("phone", "환급금 지급일이 언제예요?", intent="ask_refund_schedule")
    assert result.get("requested_slot", "phone") is not None and result["personal_topic"] == "refund"
    events, _ = run_form("근데 저 면제 대상은 맞는 거죠?", "ask_waiver_who", "phone")
    assert last_requested(events) == "phone"


def test_required_slots_follow_the_state(bot):
    def required(slots):
        loop = asyncio.new_event_loop()  # not asyncio.run: it would leave this thread without a current loop
        try:
            return loop.run_until_complete(
                FORM.required_slots([], CollectingDispatcher(), tracker("x", "greet", slots=slots), {})
            )
        finally:
            loop.close()

    assert required({}) == ["phone", "birth_date"]
    assert required({"verified_lines": ["D-0016", "D-0017"]}) == ["line_choice"]
    assert required({"line_id": "D-0001"}) == [] and required({"verification_locked": True}) == []


def test_a_general_question_taken_for_an_application_request_steps_out_of_the_form(bot):
    result, said = validate("phone", "환급 신청 아직도 가능해요?", intent="apply_refund")
    assert result == {"phone": None, "requested_slot": None} and said == ""
    result, _ = validate("phone", "신청해 주세요", intent="apply_refund")  # a request stays in the form
    assert result.get("requested_slot", "phone") is not None


def test_the_customers_own_dates_instead_of_the_number_step_out_of_the_form(bot):
    # asked for the number, the customer tells their story: answered from their words, no lookup
    for text in ("12/22에 번호이동했어요", "신청은 1월 19일에 했는데요", "아니 해지한 날이 1월 11일이에요"):
        result, said = validate("phone", text, intent="inform")
        assert result == {"phone": None, "requested_slot": None} and said == "", text


def test_a_number_with_a_date_in_words_is_still_the_number(bot):
    result, _ = validate("phone", "번호는 010-2025-0001이고 12월 22일에 해지했어요")
    assert result["phone"].startswith("sealed:")


def run_form(text, intent, asked, slots=None):
    """The whole validation action on a message while the form asks for ``asked``: its events."""
    from support.trackers import tracker as make

    t = make(
        text,
        intent,
        slots={**(slots or {}), "requested_slot": asked, asked: text},
        history=[{"event": "slot", "name": "requested_slot", "value": asked}],
    )
    t.active_loop = {"name": "verify_form"}
    t.events.append({"event": "slot", "name": asked, "value": text})  # the form's from_text mapping
    domain = {"forms": {"verify_form": {"required_slots": ["phone", "birth_date", "line_choice"]}}}
    d = CollectingDispatcher()
    return asyncio.new_event_loop().run_until_complete(FORM.run(d, t, domain)), texts(d)


def last_requested(events):
    return [e["value"] for e in events if e.get("name") == "requested_slot"][-1]


def test_a_question_while_the_number_is_asked_ends_the_form_instead_of_asking_again(bot):
    events, _ = run_form("그런데 신청은 며칠까지 받아요?", "ask_how_to_apply", "phone")
    assert last_requested(events) is None


def test_the_customers_own_story_while_the_birth_date_is_asked_ends_the_form(bot):
    events, _ = run_form("아 그게 아니라 12월 9일에 해지했거든요", "inform", "birth_date")
    assert last_requested(events) is None


def test_a_number_still_goes_on_to_the_birth_date(bot):
    events, _ = run_form("010-2025-0001 이에요", "provide_identity", "phone")
    assert last_requested(events) == "birth_date"


def test_a_corrected_number_while_the_birth_date_is_asked_replaces_the_first(bot):
    result, said = validate(
        "birth_date", "번호 하나 틀렸네요 010-2025-0003", slots={"phone": seal("01020250033")}
    )
    assert result["birth_date"] is None and result["phone"].startswith("sealed:") and said == ""
    from privacy.sealing import unseal

    assert unseal(result["phone"]) == "01020250003"


# -- issue 19: the number and the birth date read out in words ------------------------------------------------
# The classifier hears little in digit words ("nlu_fallback", "out_of_scope"): the form reads them itself.
def test_a_number_read_out_in_words_is_the_number(bot):
    result, said = validate("phone", "공일공 이공이오 공공공일이에요", intent="nlu_fallback")
    assert result["phone"].startswith("sealed:") and said == ""
    result, _ = validate("phone", "영일영에 이영이오에 영영영삼이옵고", intent="out_of_scope")
    assert result["phone"].startswith("sealed:")


def test_number_and_birth_date_read_out_at_once_verify(bot):
    result, _ = validate(
        "phone",
        "번호 공일공 다시 이공이오 다시 공공공삼 이구요, 생년월일 일구칠구년 일월 이십오일",
        intent="out_of_scope",
    )
    assert result["line_id"] == "D-0003" and result["verification"] == "succeeded"
    result, _ = validate(
        "phone", "010 이공이오 0005, 구육년 칠월 칠일생입니다", intent="ask_reward_insurance"
    )
    assert result["line_id"] == "D-0005"


def test_a_birth_date_read_out_after_the_sealed_number_verifies(bot):
    for text, phone, line in [
        ("천구백팔십팔년 사월 십이일입니다", "01020250001", "D-0001"),
        ("팔팔 공사 일이요", "01020250001", "D-0001"),
        ("88 04 12", "01020250001", "D-0001"),
        ("일구칠구 공일 이오", "01020250003", "D-0003"),
        ("born on July 7, 1996", "01020250005", "D-0005"),
        ("1996.7.7", "01020250005", "D-0005"),
    ]:
        result, _ = validate("birth_date", text, intent="out_of_scope", slots={"phone": seal(phone)})
        assert result.get("line_id") == line, (text, result)


def test_part_of_a_birth_date_keeps_the_form_and_asks_for_the_whole(bot):
    # "팔팔년생이에요" left the form before (heard as another subject): the number was forgotten
    for text in ("팔팔년생이에요", "사월 십이일이요"):
        result, said = validate(
            "birth_date", text, intent="out_of_scope", slots={"phone": seal("01020250001")}
        )
        assert result == {"birth_date": None} and said == v.ASK_BIRTH_WHOLE, (text, result)
        events, _ = run_form(text, "out_of_scope", "birth_date", slots={"phone": seal("01020250001")})
        assert last_requested(events) == "birth_date", text
    result, said = validate(
        "birth_date",
        "음력으로 팔팔년 사월 십이일",
        intent="out_of_scope",
        slots={"phone": seal("01020250001")},
    )
    assert result == {"birth_date": None} and said == v.ASK_BIRTH_SOLAR  # never checked as the solar date


def test_the_month_and_day_of_a_leaving_instead_of_the_number_still_step_out(bot):
    result, said = validate("phone", "작년 시월 삼일에 해지했는데요", intent="inform")
    assert result == {"phone": None, "requested_slot": None} and said == ""
    # a birth year alone when the number is asked: the number is asked again, nothing else is answered
    result, said = validate("phone", "팔팔년생이에요", intent="out_of_scope")
    assert result == {"phone": None} and said == v.ASK_PHONE_AGAIN
