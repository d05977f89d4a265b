"""Facts about a line read from a customer's message ("10월에 기변했는데 면제돼요?").

Only reading: the words become a ``decision.LineFacts`` (anything not said stays unknown) and the
decision is made by ``decision.decide`` like for any line. The NLU supplies entities (closed-class
words with canonical values and their offsets); dates are read again here with the Korean date
normaliser against the injectable today, and each date gets its role from the first word after it
in its clause: 신청 → the application, a contract event → that event, a termination kind → the
termination, 가입 → joining, 생/태어난 → the birth date.
"""

import re
from dataclasses import replace
from datetime import date
from typing import AbstractSet, Any, Dict, Optional, Sequence

from korean_nlu.dates import FUTURE, extract_dates, is_holiday
from korean_nlu.lexicon import lexicon
from remedy_rules import program as p
from remedy_rules.case_facts import CaseFacts
from remedy_rules.decision import ContractEvent, LineFacts, birth_span_from_age
from remedy_rules.spans import DateSpan, KoreanDateError

_NEGATION = re.compile(
    r"^[^.?!\n]{0,12}?(?:안\s*했|안\s*하고|안\s*함|하지\s*않|한\s*적\s*(?:이\s*|은\s*)?없|없어요|없었|없습니다"
    r"|않았|안\s*해|안\s*됐|안\s*되(?!겠)|아니|안\s*하[셨신시]|못\s*[했햇하]|려다)"
)
_ACTIVE = re.compile(
    r"(?:지금도|아직)?\s*(?:사용\s*중|쓰고\s*있|쓰는\s*중|이용\s*중|이용하고\s*있|유지\s*중)"
)
# "알뜰폰이었는지 KT였는지 기억이 안 나요", "IoT인지 잘 모르겠어요": a kind the customer says they are unsure
# of is no fact ("IoT인가 뭔가 쓰는 회선" names it, hedged, and stays one).
_UNSURE_KIND = re.compile(r"\s*(?:이었|였|이|인)?(?:는지|던지|던가|인지)")
_UNSURE_WORDS = re.compile(r"모르|기억\s*(?:이|이\s*)?(?:안|없|잘)|헷갈|확실(?:하지|치)|가물")


class _Unsure:
    """``match(rest)``: the words after a kind say it is not known (the kind, then doubt within the clause)."""

    @staticmethod
    def match(rest: str) -> bool:
        return _UNSURE_KIND.match(rest) is not None and _UNSURE_WORDS.search(rest[:40]) is not None


_UNSURE = _Unsure()
_KT = re.compile(r"(?<![A-Za-z])KT(?![A-Za-z])|케이티", re.IGNORECASE)
_MOBILE = re.compile(r"휴대폰|핸드폰|스마트폰|(?<!알뜰)(?<![가-힣]{3})폰(?!트)")
_SPECIAL = re.compile(r"특수\s*목적")
_PREPAID = re.compile(r"선불")
_POSTPAID = re.compile(r"후불")
_REJOIN = re.compile(
    r"다시\s*가입|재가입|(?:다시|도로)\s*(?:KT|케이티|kt)\S{0,2}\s*(?:돌아|와|왔|옴|갔|가입|들어(?:왔|와|옴|갔|감|간))|(?:KT|케이티|kt)로\s*돌아"
)
_JOIN = re.compile(r"(?<!신규)(?<!신규\s)(?<!다시\s)(?<!다시)(?<!재)가입(?!자)")
_APPLY = re.compile(
    r"신청|신쳥|싱청|(?<![A-Za-z])(?:appl(?:y|ied|ying|ication)|submitted|filed)(?![A-Za-z])", re.IGNORECASE
)
# "I haven't applied yet", "did not apply", "never applied": English puts the negation before the verb.
_EN_NOT_BEFORE = re.compile(r"(?:n't|\bnot|\bnever)\s+(?:yet\s+|even\s+|actually\s+)?$", re.IGNORECASE)
# "apply" in English is a plan or a question ("can I still apply?"); the past forms are facts.
_EN_PLAN = re.compile(r"apply(?:ing)?|application", re.IGNORECASE)


def _a_plan(text: str, m: "re.Match[str]") -> bool:
    """An application word that asks or plans ("신청할 수 있어요?", "can I apply?"), not one that tells."""
    return bool(_EN_PLAN.fullmatch(m.group(0)) or _HYPOTHETICAL.match(text[m.end() :]))


