"""Staff see the queue in the Wagtail admin (and /readyz, and `manage.py jobs`), and
can retry a failed job or cancel a waiting one."""

from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from apps.jobs import services
from tests.factories import UserFactory
from tests.ops.sample_tasks import add, always_fails, fails_first_attempt

pytestmark = pytest.mark.django_db


def admin_user(*codenames: str):
    user = UserFactory()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", *codenames])
    )
    return user


def assert_denied(response):
    # Wagtail answers a denied admin view by sending the user to the dashboard with
    # a "Sorry, you do not have permission" message.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def failed_job(make_worker):
    result = fails_first_attempt.enqueue()
    make_worker().run_once()
    assert DBTaskResult.objects.get(id=result.id).status == "FAILED"
    return result


def test_failed_jobs_are_listed_with_their_error_and_attempts(
    superuser_client, make_worker
):
    failed_job(make_worker)

    response = superuser_client.get(reverse("jobs_admin:index") + "?status=FAILED")

    assert response.status_code == 200
    content = response.content.decode()
    assert "tests.ops.sample_tasks.fails_first_attempt" in content
    assert "builtins.RuntimeError" in content
    assert "Failed in the last hour</dt><dd>1</dd>" in content


def test_job_detail_shows_arguments_attempts_and_traceback(
    superuser_client, make_worker
):
    result = add.enqueue(1, "two")
    make_worker().run_once()

    response = superuser_client.get(reverse("jobs_admin:detail", args=[result.id]))

    content = response.content.decode()
    arguments = content.split("<dt>Arguments</dt>")[1].split("</dd>")[0]
    assert "two" in arguments
    assert "<dt>Attempts</dt><dd>1</dd>" in content
    assert "Traceback" in content and "TypeError" in content


def test_retry_action_reruns_a_failed_job_to_success(superuser_client, make_worker):
    result = failed_job(make_worker)

    response = superuser_client.post(reverse("jobs_admin:retry", args=[result.id]))

    assert response.status_code == 302
    assert DBTaskResult.objects.get(id=result.id).status == "READY"
    assert make_worker().run_once()
    row = DBTaskResult.objects.get(id=result.id)
    assert (row.status, row.return_value) == ("SUCCESSFUL", "succeeded on attempt 2")


def test_cancel_action_ends_a_waiting_job_without_running_it(
    superuser_client, make_worker
):
    result = add.enqueue(1, 2)

    superuser_client.post(reverse("jobs_admin:cancel", args=[result.id]))

    row = DBTaskResult.objects.get(id=result.id)
    assert (row.status, row.exception_class_path) == ("FAILED", services.CANCELLED)
    assert not make_worker().run_once()


def test_retrying_a_job_that_has_not_failed_changes_nothing(superuser_client):
    result = add.enqueue(1, 2)

    response = superuser_client.post(
        reverse("jobs_admin:retry", args=[result.id]), follow=True
    )

    assert response.status_code == 200
    assert "Only a failed job can be retried." in response.content.decode()
    assert DBTaskResult.objects.get(id=result.id).status == "READY"


def test_unknown_job_is_a_404(superuser_client):
    url = reverse("jobs_admin:detail", args=["00000000-0000-0000-0000-000000000000"])
    assert superuser_client.get(url).status_code == 404


def test_admin_user_without_the_jobs_permission_sees_no_jobs(client, make_worker):
    result = failed_job(make_worker)
    client.force_login(admin_user())

    for url in (
        reverse("jobs_admin:index"),
        reverse("jobs_admin:detail", args=[result.id]),
    ):
        assert_denied(client.get(url))


def test_viewer_cannot_retry_or_cancel(client, make_worker):
    result = failed_job(make_worker)
    waiting = add.enqueue(1, 2)
    client.force_login(admin_user("view_jobstate"))

    assert client.get(reverse("jobs_admin:index")).status_code == 200
    assert_denied(client.post(reverse("jobs_admin:retry", args=[result.id])))
    assert_denied(client.post(reverse("jobs_admin:cancel", args=[waiting.id])))
    assert DBTaskResult.objects.get(id=result.id).status == "FAILED"
    assert DBTaskResult.objects.get(id=waiting.id).status == "READY"


@pytest.mark.parametrize("count", [2, 12])
def test_listing_queries_do_not_grow_with_the_number_of_jobs(
    superuser_client, django_assert_max_num_queries, count
):
    for key in range(count):
        add.enqueue(key, key)

    with django_assert_max_num_queries(12):
        response = superuser_client.get(reverse("jobs_admin:index") + "?status=READY")

    assert response.content.decode().count("tests.ops.sample_tasks.add") == count


def test_jobs_command_and_readyz_report_depth_age_and_recent_failures(
    client, make_worker, clock
):
    add.enqueue(1, 2)
    always_fails.enqueue()
    worker = make_worker()
    # Run both jobs; always_fails's retry comes after its backoff.
    worker.run_once()
    worker.run_once()
    clock.advance(3600)
    worker.run_once()
    add.enqueue(3, 4)
    output = StringIO()

    call_command("jobs", stdout=output)
    response = client.get("/readyz")

    assert "Queue depth (ready to run)     1" in output.getvalue()
    assert "Failed in the last hour        1" in output.getvalue()
    assert response.status_code == 200, "failed jobs do not make the site unready"
    jobs = response.json()["checks"]["jobs"]
    assert (jobs["ok"], jobs["queue_depth"], jobs["failed_last_hour"]) == (True, 1, 1)
    assert jobs["oldest_waiting_seconds"] is not None


def test_job_waiting_for_its_retry_is_counted_apart_from_the_queue_depth(make_worker):
    from apps.jobs.selectors import queue_figures
    from tests.ops.sample_tasks import flaky

    flaky.enqueue(failures=1)
    make_worker().run_once()

    figures = queue_figures()
    assert (figures["queue_depth"], figures["waiting_for_retry"]) == (0, 1)
