"""Korean date expressions → dates, relative to the injectable today.

"12월 3일", "25년 10월 3일", "2025.10.3", "어제", "2주 전", "지난달 15일", "지난주 금요일",
"작년 12월 20일", "9월 말" (a range) ... A month or month-day without a year is read by the tense
of the words after it: the most recent past occurrence after a past-tense verb ("해지했어요",
"냈는데", "해지한"), the next one after a plan ("신청하면", "할 건데", "하려는데"), and with no
tense the nearest of the two, preferring the one inside the program (2025-09-01..2026-02-19).
An impossible date ("2월 30일", "13월") is an error, never a guess.
Arithmetic is python-dateutil's relativedelta, so month ends and leap years are right.
"""

import calendar
import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, List, Optional, Tuple

from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as dateutil_weekday

from korean_nlu.numbers import DAY_WORDS_RE, DIGIT_WORDS
from remedy_rules.program import PROGRAM_SPAN
from remedy_rules.spans import DateSpan, KoreanDateError

PAST, FUTURE, NEAR = "past", "future", "near"


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int  # character offsets in the sentence
    end: int
    span: Optional[DateSpan]
    error: Optional[KoreanDateError]
    future: bool  # read as a plan (the next occurrence)
    tense: str = PAST  # PAST, FUTURE or NEAR (no tense in the words after it)


_ONES = {
    "한": 1,
    "하나": 1,
    "두": 2,
    "둘": 2,
    "세": 3,
    "셋": 3,
    "석": 3,
    "네": 4,
    "넷": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
    "아홉": 9,
}
# "열두 달 전" is twelve, not "두 달 전": the tens come with their units.
_NATIVE = {
    **_ONES,
    "열": 10,
    **{"열" + w: 10 + n for w, n in _ONES.items()},
    **{"열 " + w: 10 + n for w, n in _ONES.items()},
    "스물": 20,
    "스무": 20,
}
_WEEKDAYS = "월화수목금토일"
_NUM = r"(?:\d{1,3}|" + "|".join(sorted(_NATIVE, key=len, reverse=True)) + ")"
YEAR_WORDS = _YEAR_WORDS = {
    "재작년": -2,
    "작년": -1,
    "지난해": -1,
    "전년": -1,
    "올해": 0,
    "금년": 0,
    "올": 0,
    "내년": 1,
}
_MONTH_WORDS = {
    "지난달": -1,
    "지난 달": -1,
    "저번달": -1,
    "저번 달": -1,
    "전달": -1,
    "이번달": 0,
    "이번 달": 0,
    "이달": 0,
    "다음달": 1,
    "다음 달": 1,
}
_WEEK_WORDS = {
    "지지난주": -2,
    "지지난 주": -2,
    "저저번주": -2,
    "저저번 주": -2,
    "지난주": -1,
    "지난 주": -1,
    "저번주": -1,
    "저번 주": -1,
    "이번주": 0,
    "이번 주": 0,
    "다음주": 1,
    "다음 주": 1,
    "담주": 1,
}
# Days called by their holiday's name. 설날 moves with the lunar calendar: the years the program
# can be asked about, from the official calendar (a year missing here is "not a date I know").
_HOLIDAYS = {
    "크리스마스이브": (12, 24),
    "성탄전야": (12, 24),
    "christmaseve": (12, 24),
    "크리스마스": (12, 25),
    "성탄절": (12, 25),
    "christmas": (12, 25),
    "신정": (1, 1),
    "새해첫날": (1, 1),
    "newyearsday": (1, 1),
    # the year's last day ("연말 마지막 날", "작년 마지막 날"; "마지막 날" alone is a deadline's)
    "연말마지막날": (12, 31),
    "12월마지막날": (12, 31),
    "마지막날": (12, 31),
    "newyearseve": (12, 31),
    # named days of the program's months that customers date things by
    "광복절": (8, 15),
    "개천절": (10, 3),
    "한글날": (10, 9),
    "할로윈": (10, 31),
    "핼러윈": (10, 31),
    "halloween": (10, 31),
    "빼빼로데이": (11, 11),
}
_LUNAR_NEW_YEAR = {2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 7)}
# 추석 (the 15th of the 8th lunar month), from the official calendar like 설날.
_CHUSEOK = {2024: date(2024, 9, 17), 2025: date(2025, 10, 6), 2026: date(2026, 9, 25)}
_DAY_WORDS = {
    "그저께": -2,
    "그제": -2,
    "엊그제": -2,
    "어저께": -1,
    "어제": -1,
    "오늘": 0,
    "금일": 0,
    "내일": 1,
    "모레": 2,
    "낼모레": 2,  # spoken "내일모레": the day after tomorrow
    "내일모레": 2,
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tonight": 0,
    "the day before yesterday": -2,
}
_PARTS = {
    "초순": "early",
    "초반": "early",
    "초": "early",
    "중순": "mid",
    "중반": "mid",
    "하순": "late",
    "후반": "late",
    "말일": "last",
    "말": "late",
}
# "초과" (exceeding) and "말고" (other than) are not parts of a month.
_PART_RE = "|".join(
    re.escape(w) + ("(?!과)" if w == "초" else "(?!고)" if w == "말" else "")
    for w in sorted(_PARTS, key=len, reverse=True)
)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Each pattern's handler gets (match, today, direction) and returns a DateSpan or raises.
_P_NUMERIC = re.compile(
    r"(?<![\d.])(?P<y>\d{4}|\d{2})\s*([./-])\s*(?P<m>\d{1,2})\s*\2\s*(?P<d>\d{1,2})(?![\d])\.?"
)
_P_KOREAN = re.compile(
    r"(?:(?P<yw>" + _alt(_YEAR_WORDS) + r")\s*|'?(?P<y>\d{4}|\d{2})\s*년\s*)?"
    r"(?<!\d)(?P<m>\d{1,3})\s*월"
    r"(?:\s*(?P<d>\d{1,3})\s*일|\s*(?P<part>" + _PART_RE + r"))?"
)
# "12/31", "1.20", "12.30 해지": month/day without a year, not an amount ("1.5배", "3/4 정도"), a time
# ("9.30분") or part of a longer number or date.
_P_SHORT_NUMERIC = re.compile(
    r"(?<![\d./\-:])(?P<m>1[0-2]|0?[1-9])\s?(?P<sep>[./])\s?(?P<d>3[01]|[12]\d|0?[1-9])"
    r"(?![\d/\-:%])(?!\.\d)(?!\s*(?:원|만|배|개|퍼|프로|GB|기가|시간|분|초|정도|등))"
)
# English writes the day first as often as the month ("30/12", "16/01/2026"): in a message with no
# Korean, a day above 12 tells the order, and two numbers that could be either are asked, not guessed.
_P_EN_DAY_FIRST = re.compile(
    r"(?<![\d./\-:])(?P<d>1[3-9]|2\d|3[01])\s?/\s?(?P<m>1[0-2]|0?[1-9])(?:\s?/\s?(?P<y>\d{4}))?(?![\d/])"
)
# "12/31/2025", "14.01.2026": the year last; with dots, as Europe writes it, the day usually first.
_P_EN_FULL = re.compile(
    r"(?<![\d./\-:])(?P<a>\d{1,2})\s?(?P<sep>[/.])\s?(?P<b>\d{1,2})\s?(?P=sep)\s?(?P<y>\d{4})(?![\d/])"
)
_EN_COUNTS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_EN_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_P_EN_AGO = re.compile(
    r"(?<![A-Za-z])(?P<n>\d{1,2}|"
    + "|".join(_EN_COUNTS)
    + r")\s+(?P<unit>day|week|month)s?\s+ago(?![A-Za-z])",
    re.IGNORECASE,
)
_P_EN_LAST = re.compile(
    r"(?<![A-Za-z])(?P<rel>last|this|next)\s+(?P<what>week|month|"
    + "|".join(_EN_WEEKDAYS)
    + r")(?![A-Za-z])",
    re.IGNORECASE,
)
_P_EN_ON_WEEKDAY = re.compile(r"(?<![A-Za-z])on\s+(?P<wd>" + "|".join(_EN_WEEKDAYS) + r")(?![A-Za-z])", re.I)
_HANGUL = re.compile(r"[가-힣]")
# "Jan 20", "Dec. 28", "20 Jan", "January 2" in Korean–English messages.
_EN_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        )
    )
    for name in names.split()
}
_EN = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_P_ENGLISH = re.compile(
    rf"(?<![A-Za-z])(?:(?P<mon>{_EN})\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s*"
    # the year written after it ("30 September 1992", "May 5, 1985") belongs to the date
    rf"(?:of\s+)?(?P<mon2>{_EN})\.?)(?:,?\s+(?P<y>(?:19|20)\d\d))?(?![A-Za-z\d])",
    re.IGNORECASE,
)
# A month alone in English ("작년 Oct에 재약정", "cancel은 last December"): "may" is left out (a verb).
_P_EN_MONTH = re.compile(
    r"(?:(?P<yw>"
    + _alt(_YEAR_WORDS)
    + r")\s*|(?P<y>\d{4})\s*년?\s*|(?P<last>last)\s+)?(?<![A-Za-z])(?P<mon>"
    + "|".join(sorted((n for n in _EN_MONTHS if n != "may"), key=len, reverse=True))
    + r")\.?(?![A-Za-z\d])",
    re.IGNORECASE,
)
# Months in Sino-Korean words: "유월", "시월", "십이월" (with a day: "십이월 삼일" is rare; month only).
# (일월, 이월 are left out: "데이터 이월" is a carry-over, not February.)
_KO_MONTHS = {
    "삼월": 3,
    "사월": 4,
    "오월": 5,
    "유월": 6,
    "칠월": 7,
    "팔월": 8,
    "구월": 9,
    "시월": 10,
    "십일월": 11,
    "십이월": 12,
    "동짓달": 11,  # the old names elderly customers use
    "섣달": 12,
}
# A day in Sino-Korean words after a month ("시월 이십일", "일월 구일", "십이월 삼십일일", "1월 스무날"):
# the numeral before the last 일 is the day ("이십일" is the 20th, "이십일일" the 21st). With a day
# after them, 일월 and 이월 are months too.
# The digit words and the day pattern are the ones a birth date read out is read with (numbers.py).
_SINO_DIGITS = {word: int(digit) for word, digit in DIGIT_WORDS.items() if digit != "0"}
_SINO_DAY = DAY_WORDS_RE
# The old way of naming a month's days: 초하루 … 초열흘 (1–10), 열하루 … 열아흐레 (11–19), 보름 (15),
# 스무날 (20), 스무하루 … 스무아흐레 (21–29); with 날 after them 흘, 틀, 새 and 루 take ㅅ (사흗날, 이튿날, 엿샛날, 하룻날).
_COUNTED_DAYS = {
    "하루": 1,
    "이틀": 2,
    "사흘": 3,
    "나흘": 4,
    "닷새": 5,
    "엿새": 6,
    "이레": 7,
    "여드레": 8,
    "아흐레": 9,
}


