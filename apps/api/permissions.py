"""Permission policies shared by the project's APIs."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


class StaffWithPermissions(BasePermission):
    """Staff members holding every Django permission the view lists.

    Permissions come from Django groups (set in the Wagtail admin), so an agency can
    give "event managers" the event endpoints without making them superusers."""

    message = _("This needs a staff account with permission to manage events.")

    def has_permission(self, request, view):
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and user.is_staff
            and user.has_perms(getattr(view, "required_permissions", ()))
        )
