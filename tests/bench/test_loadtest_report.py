"""The load test's verdict: which outcomes pass, which fail, what the report says."""

from bench.loadtest_report import (
    PROBLEM_JSON,
    Answer,
    checks,
    exit_status,
    percentile,
    render,
)

PLACES = 3


def booked(reference: str, status: str) -> Answer:
    return Answer(
        status=201,
        content_type="application/json",
        body={"reference": reference, "status": status},
        seconds=0.05,
    )


def refused(code: str = "already_booked", status: int = 409) -> Answer:
    return Answer(
        status=status,
        content_type=PROBLEM_JSON,
        body={"status": status, "code": code, "detail": "No."},
        seconds=0.01,
    )


def database(bookings: dict[str, str], jobs: list[str] | None = None) -> dict:
    """Return a `state` as bench.loadtest_db prints it: booking ids 1..n in order."""
    ids = list(range(1, len(bookings) + 1))
    statuses = ["SUCCESSFUL"] * len(ids) if jobs is None else jobs
    return {
        "capacity": PLACES,
        "confirmed_seats": sum(s == "confirmed" for s in bookings.values()),
        "bookings": [
            {"reference": ref, "status": status} for ref, status in bookings.items()
        ],
        "booking_ids": ids,
        "jobs": [
            {"booking": booking, "status": status}
            for booking, status in zip(ids, statuses, strict=False)
        ],
        "waited_seconds": 1.0,
    }


# Five attempts for three places: three confirmed, two waitlisted (the service's rule
# when an event is full), every one answered 201.
ANSWERS = [
    booked("A", "confirmed"),
    booked("B", "confirmed"),
    booked("C", "confirmed"),
    booked("D", "waitlisted"),
    booked("E", "waitlisted"),
]
DATABASE = {
    "A": "confirmed",
    "B": "confirmed",
    "C": "confirmed",
    "D": "waitlisted",
    "E": "waitlisted",
}
TRAFFIC = {"/": [Answer(200, seconds=0.01)], "/api/v1/events/": [Answer(200)]}


def verdict(answers=ANSWERS, state=None, traffic=TRAFFIC, attempts=5):
    made = checks(
        bookings=answers,
        traffic=traffic,
        state=state or database(DATABASE),
        attempts=attempts,
        places=PLACES,
    )
    return made


def failed(made) -> list[str]:
    return [check.name for check in made if not check.passed]


def test_a_full_event_with_a_waitlist_and_drained_jobs_passes():
    made = verdict()
    assert failed(made) == []
    assert exit_status(made) == 0


def test_a_single_5xx_anywhere_fails_the_run():
    traffic = {**TRAFFIC, "/news/": [Answer(200), Answer(502)]}
    made = verdict(traffic=traffic)
    assert failed(made) == ["no 5xx, every request answered"]
    assert exit_status(made) == 1


def test_a_request_without_an_answer_fails_the_run():
    traffic = {"/": [Answer(None, error="ConnectionResetError: reset")]}
    made = verdict(traffic=traffic)
    assert failed(made) == ["no 5xx, every request answered"]
    assert "ConnectionResetError" in made[0].detail


def test_an_overbooked_event_fails():
    state = database({**DATABASE, "D": "confirmed"})
    answers = [*ANSWERS[:3], booked("D", "confirmed"), ANSWERS[4]]
    made = verdict(answers=answers, state=state)
    assert "exactly 3 bookings confirmed in the database" in failed(made)


def test_answers_that_disagree_with_the_database_fail():
    # The API said D was confirmed, the database waitlisted it.
    answers = [*ANSWERS[:3], booked("D", "confirmed"), ANSWERS[4]]
    made = verdict(answers=answers)
    assert failed(made) == ["the API's answers agree with the database"]


def test_a_booking_in_the_database_nobody_was_told_about_fails():
    state = database({**DATABASE, "F": "waitlisted"})
    made = verdict(state=state)
    assert "the API's answers agree with the database" in failed(made)


def test_clear_refusals_pass_and_an_html_error_page_does_not():
    answers = [*ANSWERS[:3], refused("event_full"), refused("event_full")]
    state = database({"A": "confirmed", "B": "confirmed", "C": "confirmed"})
    made = verdict(answers=answers, state=state)
    assert failed(made) == []
    assert "refused: {'event_full': 2}" in made[2].detail

    html = Answer(status=400, content_type="text/html", body=None)
    made = verdict(answers=[*ANSWERS[:3], html, refused()], state=state)
    assert failed(made) == ["every refusal is a clear 4xx (problem+json with a code)"]


def test_an_email_job_still_waiting_or_failed_or_missing_fails():
    for jobs in (
        ["SUCCESSFUL"] * 4 + ["READY"],
        ["SUCCESSFUL"] * 4 + ["FAILED"],
        ["SUCCESSFUL"] * 4,
    ):
        made = verdict(state=database(DATABASE, jobs=jobs))
        assert failed(made) == ["every email job the bookings enqueued has finished"]


def test_the_report_lists_every_check_and_the_verdict():
    made = verdict()
    text = render(
        made,
        bookings=ANSWERS,
        traffic=TRAFFIC,
        figures={
            "webs": 2,
            "workers": 2,
            "attempts": 5,
            "places": PLACES,
            "traffic_threads": 4,
            "burst_seconds": 1.5,
            "traffic_seconds": 5.0,
            "total_seconds": 30.0,
            "timeout": 120,
        },
    )
    assert text.count("PASS  ") == len(made)
    assert "5 answers in 1.5 s" in text
    assert "/api/v1/events/: 1 (0.2/s; 200: 1)" in text
    assert text.endswith("Load test passed.")


def test_percentile_is_nearest_rank():
    assert percentile([], 99) == 0.0
    assert percentile([5.0], 50) == 5.0
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