def _old_day_names() -> dict:
    names = {"보름": 15, "스무": 20, "초열흘": 10}
    for word, n in _COUNTED_DAYS.items():
        for prefix, base in (("초", 0), ("열", 10), ("스무", 20)):
            names[prefix + word] = base + n
    for word, n in list(names.items()):
        if word.endswith("흘"):
            names[word[:-1] + "흗"] = n
        elif word.endswith("틀"):
            names[word[:-1] + "튿"] = n
        elif word.endswith("새"):
            names[word[:-1] + "샛"] = n
        elif word.endswith("루"):
            names[word[:-1] + "룻"] = n
    return names


_NATIVE_DAYS = _old_day_names()
_KO_MONTHS_WITH_DAY = {**_KO_MONTHS, "일월": 1, "이월": 2}
_P_KO_MONTH_DAY = re.compile(
    r"(?:(?P<yw>"
    + _alt(_YEAR_WORDS)
    + r")\s*)?(?<![가-힣\d])(?:(?P<nm>\d{1,2})\s*월|(?P<km>"
    + _alt(_KO_MONTHS_WITH_DAY)
    + r"))\s*(?:(?P<kd>"
    + _SINO_DAY
    + r")일|(?P<nd>"
    + _alt(_NATIVE_DAYS)
    + r")날?)(?=[에은는이도까부날,.\s]|$)"
)
# "지난 십육일", "이번 달 이십일": a day in words after a word that places its month.
_P_KO_BARE_DAY = re.compile(
    r"(?P<rel>지난\s*달|저번\s*달|이번\s*달|이달|다음\s*달|지난)\s*(?:(?P<kd>"
    + _SINO_DAY
    + r")일|(?P<nd>"
    + _alt(_NATIVE_DAYS)
    + r")날?)(?=[에은는이도까부,.\s]|$)"
)
_P_KO_MONTH = re.compile(
    r"(?:(?P<yw>"
    + _alt(_YEAR_WORDS)
    + r")\s*)?(?<![가-힣])(?P<km>"
    + _alt(_KO_MONTHS)
    + r")(?:\s*(?P<part>"
    + _PART_RE
    + r"))?(?=[에은는이도까부,.\s]|$)"
)
_P_MONTH_WORD_DAY = re.compile(r"(?P<mw>" + _alt(_MONTH_WORDS) + r")\s*(?P<d>\d{1,3})\s*일")
# "지난달 말", "이번 달 초순", "지난달에": a part of the month named by its relation to today, or all of it.
_P_MONTH_WORD_PART = re.compile(
    r"(?<![가-힣])(?P<mw>"
    + _alt(_MONTH_WORDS)
    + r")\s*(?:(?P<part>"
    + _PART_RE
    + r")|(?=에|\s*(?:중|안|내)))"
)
# "금욜" is how chat writes 금요일.
_P_WEEK_DAY = re.compile(r"(?P<ww>" + _alt(_WEEK_WORDS) + r")\s*(?P<wd>[" + _WEEKDAYS + r"])(?:요일|욜)")
# A weekday right after a day of the month ("1월 17일 토요일") only names that date's weekday.
# "이번 주에 해지하면", "지난주에 신청했어요": the whole week, when no day of it is named.
_P_WEEK_ALONE = re.compile(
    r"(?<![가-힣])(?P<ww>" + _alt(_WEEK_WORDS) + r")(?!\s*[" + _WEEKDAYS + r"](?:요일|욜))"
    r"(?=\s*(?:에|중|안|내|까지|부터|[,.?!]|$))"
)
# "1월 첫째 주 월요일", "새해 첫 주", "지난달 마지막 주": a week counted in its month. Whether the first
# week is the one holding the 1st or the first whole one, people differ: the span covers both readings,
# so that a reading near a program boundary asks instead of deciding.
_ORDINAL_WEEKS = {
    "첫": 1,
    "첫째": 1,
    "첫번째": 1,
    "둘째": 2,
    "두째": 2,
    "두번째": 2,
    "셋째": 3,
    "세째": 3,
    "세번째": 3,
    "넷째": 4,
    "네째": 4,
    "네번째": 4,
    "다섯째": 5,
    "마지막": -1,
}
_P_ORDINAL_WEEK = re.compile(
    r"(?:(?:(?P<yw>"
    + _alt(_YEAR_WORDS)
    + r")\s*)?(?:(?P<nm>\d{1,2})\s*월|(?P<km>"
    + _alt(_KO_MONTHS_WITH_DAY)
    + r"))|(?P<mw>"
    + _alt(_MONTH_WORDS)
    + r")|(?P<new>새해|신년|연초))?\s*(?<![가-힣])"
    r"(?P<ord>첫\s*번째|첫째|첫|두\s*번째|둘째|두째|세\s*번째|셋째|세째|네\s*번째|넷째|네째|다섯째|마지막)\s*주"
    r"(?:\s*(?P<wd>[" + _WEEKDAYS + r"])(?:요일|욜))?(?=$|[\s,.?!]|에|쯤|경|중|인|이|였|엔|까지|부터)"
)
_P_BARE_WEEKDAY = re.compile(
    r"(?<!\d일\s)(?<!\d일)(?:(?P<last>지난|저번)\s*)?(?<![가-힣])(?P<wd>[" + _WEEKDAYS + r"])(?:요일|욜)"
)
_APPOSITION = re.compile(r"[\s,()·]*(?:즉|그러니까|바로)?[\s,()·]*")
# "16일이 아니고 26일", "11월 말고 10월": the first date is corrected by the next one and drops out.
_CORRECTED = re.compile(
    # up to two short words may stand between the marker and the right date ("아니고 새해 1월 2일")
    r"^\s*(?:이|가|은|는)?\s*(?:아니(?:고|라|구|야|요|에요|었고|었어요)?|말고)[\s,.]*(?:[^\s\d,.]{1,4}[\s,.]+){0,2}$"
    r"|^\s*(?:이|가)\s*아이(?:고|라)[\s,.]*$"  # in dialect ("3일이 아이고 13일")
    # "5일이라고 했는데 … 보니 7일": the date said before, taken back
    r"|^\s*(?:이)?라고\s*(?:했|말했|말씀드렸|적었|썼|얘기했)\S*[\s,]",
)
# English says the corrected or negated date after its marker: "on the 21st, not the 15th", "instead of
# January 5": that date drops out too.
CORRECTED_EN_MARKER = re.compile(
    r"(?:\bnot|\binstead\s+of|\brather\s+than)\s+(?:on\s+|in\s+)?(?:the\s+)?", re.I
)
_CORRECTED_EN = re.compile(CORRECTED_EN_MARKER.pattern + "$", re.I)
_P_HOLIDAY = re.compile(
    r"(?:(?P<yw>" + _alt(_YEAR_WORDS) + r")\s*|(?:지난|저번)\s*달\s*)?"
    r"(?P<h>크리스마스\s*이브|성탄\s*전야|christmas\s*eve|크리스마스|성탄절|christmas|신정|새해\s*첫\s*날|"
    r"new\s*year'?s\s*day|new\s*year'?s\s*eve|설날|구정|추석|한가위|광복절|개천절|한글날|할로윈|핼러윈|halloween|빼빼로\s*데이|연말\s*마지막\s*날|12\s*월\s*마지막\s*날|"
    r"(?<=작년\s)마지막\s*날|(?<=작년)마지막\s*날|(?<=지난해\s)마지막\s*날|"
    # "설" alone is a word in many others (설명, 설치): the holiday only before what one does around it
    r"(?<![가-힣])설(?=\s*(?:전|연휴|쇠|명절|이전|지나|끝나|까지|前|직전|다음|이튿|담날"
    r"|(?:하루|이틀|사흘|나흘|닷새|일주일|\d{1,2}\s*일)\s*(?:전|뒤|후))|이\s*(?:며칠|언제|몇|무슨)))"
    # "신정 다음 날", "성탄절 전날", "신정 지나고 바로 이튿날": the day after or before the holiday
    r"(?:\s*(?:이|가)?\s*(?:지나고|지나서)?\s*(?:바로\s*)?(?P<off>그?\s*다음\s*날|담날|이튿날|전날|뒷날))?",
    re.IGNORECASE,
)
_P_RELATIVE = re.compile(
    r"(?<![가-힣\d])(?P<n>" + _NUM + r")\s*(?P<unit>일|주일|주|달|개월|년)\s*(?P<dir>전(?!화)|뒤|후(?!회))"
)
_P_HALF_MONTH = re.compile(r"보름\s*(?P<dir>전|뒤|후)")
# Days counted in native words ("사흘 전", "열흘 뒤"); with 쯤/정도/가량 a day either side, so that
# a count near a payout boundary asks instead of deciding.
_NATIVE_DAY_COUNTS = {
    **_COUNTED_DAYS,
    "열흘": 10,
    **{"열" + word: 10 + n for word, n in _COUNTED_DAYS.items() if n <= 4},
    "일주일": 7,
}
_ABOUT = r"(?:쯤|정도|가량|남짓)"
_P_NATIVE_DAYS = re.compile(
    r"(?<![가-힣])(?P<w>" + _alt(_NATIVE_DAY_COUNTS) + r")\s*(?P<a1>" + _ABOUT + r")?\s*"
    r"(?P<dir>전(?!화)|뒤|후(?!회))(?:\s*(?P<a2>" + _ABOUT + r"))?"
)
# "입금일", "안내일정" contain 금일/내일 inside a word: only a word of its own counts.
# Written without spaces right after a role word ("신청어제", "해지그제") it still counts.
# Run on after a clause's ending ("해지했고그저께", "했어요어제", "아어제가아니라") too, for the words that are
# no part of another word (not 내일 in "안내일정", 금일 in "입금일").
_P_DAY_WORD = re.compile(
    r"(?:(?:(?<![가-힣A-Za-z])|(?<=신청)|(?<=해지)|(?<=번이)|(?<=이동))(?P<w>"
    + _alt(_DAY_WORDS)
    + r")|(?:(?<=[고요데서라니])|(?<=^아)|(?<=^어))(?P<w2>그저께|엊그제|어저께|어제|그제|오늘|모레))(?![A-Za-z])",
    re.IGNORECASE,
)
# A bare day of the month: "13일이 마지막 날", "5일에 해지", a day restated ("9일 맞대요", "9일요",
# "9일로 고쳐 주세요") — not a length ("14일 이내", "3일 동안").
_P_BARE_DAY = re.compile(
    r"(?<![\d월.\-/])(?<!월\s)(?P<d>\d{1,2})\s*일"
    r"(?:\s*[월화수목금토일](?:요일|욜)"
    r"|(?=\s*(?:에|이(?!내)|까지|부터|날|자|쯤|경|[,.?!]|$|맞(?:아|대|죠|습|네|어|다)|요(?![가-힣])|로\s"
    r"|(?:밤|낮|오전|오후|아침|저녁|새벽)(?![가-힣]))))"
)
# English "on the 15th": a day of the month with no month, like "15일".
_P_EN_BARE_DAY = re.compile(
    r"(?<![A-Za-z])(?<=the\s)(?P<d>\d{1,2})(?:st|nd|rd|th)\b"
    r"(?!\s*(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",  # a month after it: another pattern
    re.IGNORECASE,
)

