"""Template tags for the site chrome (menus, breadcrumbs, SEO data, the language
switcher) and for images built from the renditions loaded with them (cms/images.py)."""

import json

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from cms import chrome
from cms.generation_cache import page_data
from cms.images import TEMPLATE_SPECS, picture_html, rendition_or_original

register = template.Library()


def _spec_and_attrs(parser, bits, tag_name):
    """Split tag arguments into a template spec (listed in cms.images) and
    key=value attributes."""
    spec_parts, attrs = [], {}
    for bit in bits:
        key, sep, value = bit.partition("=")
        if sep and "{" not in key:
            attrs[key] = parser.compile_filter(value)
        else:
            spec_parts.append(bit)
    spec = " ".join(spec_parts)
    if spec not in TEMPLATE_SPECS:
        raise template.TemplateSyntaxError(
            f"{tag_name}: {spec!r} is not in cms.images.TEMPLATE_SPECS, so "
            "publishing would not make its renditions"
        )
    return spec, attrs


class PictureNode(template.Node):
    def __init__(self, image, spec, attrs):
        self.image, self.spec, self.attrs = image, spec, attrs

    def render(self, context):
        image = self.image.resolve(context)
        if not image:
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return picture_html(image, self.spec, attrs)


@register.tag
def responsive_picture(parser, token):
    """`{% responsive_picture image <spec> sizes=... alt=... %}`: the <picture> of
    Wagtail's `{% picture %}`, from existing renditions only (never made on a GET)."""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]} needs an image and a spec")
    spec, attrs = _spec_and_attrs(parser, bits[2:], bits[0])
    return PictureNode(parser.compile_filter(bits[1]), spec, attrs)


class RenditionNode(template.Node):
    def __init__(self, image, spec, target):
        self.image, self.spec, self.target = image, spec, target

    def render(self, context):
        image = self.image.resolve(context)
        context[self.target] = (
            rendition_or_original(image, self.spec) if image else None
        )
        return ""


@register.tag
def rendition(parser, token):
    """`{% rendition image <spec> as name %}`: the existing rendition (or the
    original file), never one made on a GET."""
    bits = token.split_contents()
    if len(bits) < 5 or bits[-2] != "as":
        raise template.TemplateSyntaxError(f"{bits[0]} image <spec> as name")
    spec, _attrs = _spec_and_attrs(parser, bits[2:-2], bits[0])
    return RenditionNode(parser.compile_filter(bits[1]), spec, bits[-1])


@register.inclusion_tag("includes/menu.html", takes_context=True)
def navigation_menu(context, location: str, label: str):
    """Render the live menu for `location`, marking the current page or its section
    (menus load once per request, from the cache: cms/chrome.py)."""
    request = context.get("request")
    page = context.get("page")
    items = []
    for item in chrome.menus(request).get(location, []) if request else []:
        current = None
        if page is not None and item["page_id"]:
            if item["page_id"] == page.pk:
                current = "page"
            elif page.path.startswith(item["path"]) and item["depth"] > 2:
                current = "true"
        items.append({"label": item["label"], "url": item["url"], "current": current})
    return {"items": items, "label": label, "location": location}


@register.simple_tag
def breadcrumb_ancestors(page):
    """Return the live ancestors from the home page down, for the breadcrumb trail."""
    if page.depth <= 2:
        return []  # the home page (or the root) has none below the root
    # Routing left each page's parent on it (Wagtail's `_cached_parent_obj`): walk
    # up those instead of querying, when the chain reaches the home page.
    ancestors, current = [], page
    while current.depth > 2 and getattr(current, "_cached_parent_obj", None):
        current = current._cached_parent_obj
        ancestors.append(current)
    if current.depth <= 2:
        return [p for p in reversed(ancestors) if p.depth >= 2 and p.live]
    return list(page.get_ancestors().filter(depth__gte=2).live())


