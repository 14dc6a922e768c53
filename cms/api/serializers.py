"""Output serializers of the content API: the JSON the apps receive.

Thin on purpose: every reference an answer needs is resolved in bulk before they run
(cms.api.pages, cms.api.references) and passed as `context["resolved"]`, so they run
no queries. drf-spectacular infers the OpenAPI components from them; what model
fields and StreamFields carry is described by the block library
(`DescribedField.api_schema`, cms.api.schema).
"""

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers
from wagtail.models import Page, get_page_models

import cms.api.schema  # noqa: F401 - registers the extension describing DescribedField
from cms.api import fields
from cms.api.pages import PAGE_FIELDS, exposed_fields
from cms.api.references import page_path, page_type
from cms.blocks.schema import nullable, ref
from cms.models import (
    Announcement,
    ContentSlot,
    FrequentlyAskedQuestion,
    SiteSettings,
)

LOCALE_HELP = "The language of this content (a code of the `locale` parameter)."
TRANSLATIONS_HELP = (
    "Every language this is public in, by language code, this one among them; "
    "only this one on a one-language site."
)


class IsoDateTimeField(serializers.DateTimeField):
    """A time as Python writes it (`+00:00`, not DRF's `Z`): the apps parse this."""

    def to_representation(self, value):
        return value.isoformat()


class DescribedField(serializers.Field):
    """A field whose schema the block library's generator gives (cms.api.schema)."""

    def api_schema(self, schema) -> dict:
        raise NotImplementedError


class ContentField(DescribedField):
    """A model field as the apps get it (cms.api.fields), references resolved."""

    def __init__(self, model, name: str, **kwargs):
        self.model, self.model_field = model, name
        super().__init__(source="*", **kwargs)

    def to_representation(self, obj):
        return fields.render(obj, self.model_field, self.context["resolved"])

    def api_schema(self, schema) -> dict:
        return schema.field(self.model, self.model_field)


class ReferenceField(DescribedField):
    """An image, document or page by id, as resolved (cms.api.references); null
    when it is gone or not public, or (allow_null) the model has no such field."""

    COMPONENTS = {"images": "Image", "documents": "Document", "pages": "PageReference"}

    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        super().__init__(**kwargs)

    def to_representation(self, ref_id):
        return getattr(self.context["resolved"], self.kind).get(ref_id)

    def api_schema(self, schema) -> dict:
        return ref(self.COMPONENTS[self.kind])


class PageTypeField(DescribedField):
    """A page's type label (`cms.articlepage`); a constant in one type's document."""

    def __init__(self, page_label: str | None = None, **kwargs):
        self.page_label = page_label  # (`label` is the field's own, in DRF)
        super().__init__(source="content_type_id", **kwargs)

    def to_representation(self, content_type_id):
        return page_type(content_type_id)

    def api_schema(self, schema) -> dict:
        const = {"const": self.page_label} if self.page_label else {}
        return {"type": "string", **const}


class NoFields(DescribedField):
    """The `fields` of a page type that exposes none of its own: `{}`."""

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        return {}

    def api_schema(self, schema) -> dict:
        return {"type": "object", "properties": {}, "additionalProperties": False}


class PageTranslationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    path = serializers.CharField()
    url = serializers.URLField()


class PagePathMixin:
    def get_path(self, page) -> str:
        resolved = self.context["resolved"]
        return page_path(page.url_path, resolved.site, resolved.language)

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_url(self, page) -> str:
        return self.context["resolved"].absolute(self.get_path(page))

    def get_locale(self, page) -> str:
        return self.context["resolved"].language

    @extend_schema_field(serializers.DictField(child=PageTranslationSerializer()))
    def get_translations(self, page) -> dict:
        return self.context["resolved"].translations[page.translation_key]


class BasePageSerializer(PagePathMixin, serializers.Serializer):
    """What every answer about a page starts with (a document, a card): which page,
    where it is, and in which languages."""

    id = serializers.IntegerField()
    type = PageTypeField()
    title = serializers.CharField()
    path = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    locale = serializers.SerializerMethodField(help_text=LOCALE_HELP)
    translations = serializers.SerializerMethodField(help_text=TRANSLATIONS_HELP)


class SeoSerializer(PagePathMixin, serializers.Serializer):
    title = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    canonical_url = serializers.SerializerMethodField()
    social_image = serializers.SerializerMethodField()
    noindex = serializers.SerializerMethodField()

    def get_title(self, page) -> str:
        return page.seo_title or page.title

    def get_description(self, page) -> str:
        if hasattr(page, "get_meta_description"):
            return page.get_meta_description() or ""
        return page.search_description or ""

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_canonical_url(self, page) -> str:
        return self.get_url(page)

    @extend_schema_field(nullable(ref("Image")))
    def get_social_image(self, page):
        # The page's own image, else the site's default (cms.api.pages).
        return self.context["resolved"].images.get(self.context["social_image_id"])

    def get_noindex(self, page) -> bool:
        return bool(getattr(page, "noindex", False))


class PageDocumentSerializer(BasePageSerializer):
    """A whole page, as the apps show it: `fields` holds what its type adds."""

    slug = serializers.CharField()
    seo = SeoSerializer(source="*")
    first_published_at = IsoDateTimeField(allow_null=True)
    last_published_at = IsoDateTimeField(allow_null=True)