# Tense of the words after a date, read word by word: a syllable closed by ㅆ (았/었/했/됐/냈…)
# or a past adnominal ("해지한", "신청한 건") marks the past; these mark a plan or a condition
# ("신청하면", "할 건데", "하려는데", "받을까요", "될 예정", "해야"). "하면서" (while) is neither.
# "을" alone is the object particle ("번호이동을 했어요"): only a verb stem before it makes a plan ("받을").
_FUTURE_CUE = re.compile(
    r"하면|으면|면$|할(?!인)|될|예정|계획|(?<!돌)려(?!던)|겠|까요|을까|ㄹ까|해야|(?:받|찾|넣|갚|없|있)을$"
)
# Where the date's own clause ends: a connective ending ("해지하고", "했는데", "옮겨서"), a chat-style
# sentence end ("나감", "번이함"), or punctuation. A verb in a later clause ("…이제 뭐 해야 돼요?")
# says nothing about the date.
_CLAUSE_STOP = re.compile(r"(?:고|는데|은데|인데|지만|거든|어서|아서|해서|[감함냄됨옴])$")
# "전에" (before) says nothing by itself: "설날 전에 받을 수 있어요?" asks about the coming 설날; the
# verb after it decides.
_PAST_CUE = re.compile(r"던|지난")
_PAST_ADNOMINAL = re.compile(
    r"(?:.+(?:한|된|낸)|.*(?:받은|바꾼|옮긴|갈아탄))(?:(?:건|거|게|것|뒤|후|다음|지|데).*)?"
)
_NOT_PAST_ADNOMINAL = {"대한", "위한", "관한", "통한", "의한", "인한", "간단한"}
_WEAK_FUTURE = re.compile(r"^까지")  # a deadline: a plan unless a verb says otherwise


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NATIVE[text]


