"""Custom actions (rasa_sdk). Thin: they read the tracker, ask the rules and the subscriber
repository, and speak. Run with ``rasa run actions``."""

from privacy.log_filter import install_log_masking

install_log_masking()
