"""A small HTTP load generator for fault tests: keep-alive clients and clients that
open a new connection per request, counting answers, 5xx and connection resets."""

import http.client
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

# A request that never got an answer because the connection was reset or closed
# mid-request: what a visitor sees as a broken page.
RESET_ERRORS = (
    ConnectionResetError,
    BrokenPipeError,
    http.client.RemoteDisconnected,
    http.client.IncompleteRead,
    http.client.BadStatusLine,
)


@dataclass
class LoadFigures:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    resets: int = 0
    # Resets and timeouts of connections opened after `Load.mark_stop()`: a process
    # that is stopping loses those it had not yet accepted, and a replacement answers
    # only once it has booted; a router no longer sends them to a stopping process.
    late_failures: int = 0
    refused: int = 0  # no listener (after a stop): the router would send elsewhere
    timeouts: int = 0
    closes_announced: int = 0  # answers carrying "Connection: close"

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


class Load:
    """Threads sending GET `path` in a loop until stopped."""

    def __init__(
        self,
        host: str,
        port: int,
        path: str,
        *,
        keep_alive_clients: int = 8,
        new_connection_clients: int = 8,
        timeout: float = 10.0,
    ):
        self.host, self.port, self.path, self.timeout = host, port, path, timeout
        self.figures = LoadFigures()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.stop_marked_at = float("inf")
        self._threads = [
            threading.Thread(target=self._client, args=(True,), daemon=True)
            for _ in range(keep_alive_clients)
        ] + [
            threading.Thread(target=self._client, args=(False,), daemon=True)
            for _ in range(new_connection_clients)
        ]

    def __enter__(self) -> "Load":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def mark_stop(self) -> None:
        """Note that the server is being told to stop now."""
        self.stop_marked_at = time.monotonic()

    def stop(self) -> LoadFigures:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=self.timeout + 5)
        return self.figures

    def _count(self, **outcome) -> None:
        with self._lock:
            self.figures.requests += 1
            for name, value in outcome.items():
                if name == "status":
                    self.figures.statuses[value] += 1
                else:
                    setattr(self.figures, name, getattr(self.figures, name) + value)

    def _client(self, keep_alive: bool) -> None:
        connection = None
        while not self._stop.is_set():
            if connection is None:
                connection = http.client.HTTPConnection(
                    self.host, self.port, timeout=self.timeout
                )
                opened_at = time.monotonic()
            try:
                connection.request(
                    "GET",
                    self.path,
                    headers={} if keep_alive else {"Connection": "close"},
                )
                response = connection.getresponse()
                response.read()
            except ConnectionRefusedError:
                self._count(refused=1)
                connection.close()
                connection = None
                time.sleep(0.05)
                continue
            except TimeoutError:
                if opened_at > self.stop_marked_at:
                    self._count(late_failures=1)
                else:
                    self._count(timeouts=1)
                connection.close()
                connection = None
                continue
            except RESET_ERRORS:
                if opened_at > self.stop_marked_at:
                    self._count(late_failures=1)
                else:
                    self._count(resets=1)
                connection.close()
                connection = None
                continue
            closing = response.getheader("Connection", "").lower() == "close"
            self._count(status=response.status, closes_announced=int(closing))
            if closing or not keep_alive:
                connection.close()
                connection = None
        if connection is not None:
            connection.close()