def _full_year(y: str, today: date) -> int:
    """'25' → 2025; '90' → 1990 (a two-digit year well in the future is last century's)."""
    if len(y) != 2:
        return int(y)
    # Deferred: privacy.identity brings the phone parser and the database layer with it, which the
    # reader must not load to be imported (tests/test_rules_purity.py).
    from privacy.identity import centuries

    this, last = centuries(int(y))
    return this if this <= today.year + 5 else last


def _month(m: int) -> int:
    if not 1 <= m <= 12:
        raise KoreanDateError("no_such_month", f"{m}월은 없는 달이에요. 날짜를 다시 알려 주세요.")
    return m


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise KoreanDateError(
            "no_such_day", f"{month}월 {day}일은 없는 날짜예요. 날짜를 다시 알려 주세요."
        ) from None


def _month_span(year: int, month: int, part: Optional[str]) -> DateSpan:
    if not 1 <= year <= 9999:
        raise KoreanDateError("no_such_year", f"{year}년은 날짜로 쓸 수 없어요. 날짜를 다시 알려 주세요.")
    last = calendar.monthrange(year, month)[1]
    kind = _PARTS.get(part) if part else None
    if kind == "early":
        return DateSpan(date(year, month, 1), date(year, month, 10))
    if kind == "mid":
        return DateSpan(date(year, month, 11), date(year, month, 20))
    if kind == "late":
        return DateSpan(date(year, month, 21), date(year, month, last))
    if kind == "last":
        return DateSpan(date(year, month, last), date(year, month, last))
    return DateSpan(date(year, month, 1), date(year, month, last))


