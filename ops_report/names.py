"""What the inbox and the export mask on top of the conversation store's masking.

The store already masks phone numbers and birth dates (``privacy.masking.mask_text``); that is
applied again here (a store written before masking existed, a format it missed), and then:

- e-mail addresses, and account or card numbers (a run of 9 or more digits that the store did
  not already mask; program dates are never that long);
- names, in the shapes a customer or an agent writes them: after 이름/성함/성명 ("제 이름은
  김하늘이고"), in a self-introduction ("저는 박지우인데요", "홍길동입니다 …"), before an
  honorific ("김하늘 고객님", "홍길동씨"), and next to a masked number ("이서준 ****-**-**").

Where the context is strong (after 이름, 저는 …) any word is masked. Where it is weaker (next to
a number, before 님) the word must start with a common Korean surname and not be a common word
of these conversations. Over-masking a word costs a little readability; a name shown is a leak.
"""

from __future__ import annotations

import re

from privacy.masking import mask_text

NAME_MASK = "○○○"
# Common Korean surnames (one syllable; the two-syllable ones start with one of these too).
SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민나진지엄채원천방공현함"
    "변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉사부가복태목형계피두감음빈동온호범좌"
    "팽승간상갈단견당화창옹순빙종풍판"
)
# Words found next to numbers or before 님/씨 in these conversations that are not names.
NOT_NAMES = {
    "번호",
    "휴대폰",
    "핸드폰",
    "전화",
    "전화번호",
    "연락처",
    "생일",
    "생년월일",
    "생년",
    "주민번호",
    "조회",
    "확인",
    "고객",
    "회선",
    "본인",
    "가입",
    "가입자",
    "가입일",
    "명의",
    "명의자",
    "계좌",
    "계좌번호",
    "카드",
    "은행",
    "신청",
    "신청일",
    "해지",
    "해지일",
    "환급",
    "환급금",
    "위약금",
    "요금",
    "금액",
    "아이디",
    "상담원",
    "상담사",
    "기사",
    "선생",
    "사장",
    "직원",
    "어머니",
    "아버지",
    "엄마",
    "아빠",
    "남편",
    "아내",
    "아들",
    "가족",
    "대상",
    "대상자",
    "학생",
    "문의",
    "질문",
    "메일",
    "주소",
    "저희",
    "제가",
    "저는",
    "이건",
    "그거",
    "이거",
    "여기",
    "거기",
    "오늘",
    "내일",
    "어제",
    "이번",
    "지난",
    "다음",
    "번이",
    "기변",
    "기간",
    "기기",
    "기존",
    "지금",
    "지급",
    "지급일",
    "정말",
    "정보",
    "이유",
    "이용",
    "이동",
    "이후",
    "이전",
    "이미",
    "이름",
    "성함",
    "성명",
    "주문",
    "구매",
    "문자",
    "방법",
    "변경",
    "사용",
    "사람",
    "상담",
    "서비스",
    "선택",
    "설치",
    "마감",
    "나중",
    "남은",
    "내용",
    "부탁",
    "감사",
    "안녕",
    "혹시",
    "현재",
    "한번",
    "하루",
    "최근",
    "최대",
    "진짜",
    "조건",
    "제일",
    "전부",
    "전체",
    "유심",
    "유출",
    "인증",
    "예약",
    "예정",
    "원래",
    "연락",
    "연장",
    "소급",
    "송금",
    "수령",
    "시간",
    "신규",
    "보험",
    "데이터",
    "로밍",
    "티빙",
    "디즈니",
    "멤버십",
    "알뜰폰",
    "번호이동",
    "기기변경",
    "통신사",
    "고객센터",
    "매장",
    "대리점",
    "담당자",
    "팀장",
    "과장",
    "부장",
    "대리",
    "실장",
    "원장",
    "교수",
    "회원",
    "가입자님",
    "선배",
    "친구",
}
# Endings that follow a name; they stay after the mask so that the sentence still reads.
ENDINGS = (
    "이에요",
    "이예요",
    "입니다",
    "이고요",
    "이구요",
    "인데요",
    "이라고",
    "이요",
    "예요",
    "이고",
    "인데",
    "이며",
    "이랑",
    "님",
    "씨",
    "은",
    "는",
    "이",
    "가",
    "요",
    "고",
    "을",
    "를",
    "의",
    "도",
)
_END = "(?:" + "|".join(sorted(ENDINGS, key=len, reverse=True)) + ")"
_WORD = r"[가-힣]{2,4}"

