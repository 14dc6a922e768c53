"""The worker loop: django-tasks-db's, running each job under its request's id."""

from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker

from apps.jobs.selectors import job_request_id
from config.request_id import request_id_var


class Worker(DatabaseWorker):
    def run_task(self, db_task_result) -> None:
        token = request_id_var.set(job_request_id(db_task_result.id))
        try:
            super().run_task(db_task_result)
        finally:
            request_id_var.reset(token)