def _document_serializer(model) -> type[PageDocumentSerializer]:
    name = "GenericPage" if model is Page else model.__name__
    label = model._meta.label_lower
    exposed = exposed_fields(model, PAGE_FIELDS)
    page_fields = type(
        f"{name}FieldsSerializer",
        (serializers.Serializer,),
        {n: ContentField(model, source) for n, source in exposed.items()},
    )
    return type(
        f"{name}DocumentSerializer",
        (PageDocumentSerializer,),
        {
            "type": PageTypeField(label),
            "fields": page_fields(source="*") if exposed else NoFields(),
        },
    )


PAGE_DOCUMENTS = {
    model: _document_serializer(model)
    for model in dict.fromkeys([Page, *get_page_models()])
}
# For the OpenAPI document: a union of the page types, on `type`.
PAGE_DOCUMENT = PolymorphicProxySerializer(
    component_name="PageDocument",
    serializers={model._meta.label_lower: s for model, s in PAGE_DOCUMENTS.items()},
    resource_type_field_name="type",
)


def page_document(page: Page, context: dict) -> dict:
    """Return the page's document, by its type's serializer (PAGE_DOCUMENTS)."""
    serializer = PAGE_DOCUMENTS.get(type(page), PAGE_DOCUMENTS[Page])
    return serializer(page, context=context).data


class PageCardSerializer(BasePageSerializer):
    """A page in a listing or search results."""

    teaser = serializers.SerializerMethodField()
    date = serializers.SerializerMethodField()
    image = ReferenceField("images", source="listing_image_id", allow_null=True)

    def get_teaser(self, page) -> str:
        return getattr(page, "introduction", "") or page.search_description or ""

    def get_date(self, page) -> str | None:
        # The date shown where a page type has one (articles), else its publication.
        date = getattr(page, "date", None) or page.first_published_at
        return date.isoformat() if date is not None else None


class PageCardListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()
    results = PageCardSerializer(many=True, source="pages")


class MenuLinkSerializer(serializers.Serializer):
    """A menu link; `page` or `document` when it leads to one."""

    label = serializers.CharField()
    url = serializers.CharField()
    page = ReferenceField("pages", required=False)
    document = ReferenceField("documents", required=False)


class NavigationSerializer(serializers.Serializer):
    main = MenuLinkSerializer(many=True)
    footer = MenuLinkSerializer(many=True)


class SiteDocumentSerializer(serializers.Serializer):
    """The site's settings (cms.models.SiteSettings) the apps show. What is
    announced now is at /announcements/, as on the site's banner."""

    name = serializers.SerializerMethodField()
    root_url = serializers.SerializerMethodField()
    organisation_name = serializers.CharField()
    logo = ContentField(SiteSettings, "logo")
    default_social_image = ContentField(SiteSettings, "default_social_image")
    social_links = ContentField(SiteSettings, "social_links")
    contact_email = serializers.CharField()
    contact_phone = serializers.CharField()
    address = serializers.CharField()
    analytics_id = serializers.CharField()

    def get_name(self, settings) -> str:
        return self.context["resolved"].site.site_name or ""

    def get_root_url(self, settings) -> str:
        return self.context["resolved"].root_url


class SnippetTranslationSerializer(serializers.Serializer):
    id = serializers.IntegerField()


class SnippetLocaleMixin(serializers.Serializer):
    locale = serializers.SerializerMethodField(help_text=LOCALE_HELP)
    translations = serializers.SerializerMethodField(help_text=TRANSLATIONS_HELP)

    def get_locale(self, snippet) -> str:
        return self.context["resolved"].language

    @extend_schema_field(serializers.DictField(child=SnippetTranslationSerializer()))
    def get_translations(self, snippet) -> dict:
        return self.context["resolved"].translations[snippet.translation_key]


class AnnouncementSerializer(SnippetLocaleMixin):
    id = serializers.IntegerField()
    title = serializers.CharField()
    message = ContentField(Announcement, "message")
    link = serializers.SerializerMethodField()
    starts_at = IsoDateTimeField(allow_null=True)
    ends_at = IsoDateTimeField(allow_null=True)

    def get_link(self, announcement) -> str | None:
        if announcement.link_page_id:
            page = self.context["resolved"].pages.get(announcement.link_page_id)
            return page["url"] if page else None
        return announcement.link_url or None


class AnnouncementListSerializer(serializers.Serializer):
    results = AnnouncementSerializer(many=True)


class FAQSerializer(SnippetLocaleMixin):
    id = serializers.IntegerField()
    question = serializers.CharField()
    answer = ContentField(FrequentlyAskedQuestion, "answer")
    topic = serializers.CharField()


class FAQListSerializer(serializers.Serializer):
    results = FAQSerializer(many=True)


class ContentSlotDocumentSerializer(SnippetLocaleMixin):
    key = serializers.CharField()
    title = serializers.CharField()
    body = ContentField(ContentSlot, "body")
    last_published_at = IsoDateTimeField(allow_null=True)


class ChangedPageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.CharField()
    path = serializers.CharField()
    last_published_at = IsoDateTimeField(allow_null=True)


class PageChangesSerializer(serializers.Serializer):
    changed = ChangedPageSerializer(many=True)
    removed = serializers.ListField(child=serializers.IntegerField())


class SnippetReferenceSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.IntegerField()


class SnippetChangesSerializer(serializers.Serializer):
    changed = SnippetReferenceSerializer(many=True)
    removed = SnippetReferenceSerializer(many=True)


class ChangesSerializer(serializers.Serializer):
    since = IsoDateTimeField()
    until = IsoDateTimeField(help_text="Pass this as `since` next time.")
    pages = PageChangesSerializer()
    snippets = SnippetChangesSerializer()
