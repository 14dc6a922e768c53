"""People and places shared by the API tests."""

from django.contrib.auth.models import Group, Permission

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery-staple"


def event_manager(**fields):
    """A staff member given the event permissions through a Django group."""
    group, _ = Group.objects.get_or_create(name="Event managers")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="events",
            codename__in=["change_event", "view_booking", "view_webhookdelivery"],
        )
    )
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(group)
    return user
