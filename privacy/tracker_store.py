"""SQL tracker store that masks personal data before it is written or streamed.

The running turn keeps the clear text in memory (the actions need it); what is stored, and
therefore what later turns, the HTTP API, the operators' report and an event broker see, is
masked (privacy/event_masking.py). Rasa's own ``save`` streams the clear events to a configured
event broker; this one streams the masked ones instead.
"""

import json
import logging

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.orm import sessionmaker

from privacy.event_masking import mask_event, verification_states
from privacy.log_filter import install_log_masking
from subscriber_db.sqlite import pooled_sqlite_engine

logger = logging.getLogger(__name__)


class MaskingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = pooled_sqlite_engine(url)
            self.sessionmaker = sessionmaker(bind=self.engine)
        self.engine.hide_parameters = True  # a failed write never puts event data into a traceback
        install_log_masking()

    async def save(self, tracker: DialogueStateTracker) -> None:
        events = list(tracker.events)
        with self.session_scope() as session:
            stored = self._event_query(
                session, tracker.sender_id, fetch_events_from_all_sessions=False
            ).count()
            new = []
            for index, verifying in enumerate(verification_states(events)):
                if index >= stored:
                    new.append((events[index], mask_event(events[index].as_dict(), verifying)))
            for event, data in new:
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
        if self.event_broker is not None:
            for _, data in new:  # the same masked events, in order, after they are stored
                self.event_broker.publish({"sender_id": tracker.sender_id, **data})
