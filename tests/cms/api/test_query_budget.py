"""Query budgets of the content API (issue 7): at most 6 SQL queries per request with
the cache warm, the same count whatever the size of the content, and no writes."""

import json

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.api.renditions import API_RENDITIONS
from cms.models import (
    ArticlePageAuthor,
    NavigationMenu,
    NavigationMenuItem,
    SiteSettings,
)
from tests.factories import make_site
from tests.factories.cms import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    CategoryFactory,
    ImageFactory,
    PersonFactory,
    StandardPageFactory,
    TestimonialFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/content/v1"
BUDGET = 6
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def shared_cache(settings):
    """Redis where REDIS_URL is set (as in production); on SQLite runs a memory cache
    instead of the database cache, whose own queries would be counted."""
    if isinstance(caches["default"], DatabaseCache):
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        }
        cache.clear()


@pytest.fixture
def home():
    return make_site(title="Home")


def make_document(n: int):
    document = get_document_model()(title=f"Report {n}")
    document.file.save(f"report-{n}.txt", ContentFile(b"x" * (n + 1)), save=False)
    document.save()
    return document


def figure(image):
    return {
        "image": {"image": image.pk, "decorative": False, "alt_text": ""},
        "caption": "",
    }


def rich_text(pages, documents, images) -> str:
    links = " ".join(
        f'<a linktype="page" id="{page.pk}">{page.title}</a>' for page in pages
    )
    downloads = " ".join(
        f'<a linktype="document" id="{doc.pk}">{doc.title}</a>' for doc in documents
    )
    embeds = "".join(
        f'<embed embedtype="image" id="{image.pk}" format="left" alt="x"/>'
        for image in images
    )
    return f"<p>{links} {downloads}</p>{embeds}"


def article_with(home, size: int):
    """Return a published article whose body has `size` of everything: pages linked
    in rich text and chosen in cards and calls to action, images in a gallery, cards
    and rich text, documents, testimonials; and `size` authors and tags."""
    pages = [StandardPageFactory(parent=home, slug=f"s{size}-{n}") for n in range(size)]
    images = [ImageFactory() for _ in range(size)]
    documents = [make_document(n) for n in range(size)]
    testimonials = [TestimonialFactory(photo=image) for image in images]
    body = [
        {"type": "rich_text", "value": rich_text(pages, documents, images)},
        {
            "type": "gallery",
            "value": {"title": "Work", "images": [figure(i) for i in images]},
        },
        {
            "type": "cards",
            "value": {
                "title": "More",
                "cards": [
                    {
                        "title": p.title,
                        "text": "",
                        "image": i.pk,
                        "page": p.pk,
                        "url": "",
                    }
                    for p, i in zip(pages, images, strict=True)
                ],
            },
        },
        *(
            {
                "type": "call_to_action",
                "value": {"text": "Go", "page": page.pk, "url": "", "style": "primary"},
            }
            for page in pages
        ),
        *(
            {"type": "document", "value": {"document": doc.pk, "title": ""}}
            for doc in documents
        ),
        *(
            {"type": "testimonial", "value": {"testimonial": t.pk}}
            for t in testimonials
        ),
    ]
    index = ArticleIndexPageFactory(parent=home, slug=f"news-{size}")
    article = ArticlePageFactory(
        parent=index,
        slug="story",
        body=json.dumps(body),
        category=CategoryFactory(),
        listing_image=images[0],
    )
    article.article_authors = [
        ArticlePageAuthor(person=PersonFactory(photo=image)) for image in images
    ]
    article.tags.add(*(f"tag-{n}" for n in range(size)))
    article.save_revision().publish()
    return article


