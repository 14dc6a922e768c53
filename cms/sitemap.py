"""sitemap.xml: Wagtail's sitemap, listing the pages cms.selectors calls public, in
every language, each with its translations as hreflang alternates."""

from collections import defaultdict

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap

from cms.selectors import public_pages


class PublicPagesSitemap(Sitemap):
    def items(self):
        return (
            public_pages(self.get_wagtail_site(), every_language=True)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        if not settings.WAGTAIL_I18N_ENABLED:
            return urls
        alternates = self.translation_alternates()
        for url in urls:
            url["alternates"] = alternates.get(url["location"], [])
        return urls

    def translation_alternates(self) -> dict[str, list[dict]]:
        """Return, by address, the addresses of the page's public translations
        (itself included, and the default language's as x-default), for pages
        with at least one: one query for the whole site."""
        pages = (
            public_pages(self.get_wagtail_site(), every_language=True)
            .select_related("locale")
            .defer_streamfields()
        )
        groups = defaultdict(list)
        for page in pages:
            location = page.get_full_url(self.request)
            if location:
                groups[page.translation_key].append(
                    {"lang_code": page.locale.language_code, "location": location}
                )
        by_location = {}
        for group in groups.values():
            if len(group) < 2:
                continue
            default = [
                {"lang_code": "x-default", "location": alternate["location"]}
                for alternate in group
                if alternate["lang_code"] == settings.LANGUAGE_CODE
            ]
            for alternate in group:
                by_location[alternate["location"]] = group + default
        return by_location
