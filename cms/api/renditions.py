"""The fixed, named image renditions the content API offers, and their generation."""

import contextlib

from django_tasks import task

SIZES = {
    "thumbnail": "fill-400x300",
    "small": "max-640x640",
    "medium": "max-1280x1280",
    "large": "max-1920x1920",
}
FORMATS = {
    "jpeg": "format-jpeg|jpegquality-80",
    "webp": "format-webp|webpquality-75",
    "avif": "format-avif|avifquality-60",
}
# name -> Wagtail filter spec, e.g. "medium_webp" -> "max-1280x1280|format-webp|..."
API_RENDITIONS = {
    f"{size}_{fmt}": f"{size_spec}|{format_spec}"
    for size, size_spec in SIZES.items()
    for fmt, format_spec in FORMATS.items()
}


def published_rendition_specs() -> list[str]:
    """Return every filter spec generated at publish time (API and templates)."""
    from django.utils.module_loading import import_string

    specs = list(API_RENDITIONS.values())
    # The site's templates declare theirs in cms.images (if present), so that a GET
    # never has to create a rendition.
    with contextlib.suppress(ImportError):
        specs += import_string("cms.images.TEMPLATE_RENDITION_SPECS")
    return list(dict.fromkeys(specs))


@task(queue_name="default")
def generate_renditions(image_ids: list[int]) -> int:
    """Create the missing publish-time renditions of these images; return the count."""
    from wagtail.images import get_image_model

    from cms.generation_cache import bump_content_version

    specs = published_rendition_specs()
    renditions = get_image_model().get_rendition_model().objects
    before = renditions.filter(image_id__in=image_ids).count()
    images = (
        get_image_model().objects.filter(id__in=image_ids).prefetch_renditions(*specs)
    )
    count = 0
    for image in images:
        image.get_renditions(*specs)
        count += 1
    # Pages and API answers cached meanwhile left the missing sizes out: once new
    # renditions exist, make both caches stale, once (not once per rendition).
    if renditions.filter(image_id__in=image_ids).count() != before:
        bump_content_version()
    return count
