"""One log line per database outage, not a traceback per request.

While the database is unreachable every request fails the same way, and Django logs
each one with a full traceback (thousands a minute). This filter, on the
django.request logger, lets the first failure of an outage through as one line and
drops the others for OUTAGE_LOG_INTERVAL seconds; the requests themselves are answered
503 with Retry-After by handler500 (apps/api/problems.py)."""

import logging
import threading
import time

OUTAGE_LOG_INTERVAL = 60.0


class DatabaseOutageFilter(logging.Filter):
    def __init__(self, name=""):
        super().__init__(name)
        self._lock = threading.Lock()
        self._last_logged = float("-inf")
        self._dropped = 0

    def filter(self, record: logging.LogRecord) -> bool:
        # Imported here: logging is configured before the apps are loaded.
        from apps.api.problems import DATABASE_UNAVAILABLE

        exc = record.exc_info[1] if record.exc_info else None
        if not isinstance(exc, DATABASE_UNAVAILABLE):
            return True
        with self._lock:
            now = time.monotonic()
            if now - self._last_logged < OUTAGE_LOG_INTERVAL:
                self._dropped += 1
                return False
            dropped, self._dropped, self._last_logged = self._dropped, 0, now
        record.msg = "Database unavailable, answering 503: %s: %s (%d more since)"
        record.args = (type(exc).__name__, str(exc).strip(), dropped)
        record.exc_info = None
        record.exc_text = None
        return True
