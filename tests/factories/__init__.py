"""Model factories (factory_boy, wagtail-factories)."""

from tests.factories.accounts import UserFactory
from tests.factories.cms import HomePageFactory, SiteFactory, make_site

__all__ = ["HomePageFactory", "SiteFactory", "UserFactory", "make_site"]