def _nearest(today: date, direction: str, build: Callable[[int], DateSpan]) -> DateSpan:
    """The most recent past occurrence of a yearless date, the next one, or the nearer of the two.

    Tries neighbouring years so that 2월 29일 finds a leap year; raises the first error
    when no year makes the date real. With no tense (NEAR), the occurrence inside the program
    wins when only one of the two is inside it; otherwise the one nearer to today (the past
    one on a tie).
    """
    if direction != NEAR:
        return _occurrence(today, direction == FUTURE, build)
    past, future = _occurrence(today, False, build), _occurrence(today, True, build)
    if past == future:
        return past
    inside = [s for s in (past, future) if s.start <= PROGRAM_SPAN[1] and s.end >= PROGRAM_SPAN[0]]
    if len(inside) == 1:
        return inside[0]
    return past if (today - past.end) <= (future.start - today) else future


def _occurrence(today: date, future: bool, build: Callable[[int], DateSpan]) -> DateSpan:
    years = range(today.year, today.year + 9) if future else range(today.year, today.year - 9, -1)
    first_error = None
    for year in years:
        try:
            span = build(year)
        except KoreanDateError as exc:
            first_error = first_error or exc
            continue
        if (span.start >= today) if future else (span.start <= today):
            return span
        # A month that contains today counts as both "this past month" and "this coming month".
        if not span.exact and span.start <= today <= span.end:
            return span
    raise first_error or KoreanDateError("not_a_date", "날짜를 이해하지 못했어요.")


def _korean(m, today: date, direction: str) -> DateSpan:
    month = _month(int(m.group("m")))
    day = m.group("d")
    part = m.group("part")

    def build(year: int) -> DateSpan:
        if day is not None:
            d = _day(year, month, int(day))
            return DateSpan(d, d)
        return _month_span(year, month, part)

    if m.group("y"):
        return build(_full_year(m.group("y"), today))
    if m.group("yw"):
        return build(today.year + _YEAR_WORDS[m.group("yw")])
    return _nearest(today, direction, build)


def _holiday(m, today: date, direction: str) -> DateSpan:
    name = re.sub(r"[\s']", "", m.group("h").lower())

    def build(year: int) -> DateSpan:
        if name in ("설날", "구정", "설"):
            if year not in _LUNAR_NEW_YEAR:
                raise KoreanDateError("unknown_holiday", f"{year}년 설날이 언제인지는 알지 못해요.")
            d = _LUNAR_NEW_YEAR[year]
        elif name in ("추석", "한가위"):
            if year not in _CHUSEOK:
                raise KoreanDateError("unknown_holiday", f"{year}년 추석이 언제인지는 알지 못해요.")
            d = _CHUSEOK[year]
        else:
            d = date(year, *_HOLIDAYS[name])
        off = m.group("off") or ""
        d += timedelta(days=-1 if off.startswith("전") else 1 if off else 0)
        return DateSpan(d, d)

    if m.group("yw"):
        return build(today.year + _YEAR_WORDS[m.group("yw")])
    return _nearest(today, direction, build)


def _numeric(m, today: date, direction: str) -> DateSpan:
    d = _day(_full_year(m.group("y"), today), _month(int(m.group("m"))), int(m.group("d")))
    return DateSpan(d, d)


def _english_order_unclear(first: int, second: int) -> KoreanDateError:
    return KoreanDateError(
        "day_month_order",
        f"{first}/{second}이 {first}월 {second}일인지 {second}월 {first}일인지 알려 주세요. "
        f"(Is {first}/{second} month/day or day/month? Please write the month as a word, e.g. January 6.)",
    )


def _short_numeric(m, today: date, direction: str) -> DateSpan:
    month, day = _month(int(m.group("m"))), int(m.group("d"))
    english = re.search(r"[A-Za-z]{2}", m.string) and not _HANGUL.search(m.string)
    if english and month != day and day <= 12:
        raise _english_order_unclear(month, day)  # "12/1" in English: Dec 1 or 12 Jan?
    # digits alone ("1/11") follow the Korean order, month first, like the rest of the chat

    def build(year: int) -> DateSpan:
        d = _day(year, month, day)
        return DateSpan(d, d)

    return _nearest(today, direction, build)


def _en_day_first(m, today: date, direction: str) -> DateSpan:
    if _HANGUL.search(m.string):
        raise KoreanDateError("no_such_month", f"{m.group('d')}월은 없는 달이에요. 날짜를 다시 알려 주세요.")
    month, day = _month(int(m.group("m"))), int(m.group("d"))
    if m.group("y"):
        d = _day(int(m.group("y")), month, day)
        return DateSpan(d, d)
    return _nearest(today, direction, lambda year: DateSpan(_day(year, month, day), _day(year, month, day)))


def _en_full(m, today: date, direction: str) -> DateSpan:
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if a > 12:
        month, day = b, a
    elif b > 12 or a == b or (_HANGUL.search(m.string) and m.group("sep") == "/"):
        month, day = a, b
    else:
        raise _english_order_unclear(a, b)
    d = _day(year, _month(month), day)
    return DateSpan(d, d)


def _en_ago(m, today: date, direction: str) -> DateSpan:
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _EN_COUNTS[raw]
    unit = m.group("unit").lower()
    delta = {"day": relativedelta(days=n), "week": relativedelta(weeks=n), "month": relativedelta(months=n)}[
        unit
    ]
    d = today - delta
    return DateSpan(d, d)


def _en_last(m, today: date, direction: str) -> DateSpan:
    shift = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    what = m.group("what").lower()
    if what == "month":
        first = today.replace(day=1) + relativedelta(months=shift)
        return _month_span(first.year, first.month, None)
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=shift)
    if what == "week":
        return DateSpan(monday, monday + timedelta(days=6))
    if shift == -1:  # "last Friday": the most recent Friday before today
        d = today + relativedelta(days=-1, weekday=dateutil_weekday(_EN_WEEKDAYS[what])(-1))
    else:
        d = monday + timedelta(days=_EN_WEEKDAYS[what])
    return DateSpan(d, d)


def _en_on_weekday(m, today: date, direction: str) -> DateSpan:
    wd = dateutil_weekday(_EN_WEEKDAYS[m.group("wd").lower()])
    d = today + (
        relativedelta(days=1, weekday=wd(+1))
        if direction == FUTURE
        else relativedelta(days=-1, weekday=wd(-1))
    )
    return DateSpan(d, d)


def _english(m, today: date, direction: str) -> DateSpan:
    month = _EN_MONTHS[(m.group("mon") or m.group("mon2")).lower()]
    day = int(m.group("d") or m.group("d2"))

    def build(year: int) -> DateSpan:
        d = _day(year, month, day)
        return DateSpan(d, d)

    if m.group("y"):
        return build(int(m.group("y")))
    return _nearest(today, direction, build)


