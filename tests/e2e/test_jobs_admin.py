"""Staff find a failed job in the Wagtail admin, read its traceback and retry it."""

import pytest
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.ops.sample_tasks import fails_first_attempt

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_retry_a_failed_job_from_the_admin(
    live_server, page, screenshot, axe_violations
):
    from apps.jobs.worker import Worker

    UserFactory(email="ops@example.com", is_superuser=True, is_staff=True)
    result = fails_first_attempt.enqueue()
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="e2e",
        excluded_queue_names=[],
    ).run_once()

    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "ops@example.com")
    page.fill("input[name=password]", "correct-horse-battery-staple")
    page.click("button[type=submit]")
    page.goto(live_server.url + "/admin/jobs/?status=FAILED")
    screenshot(page, "admin-jobs-failed")
    assert axe_violations(page) == []

    page.get_by_role("link", name="tests.ops.sample_tasks.fails_first_attempt").click()
    expect(page.locator("pre")).to_contain_text("the first attempt fails on purpose")
    screenshot(page, "admin-job-detail")
    page.get_by_role("button", name="Retry").click()

    expect(page.get_by_text("The job is queued again.")).to_be_visible()
    assert DBTaskResult.objects.get(id=result.id).status == "READY"