# "해지 기간이 언제까지예요?", "번호이동 방법": the word names the program's window or procedure, not
# something the customer did.
_NOUN_COMPOUND = re.compile(
    r"^\s*(?:기간|기한|날짜|일정|방법|절차|마감|조건|시\s|할\s*때|하는\s*(?:법|방법))"
)
# "알뜰폰으로 갈아탔어요": the carrier the customer moved to, not the kind of line that left KT.
_DESTINATION = re.compile(
    r"^\s*(?:으로|로)\s*(?:\S{0,8}\s*){0,3}?(?:옮|바꾸|바꿨|바꿔|갈아|번호\s*이동|번이|이동|가|갔|넘어|변경)"
)
_AGE_LIMIT = re.compile(
    r"^\s*(?:이|가)?\s*(?:미만|이상|이하|초과|기준|부터|넘|안\s*된|안\s*되|가\s*안|이\s*안)"
)
# "1월 22일에 받는 사람", "2월 5일 지급은": a payout date the customer names, not a fact of their line.
_PAYOUT = re.compile(
    r"^\s*(?:에|은|는|이|도)?\s*(?:지급|입금|받는|받을|받으|받아|들어오|들어와|환급일|환급되는|주는|나오는|payout)"
    r"|^\s*(?:까지|이나|나)\s*(?:더\s*)?기다"  # "3월 초까지 또 기다려야 해요?": the wait for the payout
    # "추석 전엔 들어오나요?", "월말 지나서 받아요?": the payout's day asked against another day
    r"|^\s*(?:연휴|당일)?\s*(?:에|은|는|이|도)?\s*(?:전에|전|이전에|후에|후|이후에|지나(?:서|고)|넘어서|안에|내로|까지는?|쯤|경)\s*(?:는|은|엔|에는)?\s*"
    r"(?:지급|입금|받|들어|나오|나와|돈|환급|주[나노는냐니시실겠세면어]|줘|줄|준다)"
    r"|^\s*(?:며칠|몇\s*일)"  # "3월 며칠에 준다고 했죠?": a day asked about, not told
)
_BIRTH_AFTER = re.compile(r"^\s*(?:생(?![각활])|에\s*태어|태어)")
_BIRTH_BEFORE = re.compile(
    r"(?:생년월일|생일|\bborn(?:\s+(?:on|in))?|\bbirth\s*(?:day|date)(?:\s+is)?|date of birth(?:\s+is)?|\bDOB)"
    r"\s*(?:은|는|이|:)?\s*$",
    re.IGNORECASE,
)
_AMOUNT = {
    "penalty_krw": re.compile(r"위약금\D{0,12}?(\d[\d,]*)\s*원"),
    "installment_krw": re.compile(r"할부금?\D{0,12}?(\d[\d,]*)\s*원"),
}
_SENTENCE_END = re.compile(r"[.?!\n]")
_KT_ITSELF = lexicon().pattern("kt_itself")
BIRTH_YEAR_MAX = 2015  # a full date this early with no word about it is somebody's birth date


# "했고아직신청안했는데": without spaces a past stem + 고 still ends the clause.
_CLAUSE_BREAK = re.compile(r"고\s|(?<=[했됐갔왔냈쳤])고|는데|지만|면서|[,.?!\n]")
_HYPOTHETICAL = re.compile(r"^\s*(?:을|를)?\s*(?:하면(?!서)|할\b|할\s|할까|하려|해도|하고\s*싶)")


def _negated(text: str, end: int) -> bool:
    """A negation right after a word, inside its own clause ("해지 안 했어요", "재약정은 안 했어요");
    not one that belongs to another word in between ("12월 번이 신청 안 함": the application's)."""
    after = text[end : end + 14]
    cut = _CLAUSE_BREAK.search(after)
    after = after[: cut.start()] if cut else after
    other = _OTHER_WORD.search(after)
    after = after[: other.start()] if other else after
    if _DATE_DENIED.search(
        after
    ):  # "번호이동은 1월 5일이 아니라 12월 5일": the date is corrected, not the event
        return False
    return bool(_NEGATION.match(after))