def _en_month(m, today: date, direction: str) -> DateSpan:
    month = _EN_MONTHS[m.group("mon").lower()]
    if m.group("y"):
        return _month_span(int(m.group("y")), month, None)
    if m.group("yw"):
        return _month_span(today.year + _YEAR_WORDS[m.group("yw")], month, None)
    if m.group("last"):  # "last August": the most recent past one
        return _nearest(today, PAST, lambda year: _month_span(year, month, None))
    return _nearest(today, direction, lambda year: _month_span(year, month, None))


def _sino_number(words: str) -> int:
    if "십" not in words:
        return _SINO_DIGITS[words]
    tens, ones = words.split("십")
    return _SINO_DIGITS.get(tens, 1) * 10 + _SINO_DIGITS.get(ones, 0)


def _ko_month_day(m, today: date, direction: str) -> DateSpan:
    month = _month(int(m.group("nm"))) if m.group("nm") else _KO_MONTHS_WITH_DAY[m.group("km")]
    day = _sino_number(m.group("kd")) if m.group("kd") else _NATIVE_DAYS[m.group("nd")]

    def build(year: int) -> DateSpan:
        d = _day(year, month, day)
        return DateSpan(d, d)

    if m.group("yw"):
        return build(today.year + _YEAR_WORDS[m.group("yw")])
    return _nearest(today, direction, build)


def _ko_bare_day(m, today: date, direction: str) -> DateSpan:
    day = _sino_number(m.group("kd")) if m.group("kd") else _NATIVE_DAYS[m.group("nd")]
    rel = re.sub(r"\s+", "", m.group("rel")).replace("이달", "이번달")
    if rel == "지난":  # the most recent such day
        first = today.replace(day=1)
        if day > today.day:
            first -= relativedelta(months=1)
    else:
        first = today.replace(day=1) + relativedelta(
            months={"지난달": -1, "저번달": -1, "이번달": 0, "다음달": 1}[rel]
        )
    d = _day(first.year, first.month, day)
    return DateSpan(d, d)


def _ko_month(m, today: date, direction: str) -> DateSpan:
    month, part = _KO_MONTHS[m.group("km")], m.group("part")
    if m.group("yw"):
        return _month_span(today.year + _YEAR_WORDS[m.group("yw")], month, part)
    return _nearest(today, direction, lambda year: _month_span(year, month, part))


def _month_word_part(m, today: date, direction: str) -> DateSpan:
    first = today.replace(day=1) + relativedelta(months=_MONTH_WORDS[m.group("mw")])
    return _month_span(first.year, first.month, m.group("part"))


def _month_word_day(m, today: date, direction: str) -> DateSpan:
    first = today.replace(day=1) + relativedelta(months=_MONTH_WORDS[m.group("mw")])
    d = _day(first.year, first.month, int(m.group("d")))
    return DateSpan(d, d)


def _ordinal_week(m, today: date, direction: str) -> DateSpan:
    k = _ORDINAL_WEEKS[re.sub(r"\s", "", m.group("ord"))]
    wd = _WEEKDAYS.index(m.group("wd")) if m.group("wd") else None

    def build(year: int, month: int) -> DateSpan:
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        if k == -1:  # the last seven days, or the calendar week holding the last day
            counted, calendar_week = last - timedelta(days=6), last - timedelta(days=last.weekday())
        else:  # the k-th seven days, or the k-th calendar week counted from the one holding the 1st
            counted = first + timedelta(weeks=k - 1)
            calendar_week = first - timedelta(days=first.weekday()) + timedelta(weeks=k - 1)
        if wd is None:
            return DateSpan(min(counted, calendar_week), max(counted, calendar_week) + timedelta(days=6))
        day = dateutil_weekday(wd)
        nth = last + relativedelta(weekday=day(-1)) if k == -1 else first + relativedelta(weekday=day(+k))
        in_week = calendar_week + timedelta(days=wd)
        return DateSpan(min(nth, in_week), max(nth, in_week))

    if m.group("mw"):
        first = today.replace(day=1) + relativedelta(months=_MONTH_WORDS[m.group("mw")])
        return build(first.year, first.month)
    if m.group("new"):  # the new year's January: this one until midyear, then the next
        return build(today.year if today.month <= 6 else today.year + 1, 1)
    if m.group("nm") or m.group("km"):
        month = _month(int(m.group("nm"))) if m.group("nm") else _KO_MONTHS_WITH_DAY[m.group("km")]
        if m.group("yw"):
            return build(today.year + _YEAR_WORDS[m.group("yw")], month)
        return _nearest(today, direction, lambda year: build(year, month))
    return build(today.year, today.month)  # "첫째 주에": of this month


def _week_alone(m, today: date, direction: str) -> DateSpan:
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=_WEEK_WORDS[m.group("ww")])
    return DateSpan(monday, monday + timedelta(days=6))


def _week_day(m, today: date, direction: str) -> DateSpan:
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=_WEEK_WORDS[m.group("ww")])
    d = monday + timedelta(days=_WEEKDAYS.index(m.group("wd")))
    sunday_unsure = direction == NEAR and today.weekday() == 6
    if direction == FUTURE and d < today and _WEEK_WORDS[m.group("ww")] == 0 and today.weekday() == 6:
        # a plan for "this week's Friday" told on a Sunday (many count Sunday as a week's first day):
        # a plan is never in the past, so the coming Friday
        return DateSpan(d + timedelta(weeks=1), d + timedelta(weeks=1))
    if (direction == FUTURE or sunday_unsure) and d < today and _WEEK_WORDS[m.group("ww")] == 0:
        # a plan for "this week's Friday" already past on a weekday, or that day said on a Sunday with
        # no tense: the past Friday or the coming one? Ask.
        nxt = d + timedelta(weeks=1)
        raise KoreanDateError(
            "which_week",
            f"이번 주 {m.group('wd')}요일이 지난 {d.month}월 {d.day}일인지, 다가오는 {nxt.month}월 {nxt.day}일인지 "
            "날짜로 알려 주세요.",
        )
    return DateSpan(d, d)


def _bare_weekday(m, today: date, direction: str) -> DateSpan:
    wd = dateutil_weekday(_WEEKDAYS.index(m.group("wd")))
    if direction == FUTURE and not m.group("last"):
        d = today + relativedelta(days=1, weekday=wd(+1))
    else:
        d = today + relativedelta(days=-1, weekday=wd(-1))
    return DateSpan(d, d)


