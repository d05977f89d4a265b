"""The three doors into the same conversation: web chat, KakaoTalk skill, agents' lookup.

One small Rasa ``InputChannel`` per door (see rasa/core/channels/); listed in credentials.yml.
"""
