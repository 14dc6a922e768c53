"""What blocks send to the apps: the context of their `get_api_representation`.

The content API (cms/api/streamfield.py) resolves every reference of a response in
bulk before any block represents itself (cms/api/references.py), and passes the
result as `context["resolved"]`. Chooser values carry only their id there, so a
block never reads a referenced object itself: it asks `resolved` for the
representation of a page, image, document or snippet the visitor may see (None for
one they may not), and renders rich text with `rich_text`.
"""

from cms.api import richtext


def resolved(context):
    """Return the references the content API resolved for this response."""
    return context["resolved"]


def rich_text(value, context) -> str:
    """Return rich text as API clients get it (cms/api/richtext.py)."""
    return richtext.render(getattr(value, "source", value) or "", resolved(context))
