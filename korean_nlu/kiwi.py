"""Kiwi morphological analysis shared by the Rasa tokenizer and the spaCy tokenizer (no Rasa import)."""

import threading
from typing import List, Optional, Tuple

from korean_nlu.numbers import groups_of, spoken_phones

# Domain words Kiwi would otherwise split or mis-tag, with common chat abbreviations.
USER_WORDS = (
    ("위약금", "NNG"),
    ("번호이동", "NNG"),
    ("번이", "NNG"),
    ("기기변경", "NNG"),
    ("기변", "NNG"),
    ("재약정", "NNG"),
    ("직권해지", "NNG"),
    ("알뜰폰", "NNG"),
    ("환급금", "NNG"),
    ("환급", "NNG"),
    ("지급일", "NNG"),
    ("보답", "NNG"),
    ("티빙", "NNP"),
    ("디즈니플러스", "NNP"),
    ("로밍", "NNG"),
)


_lock = threading.Lock()
_shared = {}


def shared_kiwi(typos: Optional[str] = None):
    """One Kiwi per process and typo setting, with the domain words added.

    A Kiwi holds ~500 MB; the Rasa server's tokenizer and the operators' inbox (ops_report)
    share this one instead of loading two. ``tokenize`` releases the GIL and is safe to call from
    several threads at once (checked: four threads, identical results).
    """
    with _lock:
        if typos not in _shared:
            from kiwipiepy import Kiwi

            kiwi = Kiwi(typos=typos)
            for word, tag in USER_WORDS:
                kiwi.add_user_word(word, tag)
            _shared[typos] = kiwi
        return _shared[typos]


def surface_tokens(kiwi, text: str) -> List[Tuple[str, int, int, str]]:
    """Kiwi morphemes → (surface text, start, end, lemma) over the original characters.

    Overlapping morphemes (a contracted ending such as "인가요" → 이 + ㄴ가요) are merged into
    one surface token, so offsets stay true and entity spans align. A mobile number read out in
    words ("공일공 이공이오 공공공일") is one token per group of its figures ("010", "2025", "0001"),
    as a number typed in figures is in the training examples: the classifier hears a number.
    """
    return _figures_for_spoken_numbers(text, _morphemes(kiwi, text))


def _figures_for_spoken_numbers(
    text: str, tokens: List[Tuple[str, int, int, str]]
) -> List[Tuple[str, int, int, str]]:
    groups = [
        ("".join(d.digits for d in group), group[0].start, group[-1].end)
        for phone in spoken_phones(text)
        for group in groups_of(phone.digits)
    ]
    if not groups:
        return tokens
    kept = [t for t in tokens if not any(t[1] < end and start < t[2] for _, start, end in groups)]
    figures = [(digits, start, end, digits) for digits, start, end in groups]
    return sorted(kept + figures, key=lambda t: t[1])


def _morphemes(kiwi, text: str) -> List[Tuple[str, int, int, str]]:
    tokens: List[Tuple[str, int, int, str]] = []
    for morph in kiwi.tokenize(text):
        start, end = morph.start, morph.start + morph.len
        if tokens and start < tokens[-1][2]:
            last_start = tokens[-1][1]
            new_end = max(tokens[-1][2], end)
            tokens[-1] = (text[last_start:new_end], last_start, new_end, text[last_start:new_end])
            continue
        if end > start:
            tokens.append((text[start:end], start, end, morph.form))
    return tokens
