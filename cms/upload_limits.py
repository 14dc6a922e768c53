"""Upload caps the Wagtail admin's own forms leave out (WAGTAILIMAGES_IMAGE_FORM_BASE,
WAGTAILDOCS_DOCUMENT_FORM_BASE).

Wagtail caps an image's bytes and its pixels, but counts the pixels of an animated
GIF or WebP as one frame's (Willow's Pillow plugin reports one frame), and caps a
document's bytes not at all. Here both file kinds get MAX_UPLOAD_BYTES, and an
image's pixels are counted over all its frames."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm


def check_upload_size(file) -> None:
    if file is not None and file.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This file is too big (%(size)s). The largest file accepted is %(max)s.",
            code="file_too_large",
            params={
                "size": filesizeformat(file.size),
                "max": filesizeformat(settings.MAX_UPLOAD_BYTES),
            },
        )


def check_total_pixels(file) -> None:
    """Refuse an image whose frames hold more pixels in all than the cap."""
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    file.seek(0)
    try:
        with PILImage.open(file) as image:
            total = image.width * image.height * getattr(image, "n_frames", 1)
    except (OSError, PILImage.DecompressionBombError):
        total = None  # Wagtail's own field check reports unreadable images
    finally:
        file.seek(0)
    if total is not None and total > limit:
        raise ValidationError(
            "This image has too many pixels in all its frames (%(total)s). "
            "The most accepted is %(limit)s.",
            code="file_too_many_pixels",
            params={"total": f"{total:,}", "limit": f"{limit:,}"},
        )


class ImageForm(BaseImageForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file is not None and "file" in self.changed_data:
            check_total_pixels(file)
        return file


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if "file" in self.changed_data:
            check_upload_size(file)
        return file
