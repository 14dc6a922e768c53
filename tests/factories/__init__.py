"""Model factories (factory_boy, wagtail-factories)."""

from tests.factories.accounts import UserFactory
from tests.factories.cms import HomePageFactory, SiteFactory, make_site
from tests.factories.events import (
    BookingFactory,
    EventFactory,
    EventTranslationFactory,
)

__all__ = [
    "BookingFactory",
    "EventFactory",
    "EventTranslationFactory",
    "HomePageFactory",
    "SiteFactory",
    "UserFactory",
    "make_site",
]
