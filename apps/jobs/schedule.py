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
        name="recover_lost_jobs",
        cron="* * * * *",
        task="apps.jobs.tasks.recover_lost_jobs",
        why="Idle workers already put back jobs of dead workers; this covers a "
        "formation whose workers are all busy. High priority, so it is not stuck "
        "behind the backlog it rescues.",
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
    RecurringJob(
        name="prune_idempotency_keys",
        cron="27 3 * * *",
        task="apps.api.tasks.prune_expired_idempotency_keys",
        why="A stored Idempotency-Key answer only matters while a client may still "
        "retry (24 hours); without pruning the table grows with every booking.",
    ),
    RecurringJob(
        name="prune_expired_api_tokens",
        cron="32 3 * * *",
        task="apps.api.tasks.prune_expired_api_tokens",
        why="Expired API tokens are refused when presented but not deleted then "
        "(reading all of a user's tokens on every request to find them would cost "
        "a query each time); this deletes them.",
    ),
    RecurringJob(
        name="clear_expired_sessions",
        cron="37 3 * * *",
        task="apps.jobs.tasks.clear_expired_sessions",
        why="Django never deletes expired database sessions by itself.",
    ),
    RecurringJob(
        name="update_search_index",
        cron="47 4 * * 0",
        task="apps.jobs.tasks.update_search_index",
        why="Saves keep Wagtail's index current through signals; a weekly full "
        "rebuild, at the quietest hour, repairs what bypassed them (bulk updates, "
        "restored backups, raw SQL). Weekly, as it reads every indexed row.",
    ),
]
