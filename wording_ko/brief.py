"""Answer first, then the rest (issue 22): a long answer is sent as its first sentences, the rest
behind "자세히 보기".

Every answer already opens with what was asked (the date, yes/no with the reason, the place); the
conditions and background follow. ``brief`` keeps the opening sentences that fit a budget and
leaves the rest for the details button. The [N] attribution is applied again to what is kept, so a
reported fact in the brief answer is still marked as reported, and a closing note never names a
fact the brief answer no longer states.
"""

import re
from typing import List, Optional

from wording_ko.explain import CENTRE, EXCLUSION_SHORT, NO_INFORMATION, NOT_ANNOUNCED, exclusions_short
from wording_ko.sources import attributed

# An answer up to LONG characters is sent whole; a longer one is cut to at most BRIEF characters
# (never fewer than its first sentence). Issue 22's target is a median reply of 160 characters.
LONG = 170
BRIEF = 160
# A cut that saves less than this is not worth the customer's extra tap.
SAVES_AT_LEAST = 30
DETAILS = "자세히 보기"
# A case answer up to CASE_LONG characters is sent whole; its cut is worth the button from
# CASE_SAVES_AT_LEAST characters on.
CASE_LONG = 150
CASE_SAVES_AT_LEAST = 30
_CLOSING = re.compile(r"\s*[^.!?\n]*[은는] 보도 기준이에요\.\s*$")
# A sentence ends at ". " or a line break; a list's rows ("· …") stay with their lead.
_PIECE = re.compile(r"(?<=[.!?])\s+(?=[^\s·])|\n(?!·)")


# What a question asks beyond the opening → the later sentences that answer it, kept in the short
# answer ("신청해야 돼요?" after the rewards: the sentence that says they come automatically).
_ASKS_FOR = tuple(
    (re.compile(q, re.I), re.compile(a, re.I))
    for q, a in (
        (r"신청|자동|따로|받으려|받으러|어떻게\s*받|절차|apply|automatic", r"자동|신청 없이"),
        (r"규모|총|전체|얼마|예산|cost|total|budget", r"규모|억 원|조 원"),
        (r"요금|할인|깎|discount", r"요금 할인"),
        (r"무제한|unlimited", r"무제한"),
        (r"선불|IoT|사물|워치|태블릿|세컨|prepaid|watch|tablet", r"선불|IoT|세컨드|워치|태블릿"),
        (
            r"\d+\s*(?:세|살)|나이|연세|어르신|노인|부모|아이|자녀|청소년|미성년|학생|아들|딸|엄마|아빠|어머니|아버지"
            r"|할머니|할아버지|손주|가족|age|old|son|daughter|mother|father|family|kid|child",
            r"\d+세",
        ),
        (r"못|안\s*(?:돼|되|줘|주)|제외|빠지|빠져|없|아니|불가|not|n't|exclud", r"제외|않|없어요|없고|아니"),
        (
            r"언제|언재|어디|어데|어떻게|어케|어떡|어찌|어쩌|우째|우예|방법|제휴|어느|무슨|기준|몇\s*월|몇\s*(?:%|퍼|프로)|정확|자세|구체|발표|확정|정해|나왔|유효|얼마|한도|보험사|회사"
            r"|이름|공개|이번\s*달|이월|나눠|가족|자동|방식|적용|주소|링크|가입|미만|따로|신청|다른|나머지|해지|옮기|떠나|남은|when|where|how|which|insurer|name|limit|partner"
            r"|confirm|announce|yet|official|exact|detail|month",
            r"발표되지|안내된 내용이 없|아직|고객센터|문의",
        ),
        (r"못\s*받|안\s*들어|안\s*나|여부|입금|받았|확인|check|received", r"고객센터|114"),
        (r"몇\s*(?:만\s*)?명|만\s*명|떠났|떠난|이탈|인원|사람|how many", r"\d명"),
        (r"다시\s*가입|재가입|특수|rejoin|special", r"다시 가입|재가입|특수 목적"),
        (r"지금|오늘|이제|현재|now|today", r"종료|않아요"),
        (r"봐\s*줘|봐\s*주|확인해|조회|알아봐|check", r"휴대폰 번호와 생년월일"),
        (r"지금도|남은|남아|아직|계속|유지|still", r"\d년 동안|끝났"),
        (r"계좌|통장|신분증|가족|대리|account", r"본인 명의|신분증"),
        (r"소급|이미|예전|지난|작년|retro", r"소급"),
        (r"마감|까지|기한|끝|놓치|늦|deadline|late", r"마감|까지|예외|종료|증빙"),
        (r"가입\s*(?:하려|하면|할|예정)|새로\s*가입|처음\s*가입|신규|join|sign up", r"새로 가입"),
    )
)