def _relative(m, today: date, direction: str) -> DateSpan:
    n = _number(m.group("n"))
    sign = -1 if m.group("dir") == "전" else 1
    unit = m.group("unit")
    delta = {
        "일": relativedelta(days=n),
        "주": relativedelta(weeks=n),
        "주일": relativedelta(weeks=n),
        "달": relativedelta(months=n),
        "개월": relativedelta(months=n),
        "년": relativedelta(years=n),
    }[unit]
    d = today + delta * sign
    return DateSpan(d, d)


def _native_days(m, today: date, direction: str) -> DateSpan:
    n = _NATIVE_DAY_COUNTS[m.group("w")]
    d = today + timedelta(days=-n if m.group("dir") == "전" else n)
    if m.group("a1") or m.group("a2"):
        return DateSpan(d - timedelta(days=1), d + timedelta(days=1))
    return DateSpan(d, d)


def _half_month(m, today: date, direction: str) -> DateSpan:
    d = today + timedelta(days=15 if m.group("dir") != "전" else -15)
    return DateSpan(d, d)


def _bare_day(m, today: date, direction: str) -> DateSpan:
    day = int(m.group("d"))
    first = today.replace(day=1)

    def occurrence(future: bool) -> DateSpan:
        months = range(0, 13) if future else range(0, -13, -1)
        for offset in months:  # the nearest month that has this day, on the right side of today
            month = first + relativedelta(months=offset)
            try:
                d = date(month.year, month.month, day)
            except ValueError:
                continue
            if (d >= today) if future else (d <= today):
                return DateSpan(d, d)
        raise KoreanDateError("no_such_day", f"{day}일은 없는 날짜예요. 날짜를 다시 알려 주세요.")

    if direction != NEAR:
        return occurrence(direction == FUTURE)
    past, future = occurrence(False), occurrence(True)
    return past if (today - past.start) <= (future.start - today) else future


def _day_word(m, today: date, direction: str) -> DateSpan:
    d = today + timedelta(days=_DAY_WORDS[(m.group("w") or m.group("w2")).lower()])
    return DateSpan(d, d)


_PATTERNS: Tuple[Tuple[re.Pattern, Callable], ...] = (
    (_P_NUMERIC, _numeric),
    (_P_EN_FULL, _en_full),
    (_P_EN_DAY_FIRST, _en_day_first),
    (_P_SHORT_NUMERIC, _short_numeric),
    (_P_EN_AGO, _en_ago),
    (_P_EN_LAST, _en_last),
    (_P_EN_ON_WEEKDAY, _en_on_weekday),
    (_P_ENGLISH, _english),
    (_P_EN_MONTH, _en_month),
    (_P_ORDINAL_WEEK, _ordinal_week),
    (_P_KO_MONTH_DAY, _ko_month_day),
    (_P_KO_BARE_DAY, _ko_bare_day),
    (_P_KO_MONTH, _ko_month),
    (_P_MONTH_WORD_DAY, _month_word_day),
    (_P_MONTH_WORD_PART, _month_word_part),
    (_P_KOREAN, _korean),
    (_P_WEEK_DAY, _week_day),
    (_P_WEEK_ALONE, _week_alone),
    (_P_BARE_WEEKDAY, _bare_weekday),
    (_P_HOLIDAY, _holiday),
    (_P_RELATIVE, _relative),
    (_P_HALF_MONTH, _half_month),
    (_P_NATIVE_DAYS, _native_days),
    (_P_DAY_WORD, _day_word),
    (_P_BARE_DAY, _bare_day),
    (_P_EN_BARE_DAY, _bare_day),
)


def _has_past_syllable(word: str) -> bool:
    return bool(_PAST_TYPO.search(word)) or any(
        0 <= ord(ch) - 0xAC00 <= 11171 and (ord(ch) - 0xAC00) % 28 == 20 for ch in word
    )


# The past typed with ㅅ for ㅆ ("해지햇는데", "됏어요", "옮겻어요"): a past stem when an ending follows
# (not 햇빛, 햇살).
_PAST_TYPO = re.compile(r"[햇됏왓봣줫냇겻꿧켯텻렷셧졋쳣](?=[어는고음지죠다던습으네자서요엇었]|$)")


# English puts the verb before its date: "cancelled on Dec 10" is past, "apply tonight", "will
# leave next week", "if I switch on Friday" a plan.
_EN_PAST = re.compile(r"\b(?:\w+ed|did|was|were|had|left|got|went|paid|quit|sent|put)\b", re.IGNORECASE)
_EN_FUTURE = re.compile(
    r"\b(?:will|going\s+to|gonna|plan(?:ning)?\s+to|want\s+to|would\s+like\s+to|if\s+i|can\s+i|could\s+i|"
    r"should\s+i|to\s+(?:apply|cancel|leave|switch|port)|apply|cancel|leave|switch|\w+ing)\b",
    re.IGNORECASE,
)


def _english_tense(before: str) -> str:
    """The tense of the verb nearest before an English date (its last clause)."""
    clause = (
        re.split(r"[,.;!?]", before)[-1]
        if re.search(r"[A-Za-z]", re.split(r"[,.;!?]", before)[-1])
        else before
    )
    last, previous = None, ""
    for m in re.finditer(r"[A-Za-z']+(?:\s+(?:to|i)\b)?", clause):
        word = m.group(0)
        if _EN_PAST.fullmatch(word.split()[0]):
            last = PAST
        elif re.fullmatch(r"\w+ing", word.split()[0], re.I) and previous.lower() in ("was", "were", "been"):
            last = PAST  # "we were travelling in March": the past, going on
        elif _EN_FUTURE.fullmatch(word) or _EN_FUTURE.fullmatch(word.split()[0]):
            last = FUTURE
        previous = word.split()[-1]
    return last or NEAR


def _tense(after: str) -> str:
    """Tense of the clause after a date: the first word that shows one decides ("했나요" is past).

    "까지" right after the date is a deadline: a plan, unless a later verb is in the past.
    """
    weak_future = bool(_WEAK_FUTURE.match(after.lstrip()))
    own_clause = re.split(r"[,.?!;\n]", after, maxsplit=1)[0]
    for word in re.findall(r"[가-힣]+", own_clause):
        plain = word.replace("면서", "")  # "번호이동하면서" (while porting out) is no condition
        if _has_past_syllable(plain) or _PAST_CUE.search(plain) or _past_adnominal(plain):
            return PAST
        if _FUTURE_CUE.search(plain):
            return FUTURE
        if _CLAUSE_STOP.search(word):
            break
    return FUTURE if weak_future else NEAR


