"""Template tags for the site chrome: menus, breadcrumbs, SEO data."""

import json

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from cms.models import NavigationMenu, SiteSettings

register = template.Library()


def _menu(location: str):
    locale = Locale.get_active()
    return (
        NavigationMenu.objects.filter(location=location, locale=locale, live=True)
        .prefetch_related("items__link_page", "items__link_document")
        .first()
    )


@register.inclusion_tag("includes/menu.html", takes_context=True)
def navigation_menu(context, location: str, label: str):
    """Render the live menu for `location`, marking the current page or its section."""
    request = context.get("request")
    page = context.get("page")
    menu = _menu(location)
    items = []
    for item in menu.items.all() if menu else []:
        url = item.get_url(request)
        current = None
        if page is not None and item.link_page_id:
            if item.link_page_id == page.pk:
                current = "page"
            elif page.path.startswith(item.link_page.path) and item.link_page.depth > 2:
                current = "true"
        items.append({"label": item.get_label(), "url": url, "current": current})
    return {"items": items, "label": label, "location": location}


@register.simple_tag
def breadcrumb_ancestors(page):
    """Return the live ancestors from the home page down, for the breadcrumb trail."""
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
    try:
        return SiteSettings.for_request(request)
    except SiteSettings.DoesNotExist:
        return None


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
