"""Wagtail admin hooks for accounts."""

from wagtail import hooks

from apps.accounts import services


@hooks.register("after_create_user")
def vouch_for_the_address_of_a_new_user(request, user):
    # Only verified accounts may sign in; an administrator adding a user vouches for
    # the address, as createsuperuser does.
    services.user_mark_verified(user=user)
