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

from korean_nlu.kiwi import shared_kiwi, surface_tokens


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class KiwiTokenizer(Tokenizer):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The component's default config (Rasa merges config.yml over it)."""
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
        """Korean only: config.yml must say ``language: ko``."""
        return ["ko"]

    @staticmethod
    def required_packages() -> List[Text]:
        """Python packages Rasa checks before it builds the graph."""
        return ["kiwipiepy"]

    def __init__(self, config: Dict[Text, Any]) -> None:
        """One Kiwi per component (loading it takes ~1 s), with the program's words added."""
        super().__init__(config)
        self._kiwi = shared_kiwi(config.get("typos"))  # one per process (the operators' inbox uses it too)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "KiwiTokenizer":
        """Called by Rasa's graph; the tokenizer is not trainable, so nothing is persisted."""
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        """Surface tokens with their true offsets and Kiwi's lemma, for one attribute of a message."""
        text = message.get(attribute) or ""
        return self._apply_token_pattern(
            [
                Token(text, start, end, lemma=lemma)
                for text, start, end, lemma in surface_tokens(self._kiwi, text)
            ]
        )
