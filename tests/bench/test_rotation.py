"""Creating a booking is measured with a new user per request: the pool hands each
user out once, and wrk's script (bench/wrk.lua) sends every request of a run, and of
later runs, with a different user."""

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.run import UserPool, booking_users_needed, request_headers, run_wrk
from bench.scenarios import SCENARIOS, USERS, Scenario

BOOKING = Scenario(
    "create booking",
    "/book/",
    method="POST",
    auth=USERS,
    body='{"event": "e"}',
    headers={"Content-Type": "application/json"},
)


def pool_of(count: int, tmp_path) -> UserPool:
    return UserPool([f"t{n}" for n in range(count)], tmp_path / "users.txt")


def test_the_pool_hands_out_each_user_once_and_skips_what_a_run_used(tmp_path):
    pool = pool_of(100, tmp_path)
    assert [pool.take(), pool.take()] == [
        {"Authorization": "Token t0"},
        {"Authorization": "Token t1"},
    ]
    assert pool.wrk_environment(threads=2) == {
        "BENCH_ROTATE_FILE": str(tmp_path / "users.txt"),
        "BENCH_ROTATE_OFFSET": "2",
        "BENCH_THREADS": "2",
    }
    # wrk reports where its threads stopped; the next run starts there.
    pool.used_by_run(58)
    assert pool.next == 58
    assert not pool.exhausted
    pool.used_by_run(101)
    assert pool.exhausted
    assert (tmp_path / "users.txt").read_text().splitlines()[:2] == [
        "Authorization: Token t0",
        "Authorization: Token t1",
    ]


def test_the_pool_is_sized_for_the_longest_bench(monkeypatch):
    monkeypatch.delenv("BENCH_BOOKING_USERS", raising=False)
    for name in ("BENCH_WARMUP", "BENCH_ROUNDS", "BENCH_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    assert booking_users_needed() == 5000
    monkeypatch.setenv("BENCH_ROUNDS", "5")
    monkeypatch.setenv("BENCH_SECONDS", "10")
    assert booking_users_needed() == 500 * (1 + 5 * 10)
    monkeypatch.setenv("BENCH_BOOKING_USERS", "300")
    assert booking_users_needed() == 300


def test_a_users_scenario_probe_comes_from_an_unused_user(tmp_path):
    pool = pool_of(10, tmp_path)
    pool.take()
    headers = request_headers(BOOKING, {}, pool)
    assert headers == {"Content-Type": "application/json", "Authorization": "Token t1"}


def test_the_create_booking_row_is_measured_with_a_new_user_per_request():
    [row] = [s for s in SCENARIOS if s.name == "business API: create booking"]
    assert (row.path, row.method, row.auth) == ("/api/v1/bookings/", "POST", USERS)
    assert row.label == (
        "business API: create booking (signed-in user, a new one per request)"
    )
    assert not any(s.is_pending for s in SCENARIOS)


class _Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []
    lock = threading.Lock()

    def do_POST(self):  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        with self.lock:
            self.seen.append((self.headers["Authorization"], body))
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.skipif(shutil.which("wrk") is None, reason="needs wrk")
def test_wrk_sends_every_request_of_every_run_as_a_different_user(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("BENCH_WRK_THREADS", "2")
    monkeypatch.setenv("BENCH_CONNECTIONS", "4")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.seen = []
    pool = pool_of(50_000, tmp_path)
    url = f"http://127.0.0.1:{server.server_port}/book/"
    try:
        first = run_wrk("wrk", url, BOOKING, dict(BOOKING.headers), 1, pool)
        after_first = len(_Recorder.seen)
        second = run_wrk("wrk", url, BOOKING, dict(BOOKING.headers), 1, pool)
    finally:
        server.shutdown()
        server.server_close()

    users = [user for user, _ in _Recorder.seen]
    assert first.requests > 10 and second.requests > 10
    assert len(users) == len(set(users)), "a user was sent twice"
    assert {body for _, body in _Recorder.seen} == {'{"event": "e"}'}
    # The second run starts past every user the first one may have sent.
    first_run = {int(user.removeprefix("Token t")) for user in users[:after_first]}
    assert max(first_run) < int(pool.wrk_environment(2)["BENCH_ROTATE_OFFSET"])
    assert not pool.exhausted
