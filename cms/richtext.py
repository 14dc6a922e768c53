"""Rich-text link handlers that read the page's preloaded references.

Wagtail expands internal links per rich-text value: two queries for page links
(`.specific()`), one for document links, each time a value renders. While a page
renders, cms.preload has loaded every linked page and document already, so these
handlers query only for an id it did not collect (rich text outside a page). Links
to pages a visitor may not see render as text, as the content API leaves them out."""

from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from cms import preload
from cms.blocks.stored import stored_id


def _lookup(loaded: preload.Preloaded, model, attrs_list: list[dict]) -> list:
    store = loaded.store_for(model)
    ids = [stored_id(attrs.get("id")) for attrs in attrs_list]
    missing = {ref for ref in ids if ref is not None and ref not in store}
    if missing:
        loaded.fetch(model, missing)
    return [store.get(ref) if ref is not None else None for ref in ids]


class PreloadedPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        loaded = preload.current()
        if loaded is None:
            return super().expand_db_attributes_many(attrs_list)
        # A base Page has everything its URL needs; the request's site root paths
        # are cached on the request. A page a visitor may not see was loaded as
        # None (cms.selectors): its link becomes text, as in the content API.
        return [
            '<a href="{}">'.format(escape(page.get_url(request=loaded.request) or ""))
            if page
            else "<a>"
            for page in _lookup(loaded, Page, attrs_list)
        ]


class PreloadedDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        loaded = preload.current()
        if loaded is None:
            return super().expand_db_attributes_many(attrs_list)
        documents = _lookup(loaded, get_document_model(), attrs_list)
        return [
            f'<a href="{escape(document.url)}">' if document else "<a>"
            for document in documents
        ]
