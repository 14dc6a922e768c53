"""Put the job queue's views in the Wagtail admin, for staff allowed to see jobs."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from apps.jobs import views


class JobsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def register_jobs_urls():
    urls = [
        path("", views.job_index, name="index"),
        path("<uuid:job_id>/", views.job_detail, name="detail"),
        path("<uuid:job_id>/retry/", views.job_retry, name="retry"),
        path("<uuid:job_id>/cancel/", views.job_cancel, name="cancel"),
    ]
    return [path("jobs/", include((urls, "jobs_admin"), namespace="jobs_admin"))]


@hooks.register("register_settings_menu_item")
def register_jobs_menu_item():
    return JobsMenuItem(
        gettext_lazy("Background jobs"),
        reverse("jobs_admin:index"),
        icon_name="cogs",
        order=900,
    )
