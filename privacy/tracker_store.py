"""SQL tracker store that masks personal data before it is written.

The running turn keeps the clear text in memory (the actions need it); what is stored, and
therefore what later turns and the HTTP API see, is masked: user texts, entity values,
parse data and slot values. While the verification form asks for a phone number or birth
date, every digit the user typed is masked, since there even "1월 1일" is personal.
"""
import json
import logging
from typing import Any, Dict

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import event as sa_event
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from privacy.log_filter import install_log_masking
from privacy.masking import mask_all_digits, mask_text, mask_value

logger = logging.getLogger(__name__)
VERIFY_FORM = "verify_form"
PERSONAL_SLOTS = ("phone", "birth_date")


def mask_event(data: Dict[str, Any], verifying: bool) -> Dict[str, Any]:
    masker = mask_all_digits if verifying else mask_text
    event = data.get("event")
    if event == "user":
        data["text"] = masker(data.get("text") or "")
        parse = data.get("parse_data") or {}
        if "text" in parse:
            parse["text"] = data["text"]
        for ent in parse.get("entities", []) or []:
            ent["value"] = mask_value(ent.get("value"), masker)
            ent.pop("text", None)
    elif event == "slot":
        data["value"] = mask_value(data.get("value"), mask_all_digits if data.get("name") in PERSONAL_SLOTS
                                   and not str(data.get("value", "")).startswith("sealed:") else mask_text)
    elif event == "bot":
        data["text"] = mask_text(data.get("text") or "")
    return data


def verification_states(events):
    """For each event: was the verification form waiting for a phone/birth date then?"""
    loop, requested = None, None
    for event in events:
        yield loop == VERIFY_FORM and requested in PERSONAL_SLOTS
        if event.type_name == "active_loop":
            loop = event.name
        elif event.type_name == "slot" and event.key == "requested_slot":
            requested = event.value


def _sqlite_pragmas(dbapi_conn, _record):
    # The embedded profile's conversation store: WAL and synchronous=NORMAL, so a commit does not
    # wait for the disk on every message (profiled: a third of the save time was the fsync).
    # A crash of Rasa loses nothing; a power loss can lose the last moment's turns, never corrupt
    # the file. Production uses PostgreSQL.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


class MaskingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # SQLAlchemy 1.4 gives a SQLite file no connection pool: every save and every
            # retrieve opened the file anew (profiled: 6 % of the Rasa server's CPU under load).
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, poolclass=QueuePool, pool_size=4,
                                           connect_args={"check_same_thread": False})
            sa_event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker = sessionmaker(bind=self.engine)
        install_log_masking()

    async def save(self, tracker: DialogueStateTracker) -> None:
        events = list(tracker.events)
        with self.session_scope() as session:
            stored = self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count()
            for index, verifying in enumerate(verification_states(events)):
                if index < stored:
                    continue
                event = events[index]
                data = mask_event(event.as_dict(), verifying)
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"),
                    data=json.dumps(data),
                ))
            session.commit()