_DATE_DENIED = re.compile(r"(?:\d\s*일|\d\s*월|날)\s*(?:이|가)?\s*아니")


_OTHER_WORD = re.compile(r"신청|환급|apply", re.IGNORECASE)


def _clause_end(text: str, start: int, limit: int) -> int:
    m = _SENTENCE_END.search(text, start, limit)
    return m.start() if m else limit


# "알뜰폰 아니고 …", "IoT 말고 …": the kind just named is the one being corrected.
_CORRECTED_KIND = re.compile(r"\s*(?:폰|회선|요금제)?\s*(?:이|가|은|는)?\s*(?:아니(?:고|라|구|었고)|말고)")


def read_facts(text: str, entities: Sequence[dict], today: date) -> CaseFacts:
    """What the message says about one line, as facts for the decision (unknown stays None)."""
    f: Dict[str, Any] = dict(events=[])  # LineFacts fields as they are read
    out = CaseFacts()
    words = sorted(
        (e for e in entities if e.get("entity") in ("termination_kind", "contract_event")),
        key=lambda e: e.get("start", 0),
    )
    kinds = [
        e.get("value")
        for e in entities
        if e.get("entity") == "line_kind"
        and not (e.get("value") == "mvno" and _DESTINATION.match(text[e.get("end", 0) :]))
        and not _UNSURE.match(text[e.get("end", 0) :])
        and not _CORRECTED_KIND.match(text[e.get("end", 0) :])  # "알뜰폰 아니고 KT 폰": corrected
    ]
    negated_events = set()
    for e in words:
        negated = _negated(text, e["end"])
        if e["entity"] == "termination_kind":
            if negated:
                f.setdefault("status", "active")
            elif _HYPOTHETICAL.match(text[e["end"] :]) or _NOUN_COMPOUND.match(text[e["end"] :]):
                continue  # "해지하면": a plan, not a fact
            elif "termination_type" not in f:
                f["termination_type"] = e["value"]
                f["status"] = "terminated"
        elif negated:
            negated_events.add(e["value"])
        elif e["value"] not in [x.kind for x in f["events"]]:
            f["events"].append(ContractEvent(e["value"]))
    if negated_events:  # "(그 뒤로) 기기변경이나 재약정은 안 했어요": no other change
        f["contract_change_since_cutoff"] = False
    if f.get("status") != "terminated" and _ACTIVE.search(text):
        f["status"] = "active"

    if _KT_ITSELF.search(text):  # "알뜰폰은 예전 거고 이건 KT 본사 거": this line is KT's own
        f["carrier"] = "kt"
    elif "mvno" in kinds:
        f["carrier"] = "mvno"
    elif any(not _UNSURE.match(text[m.end() :]) for m in _KT.finditer(text)):
        f["carrier"] = "kt"
    if "iot" in kinds:
        f["line_type"] = "iot"
    elif _SPECIAL.search(text):
        f["line_type"] = "special"
    elif "second_device" in kinds:
        f["line_type"] = "second_device"
    elif _MOBILE.search(text.replace("알뜰폰", "")):
        f["line_type"] = "mobile"
    if _PREPAID.search(text):
        f["prepaid"] = True
    elif _POSTPAID.search(text):
        f["prepaid"] = False
    for m in _REJOIN.finditer(text):
        if _HYPOTHETICAL.match(text[m.end() :]) or re.match(r"\S{0,2}면", text[m.end() :]):
            continue  # "지금 다시 가입하면 …": a plan
        f["rejoined"] = not _negated(text, m.end())
        break
    # "신청을 못 하다가 16일에 신청했어요": the last word about the application decides
    for m in _APPLY.finditer(text):
        negated = (
            _negated(text, m.end())
            or re.match(r"\s*(?:을|를)?\s*못", text[m.end() :])
            or _EN_NOT_BEFORE.search(text[max(0, m.start() - 24) : m.start()])
        )
        if negated:
            f["applied"] = False
        elif f.get("applied") is False and not _a_plan(text, m):
            del f["applied"]  # "못 하다가 16일에 신청했어요": done after all; "신청할 수 있어요?" is not
        if not negated and _APPLIED_PAST.match(text[m.end() :]):
            f.setdefault("applied", True)  # "신청까지 했는데", "신청 넣었어요": applied, the day unsaid
    for name, pattern in _AMOUNT.items():
        found = pattern.search(text)
        if found:
            f[name] = int(found.group(1).replace(",", ""))
    for e in entities:
        # "65세 미만이면", "65세 기준일": an age limit the customer names, not their age.
        if (
            e.get("entity") == "age"
            and str(e.get("value")).isdigit()
            and not _AGE_LIMIT.match(text[e["end"] :])
        ):
            out.age = int(e["value"])

    births = [(e["start"], e["end"]) for e in entities if e.get("entity") == "birth_date" and "start" in e]
    _read_dates(text, today, words, f, out, births)
    _read_now(text, today, f, out)
    events = tuple(f.pop("events"))
    if out.age is not None and "birth_date" not in f:
        f["birth_date"] = birth_span_from_age(out.age, today)
    out.line = replace(LineFacts(**f), events=events)
    # What makes a case: naming KT, saying the line is in use, a birth date or an amount alone do
    # not (those come with personal checks and verification); the rest does.
    out.mentioned = bool(
        events
        or set(kinds) - {None}
        or f.get("line_type") == "special"
        or f.get("prepaid")
        or f.get("rejoined")
        or any(k in f for k in ("terminated_on", "termination_type", "applied_on", "joined_on"))
    )
    return out


