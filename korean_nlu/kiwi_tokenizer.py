"""A Rasa tokenizer for Korean on kiwipiepy (pip-installed, model included; no downloads).

Rasa's WhitespaceTokenizer drops Hangul (its emoji regex covers U+AC00–D7A3), and spacing
is optional in chat Korean ("위약금면제대상인가요"). Kiwi splits into morphemes; tokens
keep the *surface* text and its true offsets so entity spans align, and carry Kiwi's
normalised form as the lemma. Overlapping morphemes (a contracted ending such as
"인가요" → 이 + ㄴ가요) are merged into one surface token.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

# Domain words Kiwi would otherwise split or mis-tag, with common chat abbreviations.
USER_WORDS = (
    ("위약금", "NNG"), ("번호이동", "NNG"), ("번이", "NNG"), ("기기변경", "NNG"), ("기변", "NNG"),
    ("재약정", "NNG"), ("직권해지", "NNG"), ("알뜰폰", "NNG"), ("환급금", "NNG"), ("환급", "NNG"),
    ("지급일", "NNG"), ("보답", "NNG"), ("티빙", "NNP"), ("디즈니플러스", "NNP"), ("로밍", "NNG"),
)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class KiwiTokenizer(Tokenizer):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
            # Kiwi's typo model ("basic" fixes common jamo slips); None turns it off.
            "typos": None,
        }

    @staticmethod
    def supported_languages() -> Optional[List[Text]]:
        return ["ko"]

    @staticmethod
    def required_packages() -> List[Text]:
        return ["kiwipiepy"]

    def __init__(self, config: Dict[Text, Any]) -> None:
        super().__init__(config)
        from kiwipiepy import Kiwi

        self._kiwi = Kiwi(typos=config.get("typos"))
        for word, tag in USER_WORDS:
            self._kiwi.add_user_word(word, tag)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "KiwiTokenizer":
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute) or ""
        return self._apply_token_pattern(surface_tokens(self._kiwi, text))


def surface_tokens(kiwi, text: str) -> List[Token]:
    """Kiwi morphemes → Rasa tokens over the original characters, overlaps merged."""
    tokens: List[Token] = []
    for morph in kiwi.tokenize(text):
        start, end = morph.start, morph.start + morph.len
        if tokens and start < tokens[-1].end:
            last = tokens[-1]
            new_end = max(last.end, end)
            tokens[-1] = Token(text[last.start:new_end], last.start, new_end, lemma=text[last.start:new_end])
            continue
        if end > start:
            tokens.append(Token(text[start:end], start, end, lemma=morph.form))
    return tokens
