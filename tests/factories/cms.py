import factory
import wagtail_factories
from wagtail.models import Site

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