def _role(
    text: str,
    date_end: int,
    clause_end: int,
    words,
    used: Optional[set] = None,
    next_start: Optional[int] = None,
) -> Optional[tuple]:
    """The first word after a date in its clause that says what the date is (its start goes to ``used``).

    A word past a comma that names the next date ("terminate 1월 4일, apply 1월 14일": apply) is not
    this date's.
    """
    if _BIRTH_AFTER.match(text[date_end:clause_end]):
        return ("birth", None)
    if _PAYOUT.match(text[date_end:clause_end]):
        return ("payout", None)
    candidates = []
    for e in words:
        if date_end <= e["start"] < clause_end:
            candidates.append((e["start"], e["end"], e["entity"], e))
    for pattern, role in ((_APPLY, "application"), (_REJOIN, "rejoin"), (_JOIN, "joined")):
        m = pattern.search(text, date_end, clause_end)
        if m:
            candidates.append((m.start(), m.end(), role, None))
    if next_start is not None:
        candidates = [
            c
            for c in candidates
            if not (
                re.search(r"[,;·/]", text[date_end : c[0]])
                and _NAMES_WHAT_FOLLOWS.match(text[c[1] : next_start])
            )
        ]
    if not candidates:
        return None
    start, _end, role, entity = min(candidates, key=lambda c: c[0])
    if used is not None:
        used.add(start)
    return role, entity


# "해지는 12월 12일", "신청 1월 15일", "기변은 작년 7월": the word right before a date names it when
# only a topic particle (or nothing, or a colon) stands between them.
_NAMES_WHAT_FOLLOWS = re.compile(
    r"^\s*(?:(?:한|된|했던|하신|일|날|날짜|시점)\s*)?(?:날짜|날|일|시점)?\s*(?:은|는|이|가|을|를|도)?\s*[:：]?\s*$"
)


# "신청도 했고요, 1월 19일에요": a date added after the sentence that named the event.
_AFTERTHOUGHT = re.compile(r"^(?:에|이)?(?:요|에요|이에요|이요|였어요|이었어요)(?!금|일)")


def _words_before(text: str, start: int, date_start: int, words, used: AbstractSet[int] = frozenset()):
    """(end, role, entity) of each word between ``start`` and a date that can name it, less the ones
    an earlier date took (``used``: where they start)."""
    found = [
        (e["end"], e["entity"], e)
        for e in words
        if start <= e["start"] and e["end"] <= date_start and e["start"] not in used
    ]
    for pattern, role in ((_APPLY, "application"), (_JOIN, "joined")):
        found += [
            (m.end(), role, None) for m in pattern.finditer(text, start, date_start) if m.start() not in used
        ]
    return found


def _last_role_word(text: str, start: int, date_start: int, words) -> Optional[tuple]:
    """The last word before a date that can name it, however far ("신청도 했고요, 1월 19일에요")."""
    candidates = _words_before(text, start, date_start, words)
    if not candidates:
        return None
    _end, role, entity = max(candidates, key=lambda c: c[0])
    return role, entity


