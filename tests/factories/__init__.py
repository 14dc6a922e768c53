"""Model factories (factory_boy, wagtail-factories)."""

from tests.factories.accounts import UserFactory
from tests.factories.cms import HomePageFactory, SiteFactory, make_site
from tests.factories.events import EventFactory

__all__ = ["EventFactory", "HomePageFactory", "SiteFactory", "UserFactory", "make_site"]
