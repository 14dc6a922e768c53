import factory
import wagtail_factories
from wagtail.models import Locale, Page, Site

from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    Category,
    FormField,
    FormPage,
    HomePage,
    LandingPage,
    Person,
    SectionIndexPage,
    StandardPage,
    Testimonial,
)


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


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "An introduction."

    class Meta:
        model = StandardPage


class SectionIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")

    class Meta:
        model = SectionIndexPage


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News {n}")

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    introduction = "What this article is about."

    class Meta:
        model = ArticlePage


class LandingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Campaign {n}")
    hero_heading = "A campaign"

    class Meta:
        model = LandingPage


class FormPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Contact {n}")
    to_address = "team@example.com"
    from_address = "site@example.com"
    subject = "New enquiry"

    class Meta:
        model = FormPage


class FormFieldFactory(factory.django.DjangoModelFactory):
    label = factory.Sequence(lambda n: f"Field {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = FormField


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = Category


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    role = "Writer"

    class Meta:
        model = Person


class TestimonialFactory(factory.django.DjangoModelFactory):
    quote = "They were great to work with."
    name = factory.Sequence(lambda n: f"Client {n}")
    live = True

    class Meta:
        model = Testimonial


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