def _in_application_year(span):
    """ "1월 20일에 신청하면" asked on 2026-01-25 means the program's 1월 20일, not next year's."""
    if span is None or not span.exact or span.start.month != p.APPLY_START.month:
        return span
    moved = span.start.replace(year=p.APPLY_START.year)
    return DateSpan(moved, moved) if p.APPLY_START <= moved <= p.APPLY_END else span


def _role_before(text: str, start: int, date_start: int, words, used: set) -> Optional[tuple]:
    """The word right before a date that names it, unless the date before already took that word."""
    candidates = _words_before(text, start, date_start, words, used)
    if not candidates:
        return None
    end, role, entity = max(candidates, key=lambda c: c[0])
    gap = text[end:date_start]
    if "\n" in gap:
        return None  # "…해지\n어제 신청": a word on the line before names that line's date, not this one
    if _NAMES_WHAT_FOLLOWS.match(gap):
        return role, entity
    # English puts the verb before its date ("ported out on the 3rd of December, applied on the 20th of January"):
    # an English role word followed only by English words names the date after it.
    if text[end - 1 : end].isascii() and text[end - 1 : end].isalpha() and _ENGLISH_GAP.match(gap):
        return role, entity
    return None


_ENGLISH_GAP = re.compile(r"^[A-Za-z' ]{0,30}$")
_ENGLISH_ONLY = re.compile(r"[^가-힣]*")


# "11월 20일에 전역", "2월 3일에 퇴원", "1월 14일 오전부터 열림": a date of something else in the
# customer's life or of the program, not of their line.
_OTHER_EVENT = re.compile(
    r"^\s*(?:에|은|는|이|가|쯤|경|날|부터|까지)?\s*(?:(?:한\s*달|한\s*주|며칠|내내|동안|쭉|계속|꼬박)\s*)*(?:\S+\s+){0,2}?"
    r"(?:전역|제대(?!로)|입대|퇴원|입원|귀국|출국|입국|출장|해외|군대|군\s*복무|병원|여행|문자|연락|전화를?\s*받|발표|열렸|열리|열린"
    r"|들어왔|들어온|돌아왔|돌아온|복귀|시작|시간이|여유|월급"
    r"|기준)"
)
_EXPLICIT_YEAR = re.compile(r"\d{4}|\d{2}\s*년|작년|올해|재작년|지난\s*해|last\s*year|this\s*year", re.I)


def _year_said(text: str, m) -> bool:
    return bool(_EXPLICIT_YEAR.search(text[max(0, m.start - 6) : m.end]))


# "26일, 오늘이에요": the same day named again by its word does not end the afterthought.
_APPOSED_DAY = re.compile(r"^\s*[,(]?\s*(?:오늘|어제|그제|그저께|엊그제)\)?")


