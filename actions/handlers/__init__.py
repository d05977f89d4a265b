"""Plain functions that answer one kind of message; the router (actions/router.py) picks one.

Each takes the ``Turn`` and the dispatcher and returns the events to apply. They import
downwards only: rules (remedy_rules), the repository (subscriber_db), rendering, and the
handler modules listed before them here: identity ← verification ← application ← personal;
agent_lookup, case, clarify, faq and fallback stand alone.
"""
