"""The image renditions the site's templates ask for, so publishing makes them ahead
of any GET (cms/api/renditions.py generates these and the API's own).

Keep in step with the `{% picture %}` and `{% image %}` tags in templates/: a test
fails when a template asks for a spec that is not listed here."""

from wagtail.images.models import Filter

TEMPLATE_SPECS = [
    # Hero (home and landing pages).
    "format-{avif,webp,jpeg} fill-{640x420-c75,960x630-c75,1280x840-c75}",
    # Article and page header image.
    "format-{avif,webp,jpeg} fill-{640x360,960x540,1280x720}",
    # Cards and listings.
    "format-{avif,webp,jpeg} fill-{400x250,800x500}",
    # Gallery thumbnails.
    "format-{avif,webp,jpeg} fill-{400x300,800x600}",
    # Figures in the body.
    "format-{avif,webp,jpeg} width-{480,800,1200}",
    # Social cards, portraits, the logo.
    "fill-1200x630 format-jpeg",
    "fill-160x160 format-webp",
    "height-48 format-webp",
]

TEMPLATE_RENDITION_SPECS = [
    expanded for spec in TEMPLATE_SPECS for expanded in Filter.expand_spec(spec)
]
