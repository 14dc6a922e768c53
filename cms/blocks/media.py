"""Media blocks: figure (image with alt text and caption), gallery, video, document."""

from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from wagtail import blocks

from cms import images
from cms.blocks.choosers import DocumentChooserBlock, ImageBlock
from cms.blocks.representation import image_representation

MEDIA_GROUP = "Media"


class FigureBlock(blocks.StructBlock):
    # The renditions its template shows (cms/preload.py loads only these).
    picture_spec = images.FIGURE

    # Wagtail's ImageBlock carries alt text per use (or "decorative").
    image = ImageBlock(help_text="Choose an image and describe it for screen readers.")
    caption = blocks.CharBlock(
        required=False, max_length=250, help_text="Shown under the image (optional)."
    )

    class Meta:
        icon = "image"
        group = MEDIA_GROUP
        template = "blocks/figure.html"
        description = "One image with alt text and an optional caption."
        preview_value = {"caption": "Our studio in spring."}

    def get_api_representation(self, value, context=None):
        return {
            "image": image_representation(value.get("image")),
            "caption": value.get("caption") or "",
        }


class GalleryBlock(blocks.StructBlock):
    picture_spec = images.GALLERY  # for its figures too

    title = blocks.CharBlock(
        required=False, max_length=120, help_text="Optional heading."
    )
    images = blocks.ListBlock(FigureBlock(), min_num=2, max_num=24)

    class Meta:
        icon = "image"
        group = MEDIA_GROUP
        template = "blocks/gallery.html"
        description = "A responsive grid of two or more images."
        preview_value = {"title": "Recent work"}

    def get_api_representation(self, value, context=None):
        figure = self.child_blocks["images"].child_block
        return {
            "title": value.get("title") or "",
            "images": [
                figure.get_api_representation(item, context)
                for item in value.get("images") or []
            ],
        }


def video_embed_url(url: str) -> str | None:
    """Return the privacy-friendly player URL for a YouTube or Vimeo link, or None."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    video_id = None
    if host == "youtu.be":
        video_id = parsed.path.strip("/")
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = (parse_qs(parsed.query).get("v") or [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
        if video_id:
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
        return None
    elif host in {"vimeo.com", "player.vimeo.com"}:
        last = parsed.path.rstrip("/").rsplit("/", 1)[-1]
        if last.isdigit():
            return f"https://player.vimeo.com/video/{last}?dnt=1"
        return None
    if video_id and video_id.replace("-", "").replace("_", "").isalnum():
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return None


class VideoValue(blocks.StructValue):
    def embed_url(self) -> str | None:
        return video_embed_url(self.get("url") or "")


class VideoBlock(blocks.StructBlock):
    # Not Wagtail's EmbedBlock: oEmbed would fetch third-party HTML at save and render
    # time; building the player URL ourselves keeps the CSP's frame-src exact and
    # uses the providers' no-tracking players.
    url = blocks.URLBlock(help_text="A YouTube or Vimeo link.")
    title = blocks.CharBlock(
        max_length=150, help_text="Describes the video for screen readers."
    )
    caption = blocks.CharBlock(required=False, max_length=250, help_text="Optional.")

    class Meta:
        icon = "media"
        group = MEDIA_GROUP
        template = "blocks/video.html"
        value_class = VideoValue
        description = "A YouTube or Vimeo video, played without tracking cookies."
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Big Buck Bunny",
            "caption": "",
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("url") and video_embed_url(value["url"]) is None:
            raise blocks.StructBlockValidationError(
                {"url": ValidationError("Use a YouTube or Vimeo video link.")}
            )
        return value

    def get_api_representation(self, value, context=None):
        return {
            "url": value["url"],
            "embed_url": value.embed_url(),
            "title": value["title"],
            "caption": value.get("caption") or "",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(help_text="The file to download.")
    title = blocks.CharBlock(
        required=False,
        max_length=150,
        help_text="Link text; defaults to the document's title.",
    )

    class Meta:
        icon = "doc-full"
        group = MEDIA_GROUP
        template = "blocks/document.html"
        description = "A download link showing the file type and size."
        preview_value = {"title": "Annual report (PDF)"}

    def get_api_representation(self, value, context=None):
        document = value.get("document")
        return {
            "document": document.pk if document else None,
            "title": value.get("title") or (document.title if document else ""),
            "file_extension": document.file_extension if document else "",
        }