def count_get(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return [query["sql"] for query in captured.captured_queries]


def cold_and_warm(client, url: str, django_assert_max_num_queries):
    """Return the queries of a request on an empty cache, and of one after it
    (another query string, so the response is not the cached body)."""
    cache.clear()
    cold = count_get(client, f"{url}&cold=1")
    with django_assert_max_num_queries(BUDGET) as captured:
        client.get(f"{url}&warm=1")
    return cold, [query["sql"] for query in captured.captured_queries]


def test_page_by_path_costs_the_same_few_queries_for_2_or_12_of_everything(
    client, home, django_assert_max_num_queries
):
    small = article_with(home, 2)
    large = article_with(home, 12)

    small_cold, small_warm = cold_and_warm(
        client,
        f"{API}/pages/by-path/?path=/news-2/story/",
        django_assert_max_num_queries,
    )
    large_cold, large_warm = cold_and_warm(
        client,
        f"{API}/pages/by-path/?path=/news-12/story/",
        django_assert_max_num_queries,
    )

    body = client.get(f"{API}/pages/{large.pk}/").json()["fields"]["body"]
    assert len(body) == 3 + 12 * 3  # every block came through
    assert len(client.get(f"{API}/pages/{small.pk}/").json()["fields"]["authors"]) == 2
    assert len(large_warm) <= BUDGET
    assert len(large_warm) == len(small_warm), "\n".join(large_warm)
    # With nothing cached, one query per kind of reference: still not per reference.
    assert len(large_cold) <= len(small_cold), "\n".join(large_cold)


def test_listing_costs_the_same_few_queries_for_2_or_20_cards(
    client, home, django_assert_max_num_queries
):
    index = ArticleIndexPageFactory(parent=home, slug="news")
    for n in range(20):
        article = ArticlePageFactory(
            parent=index, slug=f"a{n}", listing_image=ImageFactory()
        )
        article.save_revision().publish()

    url = f"{API}/pages/?type=cms.articlepage"
    small_cold, small_warm = cold_and_warm(
        client, f"{url}&limit=2", django_assert_max_num_queries
    )
    large_cold, large_warm = cold_and_warm(
        client, f"{url}&limit=20", django_assert_max_num_queries
    )

    assert len(client.get(f"{url}&limit=20").json()["results"]) == 20
    assert len(large_warm) == len(small_warm) <= BUDGET
    assert len(large_cold) <= len(small_cold) <= BUDGET + 3


@pytest.mark.parametrize("size", [2, 12])
def test_navigation_costs_the_same_few_queries_for_few_or_many_items(
    client, home, size, django_assert_max_num_queries
):
    pages = [StandardPageFactory(parent=home, slug=f"p{n}") for n in range(size)]
    documents = [make_document(n) for n in range(size)]
    menu = NavigationMenu(location="main", live=False)
    menu.items = [
        *(NavigationMenuItem(sort_order=n, link_page=p) for n, p in enumerate(pages)),
        *(
            NavigationMenuItem(sort_order=size + n, link_document=d)
            for n, d in enumerate(documents)
        ),
        NavigationMenuItem(sort_order=99, label="Elsewhere", link_url="https://x.org"),
    ]
    menu.save()
    menu.save_revision().publish()

    cold, warm = cold_and_warm(
        client, f"{API}/navigation/?size={size}", django_assert_max_num_queries
    )

    assert len(client.get(f"{API}/navigation/").json()["main"]) == 2 * size + 1
    # The same whatever the size: two for the menus and their items, and on an
    # empty cache one per kind of link target, the site and the view restrictions.
    assert len(warm) == 2, "\n".join(warm)
    assert len(cold) <= 7, "\n".join(cold)


def test_a_get_writes_nothing_and_creates_no_rendition_job_or_document(client, home):
    """A document saved before its size was recorded (as Wagtail's get_file_size()
    would then save it), a site without settings, images without renditions: reading
    them changes no row."""
    article = article_with(home, 2)
    get_document_model().objects.update(file_size=None)
    SiteSettings.objects.all().delete()
    rows = {
        "renditions": get_image_model().get_rendition_model().objects.count,
        "jobs": DBTaskResult.objects.count,
        "documents": get_document_model().objects.count,
        "settings": SiteSettings.objects.count,
    }
    before = {name: count() for name, count in rows.items()}

    for url in [
        f"{API}/pages/by-path/?path=/news-2/story/",
        f"{API}/pages/{article.pk}/",
        f"{API}/pages/?type=cms.articlepage",
        f"{API}/navigation/",
        f"{API}/site/",
    ]:
        statements = count_get(client, url)
        writes = [sql for sql in statements if sql.lstrip().upper().startswith(WRITES)]
        assert writes == [], url

    assert {name: count() for name, count in rows.items()} == before
    assert get_document_model().objects.filter(file_size__isnull=False).count() == 0
    downloads = [
        block["value"]["document"]
        for block in client.get(f"{API}/pages/{article.pk}/").json()["fields"]["body"]
        if block["type"] == "document"
    ]
    assert [download["size"] for download in downloads] == [None, None]


def test_a_missing_rendition_is_left_out_and_rich_text_uses_another_size(client, home):
    article = article_with(home, 2)
    image = article.listing_image
    image.get_rendition(API_RENDITIONS["small_jpeg"])  # the task made only this one
    renditions = get_image_model().get_rendition_model().objects
    count = renditions.count()

    page = client.get(f"{API}/pages/{article.pk}/").json()

    assert renditions.count() == count
    shown = page["fields"]["listing_image"]
    assert list(shown["renditions"]) == ["small_jpeg"]
    html = page["fields"]["body"][0]["value"]
    small = shown["renditions"]["small_jpeg"]
    assert f'<img src="{small["url"]}"' in html  # medium_jpeg is missing: small
    assert html.count("<img") == 1  # the other image has no rendition: left out


def test_documents_made_in_code_record_their_size_when_saved():
    document = make_document(4)

    document.refresh_from_db()
    assert document.file_size == 5
