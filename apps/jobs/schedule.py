"""Every recurring job, in one place: when it runs and why."""

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class RecurringJob:
    name: str
    cron: str  # minute hour day-of-month month day-of-week, in UTC
    task: str  # dotted path to a django-tasks Task
    why: str


RECURRING_JOBS = [
    RecurringJob(
        name="publish_scheduled",
        cron="* * * * *",
        task="apps.jobs.tasks.publish_scheduled_pages",
        why="Editors schedule go-live and expiry times to the minute.",
    ),
    RecurringJob(
        name="prune_task_results",
        cron="17 3 * * *",
        task="apps.jobs.tasks.prune_task_results",
        why="Finished job rows only matter for a few days; keep the table small.",
    ),
    # Hourly, so every confirmed attendee is reminded about a day ahead; the
    # service marks each booking reminded, so overlapping runs send nothing twice.
    RecurringJob(
        name="event_reminders",
        cron="5 * * * *",
        task="apps.events.tasks.send_event_reminders",
        why="Attendees forget; a reminder a day before cuts no-shows.",
    ),
]
