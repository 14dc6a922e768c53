"""The worker loop: django-tasks-db's, plus retries, leases, recovery, a graceful stop,
and riding out database and cache outages."""

import contextlib
import logging
import random
import signal
import threading
import time
from collections.abc import Callable
from traceback import format_exception

from django.core.exceptions import SuspiciousOperation
from django.db import close_old_connections, connection, connections
from django.utils import timezone
from django_tasks_db.compat import TaskContext, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker

from apps.jobs import services
from apps.jobs.outages import CACHE_OUTAGE_ERRORS, OUTAGE_ERRORS, Outage
from config.request_id import request_id_var

logger = logging.getLogger("apps.jobs.worker")


class JobInterrupted(BaseException):
    """Raised inside a running task when the worker must stop before it ends."""


class Worker(DatabaseWorker):
    def __init__(
        self,
        *,
        lease_seconds: float = 30.0,
        grace_seconds: float = 25.0,
        min_priority: int | None = None,
        max_priority: int | None = None,
        now: Callable = timezone.now,
        rng: random.Random | None = None,
        **options,
    ):
        super().__init__(**options)
        self.lease_seconds = lease_seconds
        self.grace_seconds = grace_seconds
        self.min_priority = min_priority
        self.max_priority = max_priority
        self.now = now
        self.rng = rng
        self.cut_short = False
        self._wake = threading.Event()
        self._claim: services.Claim | None = None
        # Held while the heartbeat renews and while the job's outcome is written, so
        # that the heartbeat never renews a claim whose outcome is already written
        # (and then reports the lease lost).
        self._claim_lock = threading.Lock()
        self._in_task_call = False
        self._last_recovery = float("-inf")
        self._heartbeat_stop = threading.Event()
        self.outage = Outage(logger)
        self._task_met_outage = False

    # --- Signals: the first stops after the job in hand, a second cuts it short ---

    def configure_signals(self) -> None:
        super().configure_signals()
        signal.signal(signal.SIGALRM, self._grace_exceeded)

    def shutdown(self, signum, frame) -> None:
        if not self.running:
            logger.warning(
                "Received %s again - stopping now.", signal.strsignal(signum)
            )
            self._interrupt_task("a second stop signal")
            return
        self.running = False
        self._wake.set()
        if self.running_task:
            logger.warning(
                "Received %s - finishing the job in hand (up to %ss), then stopping.",
                signal.strsignal(signum),
                self.grace_seconds,
            )
            signal.setitimer(signal.ITIMER_REAL, self.grace_seconds)
        else:
            logger.info("Received %s - stopping.", signal.strsignal(signum))

    def _grace_exceeded(self, signum, frame) -> None:
        self._interrupt_task(f"the {self.grace_seconds}s grace period ran out")

    def _interrupt_task(self, reason: str) -> None:
        # Only the task's own code is interrupted; the worker's bookkeeping around it
        # is short and must complete.
        if self._in_task_call:
            raise JobInterrupted(reason)

    # --- The loop ---

    def run(self) -> None:
        logger.info(
            "Starting worker worker_id=%s queues=%s lease=%ss grace=%ss",
            self.worker_id,
            ",".join(self.queue_names),
            self.lease_seconds,
            self.grace_seconds,
        )
        heartbeat = threading.Thread(
            target=self._heartbeat, name="job-heartbeat", daemon=True
        )
        heartbeat.start()
        try:
            if self.startup_delay and self.interval:
                self._wake.wait(random.random())  # noqa: S311 - spreads a herd
            while self.running:
                try:
                    # Drop connections the database closed while this process waited.
                    close_old_connections()
                    ran = self.run_once()
                except OUTAGE_ERRORS as exc:
                    self._wait_out(exc)
                    continue
                if not self._task_met_outage and self.outage.recovered():
                    self._hold_off_recovery()
                self._task_met_outage = False
                if not ran:
                    if self.batch:
                        logger.info("No more jobs for worker_id=%s.", self.worker_id)
                        return
                    if self.running:
                        self._wake.wait(self.interval)
                if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                    logger.info("Ran %d jobs - stopping.", self._run_tasks)
                    return
        finally:
            self._heartbeat_stop.set()
            heartbeat.join(timeout=5)
            logger.info("Worker worker_id=%s stopped.", self.worker_id)

    def _wait_out(self, exc: BaseException) -> None:
        """Back off after a failed attempt to reach the database (or the cache);
        SIGTERM cuts the wait short."""
        with contextlib.suppress(*OUTAGE_ERRORS):
            connection.close()
        delay = self.outage.failed(exc)
        if self.running:
            self._wake.wait(delay)
        else:
            time.sleep(delay)

    def _hold_off_recovery(self) -> None:
        # Every lease lapsed while the database was down: give the other workers'
        # heartbeats one lease to renew theirs before calling their jobs lost.
        self._last_recovery = time.monotonic() + self.lease_seconds

    def _record(self, write, **kwargs):
        """Run one of the worker's own writes (a job's outcome, its release), waiting
        out a database outage: the job in hand is finished or handed back, not left
        RUNNING for its lease to expire. After a stop signal, give up once the grace
        period is over (the lease then expires and another worker runs the job)."""
        deadline = time.monotonic() + self.grace_seconds
        while True:
            try:
                with self._claim_lock:
                    result = write(**kwargs)
                    self._claim = None  # written: nothing left for the heartbeat
            except OUTAGE_ERRORS as exc:
                if not self.running and time.monotonic() > deadline:
                    logger.error(
                        "Could not record job %s's outcome before stopping; its lease "
                        "will expire and another worker will run it.",
                        kwargs["claim"].job.id,
                    )
                    return False
                self._wait_out(exc)
                continue
            if self.outage.recovered():
                self._hold_off_recovery()
            return result

    def run_once(self) -> bool:
        """Recover lost jobs when due, then run one job if one is ready; return
        whether a job ran (or was recovered)."""
        # Recovery does not wait for an idle moment: a busy formation's lost jobs
        # would otherwise wait for the backlog to drain.
        recovered = self._recover_lost_jobs()
        claim = services.job_claim(
            worker_id=self.worker_id,
            now=self.now(),
            lease_seconds=self.lease_seconds,
            backend_name=self.backend_name,
            queue_names=self.queue_names,
            excluded_queue_names=self.excluded_queue_names,
            min_priority=self.min_priority,
            max_priority=self.max_priority,
        )
        if claim is None:
            return recovered > 0
        self.run_claimed(claim)
        return True

    def _recover_lost_jobs(self) -> int:
        # Every worker looks for jobs of dead workers, a few times per lease.
        if time.monotonic() - self._last_recovery < max(1.0, self.lease_seconds / 4):
            return 0
        self._last_recovery = time.monotonic()
        return services.jobs_recover_lost(now=self.now())

    def run_claimed(self, claim: services.Claim) -> None:
        token = request_id_var.set(claim.request_id or None)
        self.running_task = True
        self._claim = claim
        try:
            if not self.running:
                # The stop signal came while this job was being claimed.
                self._record(services.job_release, claim=claim, now=self.now())
                return
            self._run_attempt(claim)
        finally:
            self._claim = None
            self.running_task = False
            self._run_tasks += 1
            request_id_var.reset(token)

    def _run_attempt(self, claim: services.Claim) -> None:
        job = claim.job
        try:
            task = job.task
            task_result = job.task_result
            backend_type = type(task.get_backend())
            task_started.send(sender=backend_type, task_result=task_result)
            args, kwargs = task_result.args, task_result.kwargs
            if task.takes_context:
                args = [TaskContext(task_result=task_result), *args]
            self._in_task_call = True
            try:
                return_value = task.call(*args, **kwargs)
            finally:
                self._in_task_call = False
                signal.setitimer(signal.ITIMER_REAL, 0)
            finished_at = self.now()
            if self._record(
                services.job_succeed,
                claim=claim,
                return_value=return_value,
                now=finished_at,
            ):
                job.status, job.finished_at = "SUCCESSFUL", finished_at
                job.return_value = return_value
                task_finished.send(sender=backend_type, task_result=job.task_result)
        except JobInterrupted as interruption:
            self.cut_short = True
            # The interruption may have landed mid-query: start from a fresh connection.
            connection.close()
            released = self._record(services.job_release, claim=claim, now=self.now())
            logger.warning(
                "Job %s cut short (%s)%s.",
                job.id,
                interruption,
                "; released for another worker" if released else "",
            )
        except OUTAGE_ERRORS as exc:
            if isinstance(exc, CACHE_OUTAGE_ERRORS) or not self._database_reachable():
                # The job did not fail, the database (or cache) under it did: hand it
                # back, the attempt not counted, and back off like the loop does.
                released = self._record(
                    services.job_release, claim=claim, now=self.now()
                )
                logger.warning(
                    "Job %s interrupted by an outage (%s)%s.",
                    job.id,
                    type(exc).__name__,
                    "; handed back to the queue" if released else "",
                )
                if isinstance(exc, CACHE_OUTAGE_ERRORS):
                    # The database is fine: without a pause, this worker would claim
                    # the job straight back while the cache is still down.
                    self._wait_out(exc)
                    self._task_met_outage = True
                return
            self._record_failure(claim, exc)
        except Exception as exc:  # noqa: BLE001 - every failure of a task is recorded
            self._record_failure(claim, exc)

    def _database_reachable(self) -> bool:
        """Return whether the database answers, on a fresh connection."""
        with contextlib.suppress(*OUTAGE_ERRORS):
            connection.close()
        try:
            connection.ensure_connection()
        except OUTAGE_ERRORS:
            return False
        return True

    def _record_failure(self, claim: services.Claim, exc: Exception) -> None:
        job = claim.job
        outcome = self._record(
            services.job_fail,
            claim=claim,
            exception_class_path=f"{type(exc).__module__}.{type(exc).__qualname__}",
            traceback="".join(format_exception(exc)),
            now=self.now(),
            rng=self.rng,
        )
        logger.log(
            logging.WARNING if outcome == "retry" else logging.ERROR,
            "Job %s attempt %s failed (%s): %s",
            job.id,
            claim.attempt,
            "will retry" if outcome == "retry" else outcome,
            exc,
        )
        if outcome == "failed":
            job.refresh_from_db()
            # A job whose task no longer imports has no backend to signal from.
            with contextlib.suppress(ImportError, SuspiciousOperation):
                task_finished.send(
                    sender=type(job.task.get_backend()), task_result=job.task_result
                )

    # --- The heartbeat: renews the lease of the job in hand ---

    def _heartbeat(self) -> None:
        outage = Outage(logger, max_delay=1.0)
        wait = self.lease_seconds / 3
        try:
            while not self._heartbeat_stop.wait(wait):
                wait = self.lease_seconds / 3
                try:
                    with self._claim_lock:
                        claim = self._claim
                        if claim is None:
                            continue
                        renewed = services.job_renew_lease(
                            claim=claim,
                            now=self.now(),
                            lease_seconds=self.lease_seconds,
                        )
                except OUTAGE_ERRORS as exc:
                    # Retry soon: the lease must be renewed as soon as the database
                    # is back, before other workers' recovery calls the job lost.
                    with contextlib.suppress(*OUTAGE_ERRORS):
                        connection.close()
                    wait = outage.failed(exc)
                    continue
                outage.recovered()
                if not renewed:
                    logger.error(
                        "Job %s: the lease was lost; another worker may run it.",
                        claim.job.id,
                    )
        finally:
            connections.close_all()
