"""sitemap.xml: Wagtail's sitemap, listing the pages cms.selectors calls public."""

from wagtail.contrib.sitemaps import Sitemap

from cms.selectors import public_pages


class PublicPagesSitemap(Sitemap):
    def items(self):
        return (
            public_pages(self.get_wagtail_site())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
