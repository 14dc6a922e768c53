"""Wagtail pages, snippets and site settings of the marketing site."""

from cms.models.app_content import Announcement, ContentSlot, FrequentlyAskedQuestion
from cms.models.mixins import HeroMixin, ListingMixin, SocialMixin
from cms.models.pages import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePageAuthor,
    ArticlePageTag,
    FormField,
    FormPage,
    HomePage,
    LandingPage,
    SectionIndexPage,
    StandardPage,
)
from cms.models.site_settings import SiteSettings
from cms.models.snippets import (
    Category,
    NavigationMenu,
    NavigationMenuItem,
    Person,
    Testimonial,
)

__all__ = [
    "Announcement",
    "ContentSlot",
    "FrequentlyAskedQuestion",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageAuthor",
    "ArticlePageTag",
    "Category",
    "FormField",
    "FormPage",
    "HeroMixin",
    "HomePage",
    "LandingPage",
    "ListingMixin",
    "NavigationMenu",
    "NavigationMenuItem",
    "Person",
    "SectionIndexPage",
    "SiteSettings",
    "SocialMixin",
    "StandardPage",
    "Testimonial",
]