def _read_dates(text: str, today: date, words, f: dict, out: CaseFacts, births=()) -> None:
    mentions = extract_dates(text, today)
    used: set = set()  # where the role words taken by earlier dates start
    roles = []  # (mention, role or None) in order; role-less dates are placed after the named ones
    for i, m in enumerate(mentions):
        if m.error is not None:
            out.date_error = out.date_error or m.error
            continue
        if _A_PROGRAMS_DAY.match(text[m.end :]):
            continue  # "11월 30일까지였던 면제는 …": the day of a programme cited, whatever verb follows
        limit = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        clause_end = _clause_end(text, m.end, limit)
        previous_end = mentions[i - 1].end if i else 0
        next_start = mentions[i + 1].start if i + 1 < len(mentions) else None
        role = _role_before(text, previous_end, m.start, words, used)
        if role is None and not _ENGLISH_ONLY.fullmatch(text):  # English names a date by the verb before it
            role = _role(text, m.end, clause_end, words, used, next_start)
        if role is None and _AFTERTHOUGHT.match(_APPOSED_DAY.sub("", text[m.end : clause_end], count=1)):
            role = _last_role_word(text, previous_end, m.start, words)
        before = text[max(0, m.start - 12) : m.start]
        # a date the identity parser took for a birth date ("born on 30 September 1992"), with no word
        # naming it otherwise ("2001년 5월 20일에 가입"), is no event of the line
        in_birth = role is None and any(s < m.end and m.start < e for s, e in births)
        if in_birth or _BIRTH_BEFORE.search(before) or (role and role[0] == "birth"):
            f.setdefault("birth_date", m.span)
            continue
        if role is None:
            if (
                m.span is not None
                and re.search(r"\d{4}|\d{2}\s*년|\d{2}[./-]", m.text)
                and m.span.start.year <= BIRTH_YEAR_MAX
            ):
                f.setdefault("birth_date", m.span)  # "1988-04-12" alone: a birth date
                continue
            if (
                _OTHER_EVENT.match(text[m.end : clause_end])
                or _ASKED_DAY.match(text[m.end :])
                or _AROUND_THE_PAYOUT.match(text[m.end :])
                or _a_holiday_waited_on(text, m)
            ):
                continue  # "설이 언제예요?", "설 전엔 못 받아요?": a day asked about is no date of the line
            if m.span is not None and m.span.exact and m.span.start in p.PAYOUT_DATES:
                continue  # "2월 19일은 누구예요?": one of the program's payout dates
        roles.append((m, role, _listed(text[m.end : next_start]) if next_start is not None else False))

    for k in range(len(roles) - 2, -1, -1):  # a listed date takes the role of the date it is listed with
        m, role, listed = roles[k]
        if role is None and listed and roles[k + 1][1] is not None:
            roles[k] = (m, roles[k + 1][1], listed)
    named_termination = any(r is not None and r[0] == "termination_kind" for _, r, _l in roles)
    terminations = []  # (mention, span) of every termination date (one per line in a family story)
    applications = []
    # Named dates first: a date no word names is read in the light of them.
    for m, role, listed in sorted(roles, key=lambda item: item[1] is None):
        if role is None:
            undated = [e.kind for e in f["events"] if e.on is None]
            if undated and (named_termination or "termination_type" not in f):
                role = ("contract_event", {"value": undated[0]})
            elif named_termination and not listed:
                continue  # context ("작년 여름이었는데 …"): another date is the termination
            elif _VAGUE_TIME.fullmatch(m.text):
                continue  # "지난달에 중고 거래를 했는데", "last week": a time of the story, no date of the line
            elif _TIME_OF_ASKING.fullmatch(m.text.strip()) or (
                _ENGLISH_ONLY.fullmatch(text) and _TODAY_EN.fullmatch(m.text.strip())
            ):
                continue  # "오늘 밤까지 돼요?", "tonight": when the customer asks, no date of the line
            elif (
                _ENGLISH_ONLY.fullmatch(text)
                and len(text.split()) >= _ENGLISH_SENTENCE
                and not _ENGLISH_CORRECTION.search(text)
            ):
                continue  # "I was abroad all of January": a sentence names a line's date by its verb
            else:
                role = ("termination_kind", None)
        name, entity = role
        if name == "payout":
            continue  # the customer names a payout date: the question is which case it is for
        if name == "application":
            if m.tense == FUTURE and m.span.end < today:
                continue  # "어제 신청하려다 못 했어요": a plan for a day gone by is an attempt, no application
            span = _in_application_year(m.span)
            applications.append((m.start, span))
            if "applied_on" not in f:
                f["applied_on"] = span
                out.planned_application = m.tense == FUTURE
                if not out.planned_application and f.get("applied") is not False:
                    f["applied"] = True
        elif name == "joined":
            f.setdefault("joined_on", m.span)
        elif name == "rejoin":
            f.setdefault("rejoined", True)
        elif name == "contract_event":
            kind = entity["value"]
            for j, e in enumerate(f["events"]):
                if e.kind == kind and e.on is None:
                    f["events"][j] = ContractEvent(kind, m.span)
                    break
            else:
                if kind not in [e.kind for e in f["events"]]:
                    f["events"].append(ContractEvent(kind, m.span))
            if kind == "new":
                f.setdefault("joined_on", m.span)
        elif not (entity is not None and _negated(text, entity["end"])):
            terminations.append((m, m.span))
    if not terminations:
        return
    terminations.sort(key=lambda t: t[0].start)
    applications = [span for _, span in sorted(applications, key=lambda a: a[0])]
    applied = f.get("applied_on")
    spans = []
    for m, span in terminations:
        # "11월 해지, 1/31 신청": a termination said without a year comes before the application.
        if span is not None and applied is not None and span.start > applied.end and not _year_said(text, m):
            span = _year_back(span)
            if span.end < p.RETRO_START or span.start > p.WAIVER_END:
                # The year guessed back would refuse the waiver: the roles or the year may be misread,
                # so ask rather than decide.
                out.date_error = KoreanDateError("date_roles_uncertain", ROLES_UNCERTAIN)
                return
        spans.append(span)
    f["terminated_on"] = spans[0]
    f["status"] = "terminated"
    if len(spans) == 1 and len(applications) > 1:  # "저는 1월 18일에, 딸은 1월 19일에 신청"
        out.other_lines = tuple((spans[0], a) for a in applications[1:])
        return
    out.other_lines = tuple(
        (span, applications[k + 1] if len(applications) == len(spans) else _shared(applications))
        for k, span in enumerate(spans[1:])
    )


