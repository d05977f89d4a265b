"""What the people who run the bot see: a conversation report, the unanswered inbox, and the
way back into training data.

Reads the conversation store (Rasa's SQL tracker store, table ``events``) and never writes to
it: the engine is opened read-only (SQLite ``mode=ro``, PostgreSQL read-only transactions).
Labels chosen in the inbox and the audit of every access live in the subscriber database.

- ``store``: where the conversation store is, the read-only engine, the per-turn SQL query
- ``figures``: the report's numbers from the turns (pure) and its CSV rows
- ``charts``: server-side SVG (daily stacked bars by answer kind, the fallback-rate line)
- ``inbox``: unanswered messages, masked, grouped by similarity (Kiwi lemmas + TF-IDF)
- ``names``: the masking the inbox adds to the store's (names, e-mail, account numbers)
- ``export``: labelled inbox messages as a Rasa NLU YAML file for review
- ``auth``: the operators' bearer tokens (``role: ops``, their own secret)
- ``service``: what the page and the CLI share (one cache, one audit)
- ``cli``: ``make report``, ``make inbox-export``, ``make ops-token``
- ``sample_store``: generated conversation stores that follow the contract (tests, benchmark)
"""