_AFTER_NAME_WORD = re.compile(
    r"(?:이름|성함|성명|본명|예약자)(?:은|는|이|을)?\s*[:=]?\s*(" + _WORD + r"?)(?=" + _END + r"?(?![가-힣]))"
)
_SELF_INTRO = re.compile(
    r"(?:저는|전|나는|난|본인은)\s+("
    + _WORD
    + r"?)(?=(?:이에요|입니다|인데요?|이고요?|예요|이구요|이라고|이며)(?![가-힣]))"
)
_OPENING = re.compile(r"(?:^|안녕하세요[.!,~]?\s*)(" + _WORD + r"?)(?=(?:입니다|이에요|예요)(?![가-힣]))")
_HONORIFIC = re.compile(r"(?<![가-힣])(" + _WORD + r"?)(?=\s*(?:고객님|고객|님|씨)(?![가-힣]))")
_BEFORE_NUMBER = re.compile(r"(?<![가-힣])(" + _WORD + r")(?=\s*[0-9\-]*\*)")
# The whole Hangul run after a masked number: "****** 장수아", but not "…0006이에요".
_AFTER_NUMBER = re.compile(r"\*[0-9*\-./]*\s*(" + _WORD + r"?)(?=" + _END + r"?(?![가-힣]))")
_HANGUL_RUN = re.compile(r"[가-힣]*")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_LONG_DIGITS = re.compile(r"(?<![\d*])\d(?:[ \-]?\d){8,}(?![\d*])")


def _plain_word(word: str) -> bool:
    """A common word rather than a name (also with an ending: "고객님", "번호는")."""
    if word in NOT_NAMES or word in ENDINGS:
        return True
    return any(word.endswith(e) and word[: -len(e)] in NOT_NAMES for e in ENDINGS)


# Last syllables of verbs and adjectives ("오나요", "되는데", "하면"): not how names end.
VERB_LIKE_END = set("요다까죠서면데게만네")


def _likely_name(word: str, strong: bool) -> bool:
    if not word or _plain_word(word) or NAME_MASK in word:
        return False
    return strong or (word[0] in SURNAMES and word[-1] not in VERB_LIKE_END)


def _mask_group(pattern: re.Pattern, text: str, strong: bool) -> str:
    def repl(m: re.Match) -> str:
        word = m.group(1)
        run = _HANGUL_RUN.match(text, m.start(1)).group(0)  # the word with what is attached to it
        if run in ENDINGS or not _likely_name(word, strong):
            return m.group(0)
        a, b = m.start(1) - m.start(0), m.end(1) - m.start(0)
        return m.group(0)[:a] + NAME_MASK + m.group(0)[b:]

    return pattern.sub(repl, text)


def mask_names(text: str) -> str:
    for pattern, strong in (
        (_AFTER_NAME_WORD, True),
        (_SELF_INTRO, True),
        (_OPENING, False),
        (_HONORIFIC, False),
        (_BEFORE_NUMBER, False),
        (_AFTER_NUMBER, False),
    ):
        text = _mask_group(pattern, text, strong)
    return text


def mask_personal(text: str) -> str:
    """Everything the inbox shows and the export writes goes through here."""
    if not text:
        return text
    text = mask_text(text)
    text = _EMAIL.sub(lambda m: "***@" + m.group(0).split("@", 1)[1], text)
    text = _LONG_DIGITS.sub(lambda m: re.sub(r"\d", "*", m.group(0)), text)
    return mask_names(text)
