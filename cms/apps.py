from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = "Content"

    def ready(self):
        from cms.signal_handlers import register_signal_handlers

        register_signal_handlers()
