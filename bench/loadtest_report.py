"""The load test's checks and report: from the answers the clients received and the
database's state after the run, a list of passed or failed checks, a short text
report and the exit status (no Django, no I/O: unit-tested)."""

import math
from collections import Counter
from dataclasses import dataclass

PROBLEM_JSON = "application/problem+json"


@dataclass(frozen=True)
class Answer:
    """What one HTTP request got: a status, or an error if no answer came."""

    status: int | None
    content_type: str = ""
    body: dict | None = None  # the JSON document, when the answer was JSON
    error: str = ""
    seconds: float = 0.0

    @property
    def server_error(self) -> bool:
        return self.status is not None and self.status >= 500

    @property
    def booked(self) -> str | None:
        """Return the booking's status ("confirmed", "waitlisted") if one was made."""
        if self.status == 201 and self.body:
            return self.body.get("status")
        return None

    @property
    def clear_refusal(self) -> bool:
        """Return whether this is a 4xx in the API's error format, with a code."""
        return (
            self.status is not None
            and 400 <= self.status < 500
            and self.content_type.startswith(PROBLEM_JSON)
            and bool(self.body and self.body.get("code"))
        )


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


def _statuses(answers: list[Answer]) -> str:
    counts = Counter(
        str(a.status) if a.status is not None else "no answer" for a in answers
    )
    return ", ".join(f"{status}: {count}" for status, count in sorted(counts.items()))


def percentile(values: list[float], pct: float) -> float:
    """Return the nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def checks(
    *,
    bookings: list[Answer],
    traffic: dict[str, list[Answer]],
    state: dict,
    attempts: int,
    places: int,
) -> list[Check]:
    """Return the load test's checks, in the order the report lists them."""
    everything = bookings + [a for answers in traffic.values() for a in answers]
    server_errors = [a for a in everything if a.server_error]
    unanswered = [a for a in everything if a.status is None]

    db_by_status: dict[str, set[str]] = {}
    for booking in state["bookings"]:
        db_by_status.setdefault(booking["status"], set()).add(booking["reference"])
    db_confirmed = db_by_status.get("confirmed", set())
    api_by_status: dict[str, set[str]] = {}
    for answer in bookings:
        if answer.booked:
            api_by_status.setdefault(answer.booked, set()).add(
                answer.body.get("reference", "")
            )
    made = [a for a in bookings if a.booked]
    refused = [a for a in bookings if not a.booked]
    unclear = [a for a in refused if not a.clear_refusal]
    refusal_codes = Counter(a.body.get("code") for a in refused if a.clear_refusal)

    jobs = state["jobs"]
    job_statuses = Counter(job["status"] for job in jobs)
    jobs_per_booking = Counter(job["booking"] for job in jobs)
    without_job = [b for b in state["booking_ids"] if jobs_per_booking[b] == 0]

    return [
        Check(
            "no 5xx, every request answered",
            not server_errors and not unanswered,
            f"{len(everything)} requests, {len(server_errors)} 5xx, "
            f"{len(unanswered)} without an answer"
            + (f" ({unanswered[0].error})" if unanswered else ""),
        ),
        Check(
            f"exactly {places} bookings confirmed in the database",
            len(db_confirmed) == places and state["confirmed_seats"] == places,
            f"{len(db_confirmed)} confirmed bookings, event.confirmed_seats "
            f"{state['confirmed_seats']} of {state['capacity']} places, "
            + ", ".join(
                f"{len(refs)} {status}" for status, refs in sorted(db_by_status.items())
            ),
        ),
        Check(
            "the API's answers agree with the database",
            len(bookings) == attempts
            and api_by_status == db_by_status
            and len(made) == len(state["bookings"]),
            f"{attempts} attempts, {len(bookings)} answers ({_statuses(bookings)}): "
            + ", ".join(
                f"{len(refs)} {status}"
                for status, refs in sorted(api_by_status.items())
            )
            + (
                f", refused: {dict(refusal_codes)}"
                if refusal_codes
                else ", none refused"
            ),
        ),
        Check(
            "every refusal is a clear 4xx (problem+json with a code)",
            not unclear,
            f"{len(refused)} refused, {len(unclear)} unclear"
            + (f" (e.g. {unclear[0].status} {unclear[0].error})" if unclear else ""),
        ),
        Check(
            "every email job the bookings enqueued has finished",
            not without_job
            and len(jobs) == len(state["booking_ids"])
            and set(job_statuses) <= {"SUCCESSFUL"},
            f"{len(jobs)} jobs for {len(state['booking_ids'])} bookings "
            f"({dict(job_statuses) or 'none'}), {len(without_job)} bookings "
            f"without a job, waited {state.get('waited_seconds', 0)} s",
        ),
    ]


def traffic_lines(traffic: dict[str, list[Answer]], seconds: float) -> list[str]:
    """Return one line per path of the background traffic: count, statuses, p50/p99."""
    lines = []
    for path, answers in traffic.items():
        times = [a.seconds * 1000 for a in answers if a.status is not None]
        rate = len(answers) / seconds if seconds > 0 else 0.0
        lines.append(
            f"  {path}: {len(answers)} ({rate:.1f}/s; {_statuses(answers)}), "
            f"p50 {percentile(times, 50):.0f} ms, p99 {percentile(times, 99):.0f} ms"
        )
    return lines


def render(
    checks_made: list[Check],
    *,
    bookings: list[Answer],
    traffic: dict[str, list[Answer]],
    figures: dict,
) -> str:
    """Return the report: the set-up, the figures, then one line per check."""
    times = [a.seconds * 1000 for a in bookings if a.status is not None]
    lines = [
        f"Load test: {figures['webs']} web + {figures['workers']} worker processes, "
        f"{figures['attempts']} booking attempts by as many users for "
        f"{figures['places']} places, with page and API traffic "
        f"({figures['traffic_threads']} clients) on every web process",
        f"Booking burst: {len(bookings)} answers in {figures['burst_seconds']:.1f} s, "
        f"p50 {percentile(times, 50):.0f} ms, p99 {percentile(times, 99):.0f} ms, "
        f"slowest {max(times, default=0):.0f} ms",
        f"Traffic during {figures['traffic_seconds']:.1f} s:",
        *traffic_lines(traffic, figures["traffic_seconds"]),
        f"Total {figures['total_seconds']:.0f} s (timeout {figures['timeout']} s)",
        "",
    ]
    for check in checks_made:
        mark = "PASS" if check.passed else "FAIL"
        lines.append(f"{mark}  {check.name}: {check.detail}")
    lines.append("")
    lines.append("Load test passed." if exit_status(checks_made) == 0 else "FAILED.")
    return "\n".join(lines)


def exit_status(checks_made: list[Check]) -> int:
    return 0 if checks_made and all(check.passed for check in checks_made) else 1
