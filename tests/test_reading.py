"""The reading layer: the word lists of data/lexicon/ load and compile, a broken one is named, the
reading imports nothing of Rasa, the actions or the wording, and ``read()`` says what the words say."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from korean_nlu import lexicon as lex
from korean_nlu.reading import (
    choice_in_words,
    clauses,
    faq_topic_in_words,
    line_kind_in_words,
    read,
)

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(lex.FOLDER.glob("*.yml"))


def test_every_lexicon_file_loads_and_every_pattern_compiles():
    loaded = lex.load()
    assert {p.name for p in FILES} >= {"person.yml", "topics.yml", "case.yml", "requests.yml", "clauses.yml"}
    for name, pattern in loaded.patterns.items():
        assert isinstance(pattern, re.Pattern), name
    for name, family in loaded.families.items():
        assert family and all(isinstance(words.pattern, re.Pattern) for _, words in family), name
    assert set(loaded.files.values()) == {f"data/lexicon/{p.name}" for p in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_entry_says_what_it_is_for(path):
    """Each top-level entry has a comment line just above it, for whoever edits the list next."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if re.match(r"[A-Za-z_]\w*:", line):
            assert i > 0 and lines[i - 1].startswith("#"), f"{path.name}:{i + 1} {line.split(':')[0]}"


def _lexicon(tmp_path, files):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return lex.load(tmp_path)


@pytest.mark.parametrize(
    "files,named",
    [
        ({"a.yml": "# x\nbroken: [환급, '(?:열린 괄호']\n"}, ["a.yml", "broken", "(?:열린 괄호"]),
        ({"a.yml": "# x\nnumbers: [114, 1588]\n"}, ["a.yml", "numbers", "quotes"]),
        ({"a.yml": "# x\nuses: ['{missing}환급']\n"}, ["a.yml", "uses", "{missing}"]),
        ({"a.yml": "# x\nloop: ['{loop}']\n"}, ["a.yml", "loop", "itself"]),
        ({"a.yml": "# x\nsame: [가]\n", "b.yml": "# x\nsame: [나]\n"}, ["b.yml", "same", "a.yml"]),
        ({"a.yml": "# x\nfam:\n  - means: x\n    words: ['[']\n"}, ["a.yml", "fam[0]", "'['"]),
        ({"a.yml": "# x\nfam:\n  - words: [가]\n"}, ["a.yml", "fam[0]", "means"]),
        (
            {"a.yml": "# x\nflags: {words: [가], ignore_case: yes please}\n"},
            ["a.yml", "flags", "ignore_case"],
        ),
        ({"a.yml": "- just a list\n"}, ["a.yml", "top level"]),
    ],
)
def test_a_broken_word_list_is_named_with_its_file_and_entry(tmp_path, files, named):
    with pytest.raises(lex.LexiconError) as e:
        _lexicon(tmp_path, files)
    for part in named:
        assert part in str(e.value)


def test_a_named_piece_is_put_in_where_it_is_referred_to(tmp_path):
    loaded = _lexicon(
        tmp_path,
        {
            "a.yml": "# x\nmine: ['(?:제|내)']\n# y\nmine_money: ['{mine}\\s*(?:환급금|위약금)', 'my\\s+refund{0,1}']\n"
        },
    )
    assert loaded.pattern("mine_money").pattern == r"(?:제|내)\s*(?:환급금|위약금)|my\s+refund{0,1}"
    assert loaded.pattern("mine_money").search("내  위약금은요")


def test_then_words_must_come_where_the_words_start_or_after(tmp_path):
    loaded = _lexicon(
        tmp_path, {"a.yml": "# x\nf:\n  - means: leave\n    words: [나가면]\n    then: [위약금]\n"}
    )
    words = loaded.family("f")[0][1]
    assert words.search("다음 달 나가면 위약금 있어요?") == 5
    assert words.search("위약금 때문에 나가면 손해죠") is None


