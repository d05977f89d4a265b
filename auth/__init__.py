"""Who may do what: shared secrets between our own processes, server-issued web conversation
ids, Rasa API tokens, and the verification guard. Pure Python; no Rasa import."""
