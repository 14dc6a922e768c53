"""Output serializers: thin, they run no queries; one document per page type."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from cms.api import pages, serializers
from cms.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_every_page_type_documents_exactly_its_exposed_fields():
    for model, serializer in serializers.PAGE_DOCUMENTS.items():
        document = serializer()
        declared = getattr(document.fields["fields"], "fields", {})

        assert list(declared) == list(pages.exposed_fields(model, pages.PAGE_FIELDS))
        assert document.fields["type"].page_label == model._meta.label_lower


def test_serializing_a_page_runs_no_queries(django_assert_num_queries):
    call_command("load_demo_content", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    article = (
        ArticlePage.objects.live().prefetch_related("article_authors", "tags").first()
    )
    context = pages.document_references(article, site=site)
    cards = list(Page.objects.live().specific()[:5])
    card_context = {"resolved": pages.card_references(cards, site=site)}

    with django_assert_num_queries(0):
        document = serializers.page_document(article, context)
        listing = serializers.PageCardSerializer(
            cards, many=True, context=card_context
        ).data

    assert document["fields"]["body"]
    assert document["fields"]["authors"]
    assert len(listing) == len(cards)
