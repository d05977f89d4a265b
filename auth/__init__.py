"""Who may do what, shared by the doors and the action server: the claim an authenticated door signs
(claims), shared secrets between our own processes, server-issued web conversation ids, Rasa API
tokens, and the verification guard. Pure Python; no Rasa import."""