def asked_later(asked: str, piece: str) -> bool:
    """Whether ``piece`` answers what ``asked`` asks beyond an answer's opening (``_ASKS_FOR``)."""
    return any(q.search(asked) and a.search(piece) for q, a in _ASKS_FOR)


_UNKNOWN = re.compile(rf"(?:{NOT_ANNOUNCED}|{NO_INFORMATION})\.$")
_UNKNOWN_SAID = re.compile(rf"{NOT_ANNOUNCED}|{NO_INFORMATION}")


def sentence_pieces(text: str) -> List[str]:
    """Sentences; the customer centre stays with the sentence before it, and unknowns said together
    stay one piece (an unknown or a way out is never said without where to ask)."""
    pieces: List[str] = []
    for piece in _PIECE.split(text):
        if not piece.strip():
            continue
        if pieces and (piece.startswith(CENTRE) or (_UNKNOWN.search(pieces[-1]) and _UNKNOWN.search(piece))):
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    return pieces


# A way out that may still save the customer's refund (the late application with proof) is never
# left behind the details button.
_KEPT_ALWAYS = re.compile("증빙 서류로 신청")


def brief(text: Optional[str], asked: str = "", long: int = LONG, budget: int = BRIEF) -> Optional[str]:
    """The opening of a long answer, with any later sentence that answers what ``asked`` (the
    customer's words) asks beyond it; None when the answer is short enough to send whole."""
    if not text or len(text) <= long:
        return None
    body = _CLOSING.sub("", text)
    pieces = sentence_pieces(body)
    # an answer that leads with what is not announced keeps what is, after it
    opening = 2 if _UNKNOWN_SAID.search(pieces[0]) else 1
    kept = pieces[:opening]
    for piece in pieces[opening:]:
        if len(" ".join(kept + [piece])) > budget:
            break
        kept.append(piece)
    kept += [
        piece for piece in pieces[len(kept) :] if asked_later(asked, piece) or _KEPT_ALWAYS.search(piece)
    ]
    if len(kept) == len(pieces):
        return None  # nothing would be left for the details
    short = attributed(" ".join(kept))
    return short if len(short) <= len(text) - SAVES_AT_LEAST else None


def unsaid(text: str, said: str) -> str:
    """``text`` without the sentences ``said`` holds already (a second answer after the first: the
    late-application exception and the customer centre said once); ``text`` itself when it repeats
    none."""
    pieces = sentence_pieces(_CLOSING.sub("", text))
    fresh = [piece for piece in pieces if piece not in said]
    if len(fresh) == len(pieces):
        return text
    return attributed(" ".join(fresh)) if fresh else ""


def details_button(intent: str) -> dict:
    """The button that asks for the whole answer of the topic just answered (its own intent)."""
    return {"title": DETAILS, "payload": f"/{intent}"}


