"""The Korean reading: NLU components for Rasa (tokenizer on the Kiwi morphological analyser, entities),
the date and story readers, and the reading of one message (reading.py, words in data/lexicon/)."""
