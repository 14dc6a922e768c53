"""The contact form stores submissions, emails from the worker and rejects spam."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.forms.models import FormSubmission

from cms.forms import HONEYPOT_FIELD, SPAM_MESSAGE
from cms.spam import FORM_RATE_LIMIT, RATE_LIMIT_MESSAGE
from cms.tasks import send_form_submission_email
from tests.factories.cms import FormFieldFactory, FormPageFactory

pytestmark = pytest.mark.django_db

TASK_PATH = "cms.tasks.send_form_submission_email"


@pytest.fixture
def form_page(home_page):
    page = FormPageFactory(
        parent=home_page, thank_you_text="<p>Thanks, we will reply soon.</p>"
    )
    FormFieldFactory(page=page, label="Your name", field_type="singleline")
    FormFieldFactory(page=page, label="Message", field_type="multiline")
    return page


def post(client, page, ip="192.0.2.1", **data):
    payload = {"your_name": "Ada", "message": "Hello", HONEYPOT_FIELD: ""}
    payload.update(data)
    return client.post(page.url, payload, REMOTE_ADDR=ip)


def test_valid_submission_is_stored_and_enqueues_one_email(
    client, form_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, form_page)

    assert response.status_code == 200
    assert b"Thanks, we will reply soon." in response.content
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.form_data == {"your_name": "Ada", "message": "Hello"}
    tasks = DBTaskResult.objects.filter(task_path=TASK_PATH)
    assert tasks.count() == 1
    assert tasks.get().args_kwargs["kwargs"] == {"submission_id": submission.pk}
    assert mail.outbox == []  # nothing is sent inside the request


def test_notification_task_emails_the_recipients(form_page):
    submission = FormSubmission.objects.create(
        page=form_page, form_data={"your_name": "Ada", "message": "Hello"}
    )

    send_form_submission_email.call(submission_id=submission.pk)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["team@example.com"]
    assert message.subject == "New enquiry"
    assert "Your name: Ada" in message.body


def test_honeypot_rejects_the_submission_with_a_message(client, form_page):
    response = post(client, form_page, **{HONEYPOT_FIELD: "http://spam.example"})

    assert response.status_code == 200
    assert SPAM_MESSAGE.encode() in response.content.replace(b"&#x27;", b"'")
    assert not FormSubmission.objects.exists()
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()


def test_rate_limit_rejects_too_many_submissions_from_one_address(client, form_page):
    for _ in range(FORM_RATE_LIMIT):
        assert post(client, form_page).status_code == 200

    response = post(client, form_page)

    assert response.status_code == 429
    assert RATE_LIMIT_MESSAGE.encode() in response.content
    assert FormSubmission.objects.count() == FORM_RATE_LIMIT
    # Another address is not affected.
    assert post(client, form_page, ip="192.0.2.99").status_code == 200


def test_missing_required_field_shows_a_form_error(client, form_page):
    response = post(client, form_page, your_name="")

    assert response.status_code == 200
    assert b"This field is required." in response.content
    assert not FormSubmission.objects.exists()
