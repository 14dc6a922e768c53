"""What the content API's reads can refuse: plain exceptions, not HTTP.

Selectors raise these; the view layer (cms.api.views.ContentAPIView) turns them into
problem+json responses, in one place."""

from django.utils.translation import gettext as _


class ContentNotFound(Exception):
    """Nothing public answers the request."""


class RedirectFound(ContentNotFound):
    """No page lives at the path, but a redirect says where it went."""

    def __init__(self, redirect: dict):
        super().__init__(
            _("The page moved to %(location)s.") % {"location": redirect["location"]}
        )
        self.redirect = redirect


class InvalidFilter(Exception):
    """A query parameter is well formed but names nothing that can filter."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message
