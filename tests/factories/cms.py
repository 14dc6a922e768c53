import factory
import wagtail_factories
from wagtail.models import Locale, Page, Site

from cms.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"
    hero_heading = "Welcome"
    hero_text = "A short introduction."

    class Meta:
        model = HomePage


class SiteFactory(wagtail_factories.SiteFactory):
    hostname = "testserver"
    port = 80
    is_default_site = True
    root_page = factory.SubFactory(HomePageFactory)

    class Meta:
        model = Site
        django_get_or_create = ("hostname", "port")


def make_site(*, hostname="testserver", port=80, **home_fields):
    """Return a default site whose root is a new, published home page.

    Works after a transactional test's flush too, which removes the root page and
    locale that Wagtail's migrations create."""
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    Site.objects.all().delete()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root, **home_fields)
    Site.objects.create(
        hostname=hostname, port=port, root_page=home, is_default_site=True
    )
    return home
