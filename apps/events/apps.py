from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "apps.events"
    label = "events"
    verbose_name = _("Events and bookings")

    def ready(self):
        from apps.cache import stale_after_migrate
        from apps.events.cache import PUBLIC_EVENTS

        # Django's migrate is code we do not own: its signal is the hook.
        post_migrate.connect(
            stale_after_migrate(PUBLIC_EVENTS), sender=self, weak=False
        )
