"""Background tasks of the CMS: form notification emails and CDN purges."""

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task

from apps.jobs.retries import retry


@retry(attempts=5, backoff_seconds=30)
@task(queue_name="email")
def send_form_submission_email(submission_id: int):
    """Email a stored form submission to the form page's recipients."""
    from wagtail.contrib.forms.models import FormSubmission

    submission = (
        FormSubmission.objects.select_related("page").filter(pk=submission_id).first()
    )
    if submission is None:
        return
    page = submission.page.specific
    addresses = [a.strip() for a in page.to_address.split(",") if a.strip()]
    if not addresses:
        return
    labels = {field.clean_name: field.label for field in page.get_form_fields()}
    lines = [
        f"{labels.get(name, name)}: {value}"
        for name, value in submission.get_data().items()
        if name != "submit_time"
    ]
    lines.append(f"Submitted: {submission.submit_time.isoformat()}")
    EmailMessage(
        subject=page.subject or f"New submission: {page.title}",
        body="\n".join(lines),
        from_email=page.from_address or None,
        to=addresses,
    ).send()


def frontend_cache_configured() -> bool:
    return bool(getattr(settings, "CMS_FRONTEND_CACHE", None))


@retry(attempts=3, backoff_seconds=60)
@task(queue_name="maintenance")
def purge_frontend_cache(page_ids: list[int] | None = None):
    """Purge pages from the CDN (every live page when `page_ids` is None).

    Uses wagtail.contrib.frontend_cache's backends with CMS_FRONTEND_CACHE, not
    WAGTAILFRONTENDCACHE: with the latter, Wagtail would also purge inside the
    publishing request."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    pages = Page.objects.live().specific()
    if page_ids is not None:
        pages = pages.filter(pk__in=page_ids)
    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.purge(backend_settings=settings.CMS_FRONTEND_CACHE)
