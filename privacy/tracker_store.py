"""SQL tracker store that masks personal data before it is written or streamed.

The running turn keeps the clear text in memory (the actions need it); what is stored, and
therefore what later turns, the HTTP API, the operators' report and an event broker see, is
masked (privacy/event_masking.py). Rasa's own ``save`` streams the clear events to a configured
event broker; this one streams the masked ones instead.
"""

import asyncio
import json
import logging
from typing import Any, Dict, List, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
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

    # The database work and the replay of a conversation's events run in a worker thread: on the
    # server's event loop they held every other request back (measured: loop lag p99 2.4 s at 50
    # conversations on PostgreSQL; runtime/responsive.py moves the model's graph likewise).
    async def save(self, tracker: DialogueStateTracker) -> None:
        events = list(tracker.events)
        new = await asyncio.get_running_loop().run_in_executor(None, self._store, tracker.sender_id, events)
        if self.event_broker is not None:
            for data in new:  # the same masked events, in order, after they are stored
                self.event_broker.publish({"sender_id": tracker.sender_id, **data})

    def _store(self, sender_id: str, events: List[Event]) -> List[Dict[str, Any]]:
        """Masks and writes the events not stored yet; returns them as stored."""
        with self.session_scope() as session:
            stored = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).count()
            new = []
            for index, verifying in enumerate(verification_states(events)):
                if index >= stored:
                    new.append((events[index], mask_event(events[index].as_dict(), verifying)))
            for event, data in new:
                session.add(
                    self.SQLEvent(
                        sender_id=sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
        return [data for _, data in new]

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        retrieve = super()._retrieve
        return await asyncio.get_running_loop().run_in_executor(
            None, lambda: _without_awaiting(retrieve(sender_id, fetch_events_from_all_sessions))
        )


def _without_awaiting(coroutine):
    """The result of a coroutine that never awaits (Rasa's SQLTrackerStore._retrieve: a query and a
    replay, written async), run to its end in the calling thread."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    coroutine.close()
    raise RuntimeError("the coroutine awaited: it cannot run outside the event loop")
