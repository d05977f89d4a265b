"""spaCy hosting for the Korean pipeline: the Kiwi tokenizer and an entity component.

Registered through spaCy's entry points (pyproject.toml) so that ``spacy.load`` of the
pipeline built by ``build_pipeline`` (a blank "ko" model, no downloads) works inside Rasa's
SpacyNLP / SpacyTokenizer / SpacyEntityExtractor. Entities come from the same
``entity_patterns.find_entities`` as the plain Rasa component, so the two pipelines differ
only in how Rasa is wired, which is what the comparison in bench/nlu_compare.py measures.
"""

from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

import settings
from korean_nlu.entity_patterns import find_entities
from korean_nlu.kiwi import USER_WORDS, surface_tokens


class KiwiSpacyTokenizer:
    def __init__(self, vocab):
        from kiwipiepy import Kiwi

        self.vocab = vocab
        self._kiwi = Kiwi()
        for word, tag in USER_WORDS:
            self._kiwi.add_user_word(word, tag)

    def __call__(self, text: str) -> Doc:
        words, spaces, lemmas, end = [], [], [], 0
        for surface, start, stop, lemma in surface_tokens(self._kiwi, text) + [
            ("", len(text), len(text), "")
        ]:
            gap = text[end:start]
            if gap and words and gap[0] == " ":  # spaCy keeps one space on the token before it
                spaces[-1], gap = True, gap[1:]
            if gap:  # more whitespace, or characters Kiwi skipped: a token of their own
                words.append(gap)
                spaces.append(False)
                lemmas.append(gap)
            if surface:
                words.append(surface)
                spaces.append(False)
                lemmas.append(lemma)
            end = stop
        return Doc(self.vocab, words=words, spaces=spaces, lemmas=lemmas)

    # The tokenizer has no state of its own to save: Kiwi's model ships with kiwipiepy.
    def to_disk(self, path, **kwargs):
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, **kwargs):
        return self

    def to_bytes(self, **kwargs):
        return b""

    def from_bytes(self, data, **kwargs):
        return self


def create_kiwi_tokenizer():
    """spacy_tokenizers entry point: kiwi_tokenizer.v1."""

    def make(nlp):
        return KiwiSpacyTokenizer(nlp.vocab)

    return make


class KoreanEntities:
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for e in find_entities(doc.text):
            span = doc.char_span(e["start"], e["end"], label=e["entity"], alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.ents = filter_spans(spans)
        return doc


@Language.factory("korean_entities")
def make_korean_entities(nlp, name):
    return KoreanEntities()


def build_pipeline(path: Optional[Path] = None) -> Path:
    """A blank Korean spaCy model with our tokenizer and entities, written to ``path`` (var/spacy_ko)."""
    import spacy

    path = path or settings.current().spacy_model_dir
    nlp = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "kiwi_tokenizer.v1"}}})
    nlp.add_pipe("korean_entities")
    nlp.to_disk(path)
    return path


if __name__ == "__main__":
    print(build_pipeline())
