from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = "Content"

    def ready(self):
        from apps.cache import stale_after_migrate
        from cms.generation_cache import CONTENT
        from cms.locales import sync_locales_after_migrate
        from cms.signal_handlers import register_signal_handlers

        register_signal_handlers()
        # Django's migrate is code we do not own: its signal is the hook.
        post_migrate.connect(sync_locales_after_migrate, sender=self)
        post_migrate.connect(stale_after_migrate(CONTENT), sender=self, weak=False)