# A month or a week named by its relation to today is the time of whatever the customer tells; it
# dates the line only with a word that says so ("지난달 말에 해지했어요").
_ASKED_DAY = re.compile(r"\s*(?:이|가|은|는)?\s*(?:언제|며칠|몇\s*일|무슨\s*요일)")
# "11월 30일까지였던 면제", "12월 31일부터 면제 기간": a day of a programme the customer cites, not of the line.
_A_PROGRAMS_DAY = re.compile(
    r"\s*(?:까지|부터)\s*(?:였던|이던|인|이었던|였는데|인데|였다는|라던)?\s*(?:그\s*|그\s*때\s*|이전\s*)?"
    r"(?:면제|혜택|기간|프로그램|보상|이벤트)"
)
# "설 전엔 못 받아요?", "추석 지나서 들어와요?": a day the payout is weighed against, not a date of the line.
_AROUND_THE_PAYOUT = re.compile(
    r"\s*(?:이|가|은|는|을|를)?\s*(?:전|이전|前|후|뒤|이후|지나서|지나고|지나야|넘어서|까지|쇠고(?:\s*나서)?|쇤\s*(?:뒤|후|다음))"
    r"\s*(?:에|엔|에는|이라도|쯤|야)?\s*"
    r"[^.?!\n]{0,10}?(?:받|들어|입금|지급|나오|나와|줘요|주나|주는|줄까|와요|오나|올까|돼요\?)"
)
# "설 연휴 때문에 입금이 밀리나요?", "설 명절 다 지나야 주는 거죠?": a holiday in a question about the money's
# arrival is a day the wait is weighed against, not a day the line ended; said as what it was
# ("크리스마스였어요") it is still a date told.
_MONEY_ARRIVES = re.compile(
    r"입금|지급|들어오|들어와|들어올|받[는나을아으]|[주준줄줘](?:[는나니냐겠][요데가]?|다)|밀리|밀려|늦어|늦게|미뤄"
)
_TOLD_AS_WHAT_IT_WAS = re.compile(
    r"^\s*(?:이었|였|이에요|예요|이요|요|이고|였고)"
    r"|^[^,.?!]{0,16}?(?:해지|번호\s*이동|신청|옮기|옮겼|옮긴|나갔|나간|나왔|갈아|이동했|바꿨|끊)"
)


def _a_holiday_waited_on(text: str, m) -> bool:
    return (
        is_holiday(m, text)
        and bool(_MONEY_ARRIVES.search(text))
        and not _TOLD_AS_WHAT_IT_WAS.match(text[m.end :])
    )


