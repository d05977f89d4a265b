"""Kiwi morphological analysis shared by the Rasa tokenizer and the spaCy tokenizer (no Rasa import)."""

import threading
from typing import List, Optional, Tuple

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
    one surface token, so offsets stay true and entity spans align.
    """
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
