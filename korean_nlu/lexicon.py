"""The word lists of the reading (data/lexicon/*.yml), read once and compiled.

Each file holds named entries, each with a one-line comment saying what it is for:

    # "확인해 주세요", "조회": the customer asks to look at their line.
    asks_to_check: [확인, 조회, '봐\\s*주']

An entry is found in a message when any of its words (regular expressions) is. The forms:

- a list of words: ``name: [word, word]``;
- with flags: ``name: {words: [...], ignore_case: true, dot_all: true}``;
- an ordered family, first match wins: ``name: [{means: topic, words: [...]}, ...]``; an item may add
  ``then: [...]``: words that must also be found where its words start or after them (read in one pass,
  unlike a look-ahead ``(?=.*…)``, which reads the rest of the message again at every character).

``{other}`` in a word puts in the words of the entry ``other`` as written (any file): shared pieces
are written once. Regular-expression counts such as ``{0,12}`` are left alone. An entry that does not
compile, or is not of these forms, fails at import with the file and the entry named.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

FOLDER = Path(__file__).resolve().parent.parent / "data" / "lexicon"
_REFERENCE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_FLAGS = {"ignore_case": re.IGNORECASE, "dot_all": re.DOTALL}
_KEYS = {"words", "means", "then", *_FLAGS}


class LexiconError(ValueError):
    """A lexicon file that cannot be used: the message names the file and the entry."""


@dataclass(frozen=True)
class _Raw:
    file: str
    name: str
    words: Tuple[str, ...]
    flags: int
    means: Optional[str] = None
    then: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Words:
    """An item of an ordered family: its words, and the words that must follow them (``then``)."""

    pattern: re.Pattern
    then: Optional[re.Pattern] = None

    def search(self, text: str) -> Optional[int]:
        """Where the words are first found in ``text`` (with ``then`` found there or after), else None."""
        m = self.pattern.search(text)
        if m is None or (self.then is not None and self.then.search(text, m.start()) is None):
            return None
        return m.start()


@dataclass(frozen=True)
class Lexicon:
    patterns: Dict[str, re.Pattern]
    families: Dict[str, Tuple[Tuple[str, Words], ...]]
    files: Dict[str, str]  # entry → the file it is written in

    def pattern(self, name: str) -> re.Pattern:
        if name not in self.patterns:
            raise LexiconError(f"no lexicon entry '{name}' (a list of words) in {FOLDER}")
        return self.patterns[name]

    def family(self, name: str) -> Tuple[Tuple[str, Words], ...]:
        if name not in self.families:
            raise LexiconError(f"no lexicon entry '{name}' (an ordered family) in {FOLDER}")
        return self.families[name]


def _item(file: str, where: str, value) -> _Raw:
    """One list of words with its flags: a list, or a mapping with ``words``."""
    if isinstance(value, list):
        value = {"words": value}
    if not isinstance(value, dict) or "words" not in value:
        raise LexiconError(f"{file}: entry '{where}': expected a list of words or a mapping with 'words'")
    unknown = set(value) - _KEYS
    if unknown:
        raise LexiconError(f"{file}: entry '{where}': unknown key(s) {sorted(unknown)}")
    words = value["words"]
    if not isinstance(words, list) or not words:
        raise LexiconError(f"{file}: entry '{where}': 'words' must be a non-empty list")
    for w in words:
        if not isinstance(w, str) or not w:
            raise LexiconError(f"{file}: entry '{where}': {w!r} is not a word (put it in quotes: '{w}')")
    flags = 0
    for key, flag in _FLAGS.items():
        if value.get(key) is True:
            flags |= flag
        elif key in value and value[key] is not False:
            raise LexiconError(f"{file}: entry '{where}': {key} must be true or false")
    means = value.get("means")
    if means is not None and not isinstance(means, str):
        raise LexiconError(f"{file}: entry '{where}': means {means!r} must be text (put it in quotes)")
    then = value.get("then", [])
    if not isinstance(then, list) or not all(isinstance(w, str) and w for w in then):
        raise LexiconError(f"{file}: entry '{where}': 'then' must be a list of words")
    return _Raw(file, where, tuple(words), flags, means, tuple(then))


def _read(folder: Path) -> Tuple[Dict[str, _Raw], Dict[str, List[_Raw]]]:
    singles: Dict[str, _Raw] = {}
    families: Dict[str, List[_Raw]] = {}
    seen: Dict[str, str] = {}
    for path in sorted(folder.glob("*.yml")):
        file = f"data/lexicon/{path.name}"
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as e:
            raise LexiconError(f"{file}: not valid YAML: {e}") from e
        if not isinstance(content, dict):
            raise LexiconError(f"{file}: expected entries 'name: [words]' at the top level")
        for name, value in content.items():
            if name in seen:
                raise LexiconError(f"{file}: entry '{name}' is already written in {seen[name]}")
            seen[name] = file
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                family = [_item(file, f"{name}[{i}]", v) for i, v in enumerate(value)]
                for i, raw in enumerate(family):
                    if raw.means is None:
                        raise LexiconError(f"{file}: entry '{name}[{i}]': says nothing it 'means'")
                families[name] = family
            else:
                raw = _item(file, str(name), value)
                if raw.means is not None or raw.then:
                    raise LexiconError(
                        f"{file}: entry '{name}': 'means' and 'then' only in an ordered family"
                    )
                singles[name] = raw
    return singles, families


def _expand(word: str, raw: _Raw, singles: Dict[str, _Raw], path: Tuple[str, ...] = ()) -> str:
    def put(m: "re.Match[str]") -> str:
        name = m.group(1)
        if name not in singles:
            raise LexiconError(f"{raw.file}: entry '{raw.name}': {{{name}}} names no list of words")
        if name in path:
            raise LexiconError(f"{raw.file}: entry '{raw.name}': {{{name}}} refers back to itself")
        other = singles[name]
        return "|".join(_expand(w, other, singles, path + (name,)) for w in other.words)

    return _REFERENCE.sub(put, word)


def _compile(raw: _Raw, singles: Dict[str, _Raw], words_of: str = "words") -> re.Pattern:
    originals = raw.then if words_of == "then" else raw.words
    words = [_expand(w, raw, singles, (raw.name.split("[")[0],)) for w in originals]
    for original, word in zip(originals, words, strict=True):  # the word at fault, by name
        try:
            re.compile(word, raw.flags)
        except re.error as e:
            raise LexiconError(f"{raw.file}: entry '{raw.name}': {original!r} does not compile: {e}") from e
    try:
        return re.compile("|".join(words), raw.flags)
    except re.error as e:  # each word compiles alone, not together (a flag in the middle …)
        raise LexiconError(f"{raw.file}: entry '{raw.name}': the words do not compile together: {e}") from e


def load(folder: Path = FOLDER) -> Lexicon:
    """Every lexicon file of ``folder``, compiled; LexiconError names the file and entry at fault."""
    singles, families = _read(folder)
    patterns = {name: _compile(raw, singles) for name, raw in singles.items()}
    ordered = {
        name: tuple(
            (
                str(raw.means),
                Words(_compile(raw, singles), _compile(raw, singles, "then") if raw.then else None),
            )
            for raw in family
        )
        for name, family in families.items()
    }
    files = {name: raw.file for name, raw in singles.items()}
    files.update({name: family[0].file for name, family in families.items()})
    return Lexicon(patterns, ordered, files)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The bot's own lexicon, read once per process."""
    return load()
