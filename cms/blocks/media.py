"""Media blocks: figure (image with alt text and caption), gallery, video, document."""

from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from wagtail import blocks

from cms import images
from cms.blocks.choosers import DocumentChooserBlock, ImageBlock
from cms.blocks.schema import STRING, URI, nullable_scalar, obj

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
        image = self.child_blocks["image"]
        return {
            "image": image.get_api_representation(value.get("image"), context),
            "caption": value.get("caption") or "",
        }

    def api_schema(self, schema):
        return obj(
            {"image": schema.block(self.child_blocks["image"]), "caption": STRING}
        )


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
        images = self.child_blocks["images"]
        return {
            "title": value.get("title") or "",
            "images": images.get_api_representation(value.get("images") or [], context),
        }

    def api_schema(self, schema):
        return obj(
            {"title": STRING, "images": schema.block(self.child_blocks["images"])}
        )


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

    def api_schema(self, schema):
        return obj(
            {
                "url": URI,
                "embed_url": nullable_scalar(
                    "string",
                    format="uri",
                    description="The provider's player without tracking cookies "
                    "(YouTube or Vimeo), for an iframe.",
                ),
                "title": STRING,
                "caption": STRING,
            }
        )


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
        document = self.child_blocks["document"].get_api_representation(
            value.get("document"), context
        )
        return {
            "document": document,
            "title": value.get("title") or (document["title"] if document else ""),
        }

    def api_schema(self, schema):
        return obj(
            {
                "document": schema.block(self.child_blocks["document"]),
                "title": {
                    **STRING,
                    "description": "The link text: the one given, or the "
                    "document's title.",
                },
            }
        )
