from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = "Content"

    def ready(self):
        # Signal receivers: the content version (ETags, cached responses), and
        # renditions and CDN purges on publish.
        from cms.api import caching, publishing  # noqa: F401