# A case answer (the customer's own dates, wording_ko.render) keeps every sentence that decides
# something; what it sends whole only behind "자세히 보기": where to apply when the customer did
# not ask where or how, and the list of exclusions in its short form when they named none.
_WHERE = re.compile(r"^신청은 [^.]*에서 (?:할 수 있어요|하면 돼요)\.$")
_EXCLUSIONS = re.compile(
    r"^(?:다음에 해당하지 않으면 위약금(?:이 면제돼요| 면제 대상이에요): [^.]*\.|"
    r"[^.]*에 해당하지 않으면 (?:위약금이 면제돼요|면제 대상이에요)\.|[^.]*[이가] 아니면 위약금이 면제돼요\.)$"
)
_ASKS_WHERE = re.compile(
    r"신청|어디|어데|어떻게|어케|어떡|방법|절차|홈페이지|온라인|매장|대리점|고객센터|전화로|뭘|무엇|뭐|해야|where|how",
    re.I,
)
# An exclusion named: the whole list stays (measured: the short list alone cost a sealed dialogue).
_NAMES_AN_EXCLUSION = re.compile(
    r"알뜰|MVNO|IoT|사물|특수|가입|개통|기변|기기|약정|미납|연체|직권|다시|세컨|워치|태블릿|선불|rejoin|prepaid",
    re.I,
)

# What the insurance covers, in an answer on someone's age: said when the question asks what it covers.
_COVERS = re.compile(r"^이 보험은 [^.]*보상해요\.$")
_ASKS_COVERS = re.compile(
    r"사기|피싱|해킹|보상|보장|커버|뭐|무엇|무슨|어떤|유지|지금도|기간|동안|언제\s*까지|몇\s*년|what|cover|how\s+long",
    re.I,
)

# The exclusions nobody has ruled out, in the words a customer knows (the details list each), said
# as a rule, not as a verdict on the customer's line.
SHORT_EXCLUSIONS = exclusions_short(EXCLUSION_SHORT) or ""


def case_brief(text: Optional[str], asked: str = "") -> Optional[str]:
    """A case answer without what the customer did not ask (where to apply) and with the
    exclusions in a few words; None when that saves too little to be worth a details button."""
    if not text or len(text) <= CASE_LONG:
        return None
    # the one question the answer ends with ("신청은 언제 하셨어요?") stays on its own line, last
    last = text.rpartition("\n")[2]
    body, question = (text[: -len(last) - 1], last) if "\n" in text and "?" in last else (text, "")
    kept: List[str] = []
    for piece in sentence_pieces(_CLOSING.sub("", body)):
        if _WHERE.match(piece) and not _ASKS_WHERE.search(asked):
            continue
        if _EXCLUSIONS.match(piece) and not _NAMES_AN_EXCLUSION.search(asked):
            piece = SHORT_EXCLUSIONS
        if _COVERS.match(piece) and not _ASKS_COVERS.search(asked):
            continue
        kept.append(piece)
    short = attributed(" ".join(kept)) + (f"\n{question}" if question else "")
    return short if len(short) <= len(text) - CASE_SAVES_AT_LEAST else None


# The payout a case answer names ("… 2026년 2월 19일에 지급될 예정이에요").
_PAYOUT_SAID = re.compile(r"((?:\d{4}년 )?\d{1,2}월 \d{1,2}일)에 지급(될 예정이었어요|될 예정이에요|돼요)")
_YEAR = re.compile(r"\d{4}년 ")
# The waiver's ground leading into the payout in one sentence (render.story_answer).
_GROUND_LEAD = re.compile(r"^[^.]*?에 들어(?: 위약금 면제 대상이고)?, ")


def asked_again(text: str, applied: bool) -> Optional[str]:
    """The payout day of a case asked again ("언제요?", "그래서 언제라고요?"): that day alone once the
    customer has applied, else the sentence with its condition ("1월 14일에 신청하면 …"); the whole
    answer stays behind "자세히 보기". None when the answer names no payout day."""
    paid = _PAYOUT_SAID.search(text)
    if paid is None:
        return None
    day = paid.group(1)
    years = _YEAR.findall(text, 0, paid.start())
    if not _YEAR.match(day) and years:  # said after a date of its year (year_once): alone, it takes it again
        day = years[-1] + day
    if applied:
        return f"{day}에 지급{paid.group(2)}."
    piece = next((piece for piece in sentence_pieces(text) if paid.group(0) in piece), None)
    if piece is None:
        return None
    piece = _GROUND_LEAD.sub("", piece, 1)  # the ground said before ("… 해지는 면제 기간(…)에 들어, ")
    if _YEAR.search(piece):
        return piece
    return piece.replace(paid.group(0), f"{day}에 지급{paid.group(2)}", 1)