# The two patterns written in one pass instead of a look-ahead: they must find exactly what the
# look-ahead forms found (the look-ahead forms read a long message again at every character).
_WAIVER_BEFORE = re.compile(
    r"(?=.*(?:위약금|면제|penalty|waiver))(?:(?:옮기|옮겨|옮길|나가|나갈|해지하|해지해|해지할|번호\s*이동하|"
    r"번호\s*이동해|번호\s*이동할|번이하|갈아타|갈아탈)(?:면|도|려|는\s*거|ㄹ까))",
    re.S | re.I,
)
_TWO_BEFORE = re.compile(
    r"[?？].*\S.*[?？]|(?:그리고|그리구|또한|그리고요|아\s*그리고|추가로|하나\s*더|또\s+)", re.S
)
_PIECES = [
    "옮기",
    "면",
    "도",
    "해지하",
    "번호 이동하",
    "는 거",
    "위약금",
    "면제",
    "Penalty",
    "WAIVER",
    "?",
    "？",
    " ",
    "\n",
    "가",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
def test_the_one_pass_patterns_find_what_the_look_ahead_ones_did(text):
    waiver = [w for topic, w in lex.lexicon().family("faq_words") if topic == "ask_waiver_window"][-1]
    before = _WAIVER_BEFORE.search(text)
    assert waiver.search(text) == (before.start() if before else None)
    assert bool(lex.lexicon().pattern("two_questions").search(text)) == bool(_TWO_BEFORE.search(text))


# -- the reading imports words only --


def test_the_reading_imports_no_rasa_no_actions_no_wording():
    for module in ("reading.py", "lexicon.py"):
        tree = ast.parse((ROOT / "korean_nlu" / module).read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names} | {
            n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
        }
        roots = {name.split(".")[0] for name in imported}
        assert not roots & {"rasa", "rasa_sdk", "actions", "wording_ko", "remedy_rules"}, (module, roots)
    code = (
        "import sys, korean_nlu.reading; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rasa', 'rasa_sdk', 'actions', 'wording_ko')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- what read() says, on sentences written for this test --


def test_whose_line():
    assert read("저도 해당되는지 궁금해서요").first_person
    assert not read("언제 면제되나요").first_person  # 제 inside 언제 and 면제 is nobody
    assert read("내 위약금 얼마 돌려받아요?").names_own_line
    assert not read("환급 받으려면 본인 명의 계좌가 필요한가요").names_own_line  # the rule for everyone
    assert read("제 해지일 확인해 주실 수 있나요").asks_outright_about_own_line
    assert not read("제 해지일은 3월이었어요").asks_outright_about_own_line  # told, not asked


def test_asked_for_everyone():
    assert read("환급 신청은 어디서 하면 되나요").asks_in_general
    assert read("지금 해지하면 위약금 내요?").asks_in_general  # a plan, not a record
    assert not read("환급금이 들어왔어요").asks_in_general


def test_topics_named_in_words():
    assert read("중고 거래하다 돈 떼였어요").rescued_intent == "ask_reward_insurance"
    assert read("해외에서 데이터 되나요").rescued_intent == "ask_reward_roaming"
    assert read("상담원이랑 얘기하고 싶어요").rescued_intent == "request_human"
    assert read("오늘 날씨 좋네요").rescued_intent is None
    assert read("입금일이 언제인지 궁금해요").faq_topic == "ask_refund_schedule"
    assert faq_topic_in_words("보험 말고 로밍은요") == "ask_reward_insurance"  # the first named
    assert faq_topic_in_words("보험 말고 로밍은요", {"ask_reward_insurance"}) == "ask_reward_roaming"
    mine = read("내 혜택 좀 알려줘")
    assert (mine.topic, mine.specific_topic) == ("rewards", "rewards")
    covered = read("나 면제 맞아?")
    assert (covered.topic, covered.specific_topic) == ("eligibility", None)


def test_a_case_told():
    moved = read("작년에 다른 통신사로 넘어갔어요")
    assert moved.about_leaving and not moved.about_money
    assert read("penalty fee 돌려주나요").about_money
    assert read("번호로 조회 가능해요?").asks_lookup
    assert read("입원 중이라 신청 기간에 못 갈 것 같아요").cannot_apply
    assert not read("병원 다녀와서 신청했어요").cannot_apply


def test_what_the_customer_wants_done():
    whether = read("신청 지금 가능해요?")
    assert whether.asks_whether and not whether.wants_to_apply
    assert read("환급 신청 접수해 주세요").wants_to_apply
    plan = read("다음 달 갈아탈 생각인데 제 약정 확인 좀")
    assert plan.plans_to_leave and plan.asks_to_check
    assert not read("지난달에 옮겼어요").plans_to_leave


def test_two_questions_and_their_clauses():
    two = read("지급일은 언제죠? 보험도 자동인가요?")
    assert two.two_questions and two.clauses == ("지급일은 언제죠?", "보험도 자동인가요?")
    one = read("지급일은 언제죠?")
    assert not one.two_questions and one.clauses is None
    assert clauses("로밍이랑 데이터 알려 주세요") == ("로밍이랑", "데이터 알려 주세요")


def test_an_agents_words_and_a_line_chosen_in_words():
    agent = read("해당 회선 보험은?")
    assert agent.this_customer and agent.card_section == "insurance"
    assert read("환급 얼마 나와요").card_section == "refund"
    assert line_kind_in_words("태블릿 쪽이요") == "second_device"
    assert line_kind_in_words("스마트워치 말고 폰이요") == "second_device"  # watch words first
    assert line_kind_in_words("핸드폰이요") == "mobile"
    assert choice_in_words("둘째 거요") == 2 and choice_in_words("아무거나") is None


def test_an_empty_message_reads_as_nothing():
    empty = read("")
    assert not any(v for v in vars(empty).values())


def test_a_story_about_ones_line_asks_no_lookup_but_a_request_does():
    assert not read("제 회선은 11월 말에 해지했고 신청은 아직이에요").asks_lookup
    assert read("제 회선 대상인지 봐 주세요").asks_lookup
    assert read("회선 조회 부탁해요").asks_lookup


def test_an_age_after_a_vowel_takes_its_own_copula():
    from korean_nlu.ages import ages_in_words

    assert [a[2] for a in ages_in_words("아내는 마흔하나예요")] == [41]
    assert [a[2] for a in ages_in_words("울 아빠 쉰둘이야")] == [52]


def test_an_english_age_after_the_verb_is_an_age_and_an_amount_is_not():
    from korean_nlu.ages import ages_in_words

    assert [a[2] for a in ages_in_words("Grandpa is 81, can he get it?")] == [81]
    assert [a[2] for a in ages_in_words("the fee is 60 thousand won")] == []
    assert [a[2] for a in ages_in_words("the bonus is 50% more")] == []


def test_years_of_use_after_the_particle_man_are_no_age():
    from korean_nlu.ages import ages_in_words

    # "KT만" is "only KT", and "삼십 년" a count of years: read as "만 30", it denied a mother the insurance
    assert [a[2] for a in ages_in_words("우리 엄마는 KT만 삼십 년 넘게 쓰셨어요")] == []
    assert [a[2] for a in ages_in_words("아버지 만 칠십오세")] == [75]
    assert [a[2] for a in ages_in_words("아버지 연세가 칠십오")] == [75]