# "오늘 밤", "tonight", "this evening": the time the customer asks at; with no word of the line's
# own it is never the termination (in English, "today" neither: English names a date by its verb).
_TIME_OF_ASKING = re.compile(
    r"오늘\s*(?:밤|저녁)|tonight|this\s+(?:evening|afternoon|morning)", re.IGNORECASE
)
_TODAY_EN = re.compile(r"today|now", re.IGNORECASE)
# Words from which an English message is a sentence, not a bare answer ("Jan 6", "on the 6th of Jan").
_ENGLISH_SENTENCE = 6
# "Sorry, I meant January 5, not December 5": a date said again in place of one told before; it takes
# the corrected date's role (the sentence has no verb of its own for it).
_ENGLISH_CORRECTION = re.compile(
    r"\b(?:i\s+meant|i\s+mean|my\s+(?:mistake|bad)|correction|i\s+was\s+wrong|(?:it|that)\s+was\s+actually"
    r"|scratch\s+that|instead)\b"
    r"|,?\s*not\s+(?:on\s+)?(?:the\s+)?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)
_VAGUE_TIME = re.compile(
    r"(?:(?:지난|저번|이번|다음|이|전)\s*(?:달|주)|담주)(?:\s*(?:초순|초반|초|중순|중반|하순|후반|말일|말))?"
    r"|(?:last|this|next)\s+(?:week|month)",
    re.IGNORECASE,
)


# "남편은 12월 3일에, 저는 1월 6일에 해지했고": dates listed side by side share the verb that follows.
_LISTED = re.compile(
    r"^\s*(?:에|이요|요|이고)?\s*[,·]\s*(?:[가-힣A-Za-z]{0,3}[가-힣A-Za-z](?<![고서데면])\s*){0,2}$"
)


ROLES_UNCERTAIN = (
    "해지한 날이 환급 신청한 날보다 뒤로 읽혀서, 어느 날짜가 무엇인지 확인이 필요해요. 해지(번호이동)한 날과 "
    "환급 신청한 날을 연도와 함께 각각 알려 주세요."
)


def _listed(gap: str) -> bool:
    return bool(_LISTED.match(gap))


# "지금 해지하면", "오늘 번이하면", "첫날 바로 신청하면": a plan dated by a word, not a date.
_NOW = re.compile(
    r"(?<![가-힣])(?P<when>지금|오늘|당장|시방|첫날|첫\s*날)\s*(?:바로\s*)?(?:(?P<leave>해지|번호\s*이동|번이|옮기|옮겨|갈아타)"
    r"|(?P<apply>신청|apply))\S{0,2}\s*(?:하면|해도|하면요|할\s*경우|할게|하려|하면은|면|하믄|하문|허믄)"
)


_APPLIED_PAST = re.compile(
    r"\S{0,2}\s*(?:을|를|은|는|도|까지|서류)?\s*(?:했|하였|넣었|접수했|마쳤|끝냈|해\s*놨|해\s*뒀|해\s*놓았)"
)
# "신청은 첫날 오전에 했어요", "첫날 바로 매장 가서 신청했죠": the first application day, done.
_FIRST_DAY = re.compile(r"(?<![가-힣])첫\s*날")
_PAST_IN_CLAUSE = re.compile(r"했|됐|었|였|넣었|냈")


def _read_first_day(text: str, today: date, f: dict) -> None:
    if "applied_on" in f or today < p.APPLY_START:
        return
    for m in _FIRST_DAY.finditer(text):
        start = max((b.end() for b in _CLAUSE_BREAK.finditer(text, 0, m.start())), default=0)
        end = next(
            (b.start() for b in _CLAUSE_BREAK.finditer(text, m.end()) if b.group() != "는데"), len(text)
        )
        clause = text[start:end]
        if (
            _APPLY.search(clause)
            and _PAST_IN_CLAUSE.search(text[m.end() : end])
            and not _LEAVE_WORD.search(clause)
        ):
            f["applied_on"] = DateSpan(p.APPLY_START, p.APPLY_START)
            f["applied"] = True
            return


_LEAVE_WORD = re.compile(r"해지|번호\s*이동|번이|옮|갈아|나갔|끊")


def _read_now(text: str, today: date, f: dict, out: CaseFacts) -> None:
    _read_first_day(text, today, f)
    for m in _NOW.finditer(text):
        first_day = m.group("when").replace(" ", "") == "첫날"
        if m.group("apply") and "applied_on" not in f:
            on = p.APPLY_START if first_day else today
            f["applied_on"] = DateSpan(on, on)
            out.planned_application = True
        elif m.group("leave") and not first_day and "terminated_on" not in f and f.get("status") != "active":
            f["terminated_on"] = DateSpan(today, today)
            f["status"] = "terminated"
            f.setdefault("termination_type", "cancel" if m.group("leave") == "해지" else "port_out")


def _shared(applications):
    """ "모두 같은 날 신청": one application date for every line."""
    return applications[0] if len(applications) == 1 else None


def _year_back(span: DateSpan) -> DateSpan:
    try:
        return DateSpan(
            span.start.replace(year=span.start.year - 1), span.end.replace(year=span.end.year - 1)
        )
    except ValueError:  # 2월 29일
        return span