@register.simple_tag(takes_context=True)
def structured_data(context, crumbs=None) -> str:
    """Return JSON-LD for the page: the Organization everywhere, a BreadcrumbList
    below the home page and an Article on articles."""
    request = context.get("request")
    page = context.get("page")
    settings_obj = site_settings(context)
    organisation = {
        "@type": "Organization",
        "@id": request.build_absolute_uri("/") + "#organization",
        "name": organisation_name(context),
        "url": request.build_absolute_uri("/"),
    }
    if settings_obj is not None:
        same_as = [link.value["url"] for link in settings_obj.social_links]
        if same_as:
            organisation["sameAs"] = same_as
        if settings_obj.contact_email:
            organisation["email"] = settings_obj.contact_email
    graph = [organisation]
    if page is not None and crumbs:
        graph.append(
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "name": crumb.title,
                        "item": crumb.get_full_url(request),
                    }
                    for position, crumb in enumerate([*crumbs, page], start=1)
                ],
            }
        )
    if page is not None and page.specific_class.__name__ == "ArticlePage":
        article = {
            "@type": "Article",
            "headline": page.title,
            "datePublished": page.date.isoformat(),
            "publisher": {"@id": organisation["@id"]},
            "mainEntityOfPage": page.get_full_url(request),
            "author": [
                {"@type": "Person", "name": person.name}
                for person in context.get("authors", [])
            ],
        }
        if page.last_published_at:
            article["dateModified"] = page.last_published_at.isoformat()
        if page.introduction:
            article["description"] = page.introduction
        graph.append(article)
    return ld_json({"@context": "https://schema.org", "@graph": graph})


@register.simple_tag(takes_context=True)
def site_settings(context):
    """Return the request's SiteSettings, or None when no site matches (so error
    pages still render)."""
    request = context.get("request")
    if request is None:
        return None
    return chrome.site_settings(request)


@register.simple_tag(takes_context=True)
def banner(context) -> dict:
    """Return what the banner shows: the announcements on now (cms.chrome.banner)."""
    request = context.get("request")
    return chrome.banner(request) if request is not None else {"announcements": []}


@register.simple_tag(takes_context=True)
def organisation_name(context) -> str:
    settings_obj = site_settings(context)
    if settings_obj is None:
        return settings.WAGTAIL_SITE_NAME
    return (
        settings_obj.organisation_name
        or settings_obj.site.site_name
        or settings.WAGTAIL_SITE_NAME
    )


@register.filter
def ld_json(data) -> str:
    """Render a dict as a JSON-LD script body, safe inside <script>."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """Return what the language switcher and the hreflang links show: for each
    configured language, its name (in that language), the address of this page in
    it and whether that is the page's translation (`translated`) or, for a page not
    translated into it, that language's home page; `alternate` when it belongs in
    the page's hreflang links. None on a one-language site."""
    request = context.get("request")
    if len(settings.LANGUAGES) < 2 or request is None:
        return []
    page = context.get("page")
    if isinstance(page, Page):
        urls = page_data(
            request,
            f"languages:{page.pk}",
            lambda: _page_urls(request, page),
        )
    else:
        # Django's 404 page has `request_path` in its context: nothing answers here.
        urls = _view_urls(request, found="request_path" not in context)
    current = translation.get_language()
    # hreflang alternates: the page's own translations, when it has any.
    alternates = sum(translated for _url, translated in urls.values()) > 1
    versions = []
    for code, _name in settings.LANGUAGES:
        if code not in urls:
            continue
        url, translated = urls[code]
        info = translation.get_language_info(code)
        versions.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "translated": translated,
                "alternate": translated and alternates,
                "current": code == current,
                "default": code == settings.LANGUAGE_CODE,
            }
        )
    return versions


def _page_urls(request, page) -> dict[str, tuple[str, bool]]:
    from cms.selectors import public_translations

    versions = public_translations(Site.find_for_request(request), page)
    return {
        code: (
            version.get_full_url(request),
            not getattr(version, "is_home_fallback", False),
        )
        for code, version in versions.items()
    }


def _view_urls(request, *, found: bool) -> dict[str, tuple[str, bool]]:
    """A view of the project's own (events, search): the same view in each
    language; an address nothing answers (a 404, or no route): each language's
    home page."""
    path = request.get_full_path() if found else None
    try:
        resolve(request.path_info)
    except Resolver404:
        path = None
    urls = {}
    for code, _name in settings.LANGUAGES:
        if path is None:
            with translation.override(code):
                url, translated = reverse("wagtail_serve", args=("",)), False
        else:
            url, translated = translate_url(path, code), True
        urls[code] = (request.build_absolute_uri(url), translated)
    return urls
