"""The image renditions the site's templates ask for, so publishing makes them ahead
of any GET (cms/api/renditions.py generates these and the API's own), and the HTML
for them, built from renditions loaded with the image (cms/preload.py).

Keep in step with the `{% responsive_picture %}` and `{% rendition %}` tags in
templates/: a test fails when a template asks for a spec that is not listed here.

A GET never creates a rendition. When one is missing (an image uploaded before the
publish-time task ran, or a focal point changed since), the picture leaves that size
or format out; with no rendition of the fallback format at all, it shows the
original file at its own size, and the next publish makes the renditions."""

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from wagtail.images.models import Filter, Picture

# Hero (home and landing pages).
HERO = "format-{avif,webp,jpeg} fill-{640x420-c75,960x630-c75,1280x840-c75}"
# Article and page header image.
HEADER = "format-{avif,webp,jpeg} fill-{640x360,960x540,1280x720}"
# Cards and listings.
CARD = "format-{avif,webp,jpeg} fill-{400x250,800x500}"
# Gallery thumbnails.
GALLERY = "format-{avif,webp,jpeg} fill-{400x300,800x600}"
# Figures in the body.
FIGURE = "format-{avif,webp,jpeg} width-{480,800,1200}"
# Social cards, portraits, the logo.
SOCIAL = "fill-1200x630 format-jpeg"
PORTRAIT = "fill-160x160 format-webp"
LOGO = "height-48 format-webp"

TEMPLATE_SPECS = [HERO, HEADER, CARD, GALLERY, FIGURE, SOCIAL, PORTRAIT, LOGO]

TEMPLATE_RENDITION_SPECS = [
    expanded for spec in TEMPLATE_SPECS for expanded in Filter.expand_spec(spec)
]

_FILTERS: dict[str, list[Filter]] = {}
FORMATS = [fmt.name for fmt in Picture.source_format_order]
MIME_TYPES = {fmt.name: fmt.mime_type for fmt in Picture.source_format_order}


def spec_filters(spec: str) -> list[Filter]:
    """Return the Filters of a template spec such as
    "format-{avif,webp,jpeg} fill-{400x300,800x600}" (parsed once per process)."""
    filters = _FILTERS.get(spec)
    if filters is None:
        filters = [Filter(spec=s) for s in Filter.expand_spec(spec)]
        _FILTERS[spec] = filters
    return filters


def _format_of(filter_spec: str) -> str:
    for fmt in FORMATS:
        if f"format-{fmt}" in filter_spec:
            return fmt
    return ""


@dataclass
class Original:
    """The original file, standing in for a rendition not made yet."""

    url: str
    width: int
    height: int


def existing_renditions(image, spec: str) -> list:
    """Return the renditions of `spec` that exist for `image`, in the spec's order,
    never creating one: from the renditions loaded with the image (cms/preload.py),
    else one query."""
    filters = spec_filters(spec)
    loaded = getattr(image, "cms_renditions", None)
    if loaded is None:
        loaded = list(
            image.renditions.filter(filter_spec__in=[f.spec for f in filters])
        )
        image.cms_renditions = loaded
    found = {(r.filter_spec, r.focal_point_key): r for r in loaded}
    # The focal point key depends on the image and the filter's operations only.
    keys = image.__dict__.setdefault("_cms_focal_keys", {})
    renditions = []
    for filter_ in filters:
        key = keys.get(filter_.spec)
        if key is None:
            key = keys[filter_.spec] = filter_.get_cache_key(image)
        rendition = found.get((filter_.spec, key))
        if rendition is not None:
            renditions.append(rendition)
    return renditions


def rendition_or_original(image, spec: str):
    """Return the first existing rendition of `spec`, or the original file."""
    renditions = existing_renditions(image, spec)
    if renditions:
        return renditions[0]
    return Original(url=image.file.url, width=image.width, height=image.height)


def _srcset(renditions) -> str:
    # Width descriptors even for one candidate: `sizes` is only valid beside them.
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


def picture_html(image, spec: str, attrs: dict) -> str:
    """Return the <picture> Wagtail's `{% picture %}` would, from existing renditions
    only (see the module docstring for what a missing one gives)."""
    by_format = defaultdict(list)
    for rendition in existing_renditions(image, spec):
        by_format[_format_of(rendition.filter_spec)].append(rendition)
    fallback_format = next(
        (fmt for fmt in reversed(FORMATS) if by_format.get(fmt)), None
    )
    if fallback_format is None:
        fallback = [
            Original(url=image.file.url, width=image.width, height=image.height)
        ]
    else:
        fallback = by_format[fallback_format]
    sources = [
        "<source{}>".format(
            flatatt(
                {
                    "srcset": _srcset(by_format[fmt]),
                    "sizes": attrs.get("sizes"),
                    "type": MIME_TYPES[fmt],
                }
            )
        )
        for fmt in FORMATS
        if fmt != fallback_format and by_format.get(fmt)
    ]
    img_attrs = {
        "src": fallback[0].url,
        "width": fallback[0].width,
        "height": fallback[0].height,
        "alt": image.default_alt_text,
        **apps.get_app_config("wagtailimages").default_attrs,
        **attrs,
    }
    if len(fallback) > 1 or "sizes" in img_attrs:
        img_attrs["srcset"] = _srcset(fallback)
    return mark_safe(f"<picture>{''.join(sources)}<img{flatatt(img_attrs)}></picture>")  # noqa: S308 - flatatt escapes
