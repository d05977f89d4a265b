"""Korean NLU components for Rasa (tokenizer on the Kiwi morphological analyser)."""
