"""The load test's clients (standard library only): a burst of booking attempts that
all start at once (a barrier), and page and API traffic spread over every web
process until told to stop."""

import http.client
import itertools
import json
import threading
import time
import urllib.parse

from bench.loadtest_report import Answer

BOOKINGS_PATH = "/api/v1/bookings/"
# A request not answered within this long counts as unanswered (a load balancer
# would have given up on it too).
CLIENT_TIMEOUT = 60


def request(
    base_url: str,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = CLIENT_TIMEOUT,
) -> Answer:
    """Send one request on a new connection and return what came back."""
    url = urllib.parse.urlsplit(base_url)
    started = time.monotonic()
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
    except (OSError, http.client.HTTPException) as exc:
        return Answer(
            status=None,
            error=f"{type(exc).__name__}: {exc}",
            seconds=time.monotonic() - started,
        )
    finally:
        connection.close()
    content_type = response.getheader("Content-Type", "")
    document = None
    if "json" in content_type:
        try:
            document = json.loads(content)
        except ValueError:
            document = None
    return Answer(
        status=response.status,
        content_type=content_type,
        body=document if isinstance(document, dict) else None,
        seconds=time.monotonic() - started,
    )


def booking_burst(
    base_urls: list[str],
    tokens: list[str],
    event: str,
    *,
    timeout: float = CLIENT_TIMEOUT,
) -> list[Answer]:
    """Book one place at the event once per token, every attempt in its own thread,
    all released together by a barrier; attempt i goes to web process i mod n."""
    barrier = threading.Barrier(len(tokens))
    answers: list[Answer | None] = [None] * len(tokens)
    body = json.dumps({"event": event, "seats": 1}).encode()

    def attempt(number: int, token: str) -> None:
        headers = {
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        try:
            barrier.wait(timeout=timeout)
        except threading.BrokenBarrierError:
            answers[number] = Answer(status=None, error="the barrier broke")
            return
        answers[number] = request(
            base_urls[number % len(base_urls)],
            "POST",
            BOOKINGS_PATH,
            headers=headers,
            body=body,
            timeout=timeout,
        )

    threads = [
        threading.Thread(target=attempt, args=(number, token), daemon=True)
        for number, token in enumerate(tokens)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [
        answer or Answer(status=None, error="the attempt did not finish")
        for answer in answers
    ]


class BackgroundTraffic:
    """Anonymous GETs of pages and APIs, in `clients` threads, each going round the
    paths and the web processes until stop()."""

    def __init__(self, base_urls: list[str], paths: list[str], clients: int):
        self.base_urls = base_urls
        self.paths = paths
        self.clients = clients
        self.answers: dict[str, list[Answer]] = {path: [] for path in paths}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.started_at = self.stopped_at = 0.0

    def _client(self, number: int) -> None:
        # Each client starts at a different place in the round, so every path and
        # every web process is busy at once.
        pairs = itertools.cycle(
            itertools.product(range(len(self.base_urls)), self.paths)
        )
        for _ in range(number * 3):
            next(pairs)
        while not self._stop.is_set():
            server, path = next(pairs)
            answer = request(
                self.base_urls[server],
                "GET",
                path,
                headers={"Accept": "application/json, text/html"},
            )
            with self._lock:
                self.answers[path].append(answer)

    def start(self) -> None:
        self.started_at = time.monotonic()
        self._threads = [
            threading.Thread(target=self._client, args=(number,), daemon=True)
            for number in range(self.clients)
        ]
        for thread in self._threads:
            thread.start()

    def stop(self) -> dict[str, list[Answer]]:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=CLIENT_TIMEOUT + 5)
        self.stopped_at = time.monotonic()
        with self._lock:
            return {path: list(answers) for path, answers in self.answers.items()}

    @property
    def seconds(self) -> float:
        return self.stopped_at - self.started_at