def _past_adnominal(word: str) -> bool:
    return word not in _NOT_PAST_ADNOMINAL and bool(_PAST_ADNOMINAL.fullmatch(word))


_HOLIDAY_NAMES = (("설날", ("설", "구정")), ("추석", ("한가위",)), ("성탄절", ("크리스마스", "christmas")))


def is_holiday(mention: DateMention, sentence: str) -> bool:
    """The mention names a holiday ("설 연휴", "크리스마스 다음 날"), not a day by its number."""
    return _P_HOLIDAY.match(sentence, mention.start) is not None


def holidays_in(sentence: str, today: date) -> List[Tuple[str, date]]:
    """(name, day) of each holiday the sentence names ("설 전에 들어와요?" → 설날, 2026-02-17)."""
    found = []
    for m in extract_dates(sentence, today):
        named = _P_HOLIDAY.match(sentence, m.start) if m.span is not None and m.span.exact else None
        if named is None or m.span is None:
            continue
        word = re.sub(r"\s", "", named.group("h").lower())
        name = next((n for n, others in _HOLIDAY_NAMES if word == n or word in others), named.group("h"))
        found.append((name, m.span.start))
    return found


_JOINED = re.compile(r"^\s*(?:이|이었|였)?(?:고|며|구)(?:(?![가-힣])|(?=신청|해지|번호|번이|접수))")


def extract_dates(sentence: str, today: date, future: Optional[bool] = None) -> List[DateMention]:
    """Every date expression in a sentence, left to right, without overlaps.

    ``future`` forces the direction of yearless dates (True: the next occurrence, False: the
    most recent past one); by default each is read from the words that follow it, up to the
    next date, and a date with no tense after it is the nearer occurrence (see ``_nearest``).
    """
    found = []
    for pattern, handler in _PATTERNS:
        for m in pattern.finditer(sentence):
            found.append((m.start(), -(m.end() - m.start()), m, handler))
    found.sort(key=lambda item: (item[0], item[1]))
    chosen = []
    taken_until = -1
    for start, _neg_len, m, handler in found:
        if start < taken_until or m.end() == start:
            continue
        chosen.append((m, handler))
        taken_until = m.end()
    chosen = [
        c
        for i, c in enumerate(chosen)
        if i + 1 == len(chosen) or not _CORRECTED.match(sentence[c[0].end() : chosen[i + 1][0].start()])
    ]
    chosen = [
        c for c in chosen if not _CORRECTED_EN.search(sentence[max(0, c[0].start() - 20) : c[0].start()])
    ]

    mentions: List[DateMention] = []
    for i, (m, handler) in enumerate(chosen):
        if mentions and _from_the_date_before(sentence, mentions, m):
            continue
        clause_end = chosen[i + 1][0].start() if i + 1 < len(chosen) else len(sentence)
        if future is None and not _HANGUL.search(sentence):
            previous_end = chosen[i - 1][0].end() if i else 0
            tense = _english_tense(sentence[previous_end : m.start()])
        elif future is None:
            tense = _tense(sentence[m.end() : clause_end])
            if tense == NEAR and i + 1 < len(chosen) and _JOINED.match(sentence[m.end() : clause_end]):
                # "12일이고 신청은 19일에 했어요": the date joined to the next clause takes its verb's tense
                after = chosen[i + 2][0].start() if i + 2 < len(chosen) else len(sentence)
                tense = _tense(sentence[chosen[i + 1][0].end() : after])
        else:
            tense = FUTURE if future else PAST
        try:
            span, error = handler(m, today, tense), None
        except KoreanDateError as exc:
            span, error = None, exc
        text = m.group(0).rstrip(".").strip()
        mention = DateMention(text, m.start(), m.start() + len(text), span, error, tense == FUTURE, tense)
        previous = mentions[-1] if mentions else None
        # "26일, 오늘이에요", "1월 13일(화)": the same day said twice is one date
        if (
            previous
            and span is not None
            and previous.span == span
            and _APPOSITION.fullmatch(sentence[previous.end : mention.start])
        ):
            continue
        mentions.append(mention)
    return mentions


# "크리스마스 이틀 전", "12월 20일에서 사흘 뒤", "신정 일주일 후": a count of days from the date just
# named, not from today.
_DAYS_COUNTED_FROM = {**_NATIVE_DAY_COUNTS, "보름": 15}
_OFFSET = re.compile(
    r"^(?P<n>\d{1,2}\s*일|" + _alt(_DAYS_COUNTED_FROM) + r")\s*(?P<a>" + _ABOUT + r")?\s*"
    r"(?P<dir>전(?!화)|뒤|후(?!회))(?:\s*(?P<a2>" + _ABOUT + r"))?"
)
_FROM_BEFORE = re.compile(r"^\s*(?:의|에서|로부터|으로부터|부터|기준\s*(?:으로)?)?\s*$")


def _from_the_date_before(sentence: str, mentions: List[DateMention], m) -> bool:
    """When ``m`` counts days from the exact date named just before it, that mention becomes the
    day counted to (with 쯤 a day either side); True when ``m`` was folded into it."""
    previous = mentions[-1]
    offset = _OFFSET.match(m.group(0).strip())
    if (
        offset is None
        or previous.span is None
        or not previous.span.exact
        or not _FROM_BEFORE.match(sentence[previous.end : m.start()])
    ):
        return False
    raw = re.sub(r"\s", "", offset.group("n"))
    n = int(raw[:-1]) if raw.endswith("일") and raw[:-1].isdigit() else _DAYS_COUNTED_FROM[raw]
    day = previous.span.start + timedelta(days=n if offset.group("dir") != "전" else -n)
    slack = timedelta(days=1 if offset.group("a") or offset.group("a2") else 0)
    text = sentence[previous.start : m.end()].strip()
    mentions[-1] = dataclasses.replace(
        previous, text=text, end=previous.start + len(text), span=DateSpan(day - slack, day + slack)
    )
    return True


def parse_korean_date(text: str, today: date, future: Optional[bool] = None) -> DateSpan:
    """The first date expression in ``text``; raises KoreanDateError when it is impossible or absent."""
    mentions = extract_dates(text, today, future)
    if not mentions:
        raise KoreanDateError("not_a_date", "날짜를 찾지 못했어요. 예: 2025년 12월 3일")
    if mentions[0].error is not None:
        raise mentions[0].error
    assert mentions[0].span is not None  # a mention without an error has its span
    return mentions[0].span
