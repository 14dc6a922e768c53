"""The load test's reads and writes of the database, run as `python -m bench.loadtest_db
<command>` in the formation's environment (so the driver, bench/loadtest.py, needs no
Django): prints one JSON result line (bench/protocol.py).

  setup   the event (LOADTEST_PLACES places, no bookings) and LOADTEST_ATTEMPTS users
          with an API token each
  state   the event's bookings and the email jobs they enqueued, after waiting (up to
          --wait seconds) for the workers to finish those jobs
"""

import argparse
import time
from datetime import timedelta

import django

from bench.protocol import print_result

EVENT_SLUG = "loadtest-event"
USER_PREFIX = "loadtest-user"
UNFINISHED = ("READY", "RUNNING")


def setup(*, attempts: int, places: int) -> dict:
    from django.utils import timezone

    from apps.events.models import Booking, Event
    from bench.fixtures import ensure_booking_users

    starts_at = timezone.now().replace(microsecond=0) + timedelta(days=7)
    event, _ = Event.objects.update_or_create(
        slug=EVENT_SLUG,
        defaults={
            "title": "Load test event",
            "summary": "Booked by `make loadtest`.",
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=2),
            "venue": "Load test hall",
            "capacity": places,
            "confirmed_seats": 0,
            "booking_opens_at": None,
            "booking_closes_at": None,
            "status": Event.Status.PUBLISHED,
        },
    )
    # A fresh start: bookings of an earlier run would answer "already booked".
    Booking.objects.filter(event=event).delete()
    # The public event cache may hold the old places left.
    from apps.events.cache import invalidate_public_events

    invalidate_public_events()
    return {
        "event": event.slug,
        "tokens": ensure_booking_users(attempts, prefix=USER_PREFIX),
        "since": timezone.now().isoformat(),
    }


def _snapshot(slug: str, since) -> dict:
    from django_tasks_db.models import DBTaskResult

    from apps.events.models import Booking, Event
    from apps.events.tasks import send_booking_email

    event = Event.objects.get(slug=slug)
    bookings = list(
        Booking.objects.filter(event=event).values("id", "reference", "status")
    )
    ids = {booking["id"] for booking in bookings}
    jobs = [
        {"booking": row["args_kwargs"]["args"][0], "status": row["status"]}
        for row in DBTaskResult.objects.filter(
            task_path=send_booking_email.module_path, enqueued_at__gte=since
        ).values("args_kwargs", "status")
        if row["args_kwargs"]["args"] and row["args_kwargs"]["args"][0] in ids
    ]
    return {
        "capacity": event.capacity,
        "confirmed_seats": event.confirmed_seats,
        "bookings": [
            {"reference": b["reference"], "status": b["status"]} for b in bookings
        ],
        "booking_ids": sorted(ids),
        "jobs": jobs,
    }


def drained(snapshot: dict) -> bool:
    """Return whether every booking's email job has been enqueued and has ended."""
    jobs = snapshot["jobs"]
    return len(jobs) >= len(snapshot["bookings"]) and not any(
        job["status"] in UNFINISHED for job in jobs
    )


def state(*, slug: str, since: str, wait: float) -> dict:
    from django.utils.dateparse import parse_datetime

    started = time.monotonic()
    since_at = parse_datetime(since)
    while True:
        snapshot = _snapshot(slug, since_at)
        waited = time.monotonic() - started
        if drained(snapshot) or waited >= wait:
            return {**snapshot, "waited_seconds": round(waited, 1)}
        time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    setup_parser = commands.add_parser("setup")
    setup_parser.add_argument("--attempts", type=int, required=True)
    setup_parser.add_argument("--places", type=int, required=True)
    state_parser = commands.add_parser("state")
    state_parser.add_argument("--event", required=True)
    state_parser.add_argument("--since", required=True)
    state_parser.add_argument("--wait", type=float, default=0)
    options = parser.parse_args()
    django.setup()
    if options.command == "setup":
        print_result(setup(attempts=options.attempts, places=options.places))
    else:
        print_result(state(slug=options.event, since=options.since, wait=options.wait))


if __name__ == "__main__":
    main()
