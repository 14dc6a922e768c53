"""Wagtail admin views for staff: the job queue by status, one job, retry, cancel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.jobs import selectors, services

VIEW_PERMISSION = "jobs.view_jobstate"
CHANGE_PERMISSION = "jobs.change_jobstate"
TABS = [
    ("READY", gettext_lazy("Waiting")),
    ("RUNNING", gettext_lazy("Running")),
    ("FAILED", gettext_lazy("Failed")),
    ("SUCCESSFUL", gettext_lazy("Finished")),
]
LISTING_LIMIT = 100


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def job_index(request):
    _require(request, VIEW_PERMISSION)
    status = request.GET.get("status", "FAILED")
    if status not in selectors.STATUSES:
        status = "FAILED"
    return TemplateResponse(
        request,
        "jobs/job_index.html",
        {
            "page_title": _("Background jobs"),
            "header_icon": "cogs",
            "tabs": TABS,
            "status": status,
            "jobs": selectors.jobs_for_listing(status=status, limit=LISTING_LIMIT),
            "limit": LISTING_LIMIT,
            "figures": selectors.queue_figures(),
        },
    )


def job_detail(request, job_id):
    _require(request, VIEW_PERMISSION)
    job = selectors.job_for_detail(job_id)
    if job is None:
        raise Http404("No such job")
    return TemplateResponse(
        request,
        "jobs/job_detail.html",
        {
            "page_title": _("Job %(id)s") % {"id": job.id},
            "header_icon": "cogs",
            "job": job,
            "can_change": request.user.has_perm(CHANGE_PERMISSION),
        },
    )


@require_POST
def job_retry(request, job_id):
    _require(request, CHANGE_PERMISSION)
    if services.job_retry(job_id=job_id, now=timezone.now()):
        messages.success(request, _("The job is queued again."))
    else:
        messages.error(request, _("Only a failed job can be retried."))
    return redirect(reverse("jobs_admin:detail", args=[job_id]))


@require_POST
def job_cancel(request, job_id):
    _require(request, CHANGE_PERMISSION)
    if services.job_cancel(
        job_id=job_id, now=timezone.now(), cancelled_by=request.user.get_username()
    ):
        messages.success(request, _("The job is cancelled."))
    else:
        messages.error(request, _("Only a waiting job can be cancelled."))
    return redirect(reverse("jobs_admin:detail", args=[job_id]))
