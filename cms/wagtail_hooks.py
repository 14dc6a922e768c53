"""Admin registration: snippet viewsets with menus, icons and list columns; the
rich-text link handlers that read a page's preloaded references; the publication
window of a served page."""

from django.http import Http404
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import Category, NavigationMenu, Person, Testimonial
from cms.richtext import PreloadedDocumentLinkHandler, PreloadedPageLinkHandler
from cms.selectors import is_current


@hooks.register("before_serve_page")
def serve_current_pages_only(page, request, serve_args, serve_kwargs):
    """Answer 404 for a page past its expiry time (or not yet due) that the clock
    has not unpublished yet: Wagtail's routing checks `live` only. View
    restrictions are Wagtail's own hook's (`check_view_restrictions`)."""
    if not is_current(page):
        raise Http404


# After Wagtail's own registrations (order 0), which these replace.
@hooks.register("register_rich_text_features", order=10)
def register_preloaded_link_handlers(features):
    features.register_link_type(PreloadedPageLinkHandler)
    features.register_link_type(PreloadedDocumentLinkHandler)


class NavigationMenuViewSet(SnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    menu_label = "Menus"
    list_display = ["__str__", "live"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    list_display = ["name", "role"]
    search_fields = ["name", "role"]


class TestimonialViewSet(SnippetViewSet):
    model = Testimonial
    icon = "openquote"
    list_display = ["name", "organisation", "live"]
    search_fields = ["name", "quote"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    list_display = ["name", "slug"]


class SiteContentGroup(SnippetViewSetGroup):
    menu_label = "Site content"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (NavigationMenuViewSet, PersonViewSet, TestimonialViewSet, CategoryViewSet)


register_snippet(SiteContentGroup)
