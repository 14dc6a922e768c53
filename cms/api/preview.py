"""The "App" preview mode: editors see a draft as the apps will get it.

wagtail-headless-preview stores the draft under a signed token; we add expiry to the
token (its own check has none) and keep Wagtail's HTML preview as the default mode.
"""

from django.conf import settings
from django.core.signing import BadSignature
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

APP_PREVIEW_MODE = "app"


class AppPreviewMixin(HeadlessPreviewMixin):
    @property
    def preview_modes(self):
        return [*super().preview_modes, (APP_PREVIEW_MODE, "App (content API)")]

    def serve_preview(self, request, mode_name):
        if mode_name == APP_PREVIEW_MODE:
            return HeadlessPreviewMixin.serve_preview(self, request, mode_name)
        # Skip HeadlessPreviewMixin: the other modes are the site's own HTML.
        return super(HeadlessPreviewMixin, self).serve_preview(request, mode_name)

    @classmethod
    def get_page_from_preview_token(cls, token: str):
        """Return the previewed draft, or None for a bad, expired or foreign token."""
        try:
            cls.get_preview_signer().unsign(
                token, max_age=settings.PREVIEW_TOKEN_MAX_AGE
            )
        except BadSignature:  # includes SignatureExpired
            return None
        from django.contrib.contenttypes.models import ContentType

        preview = PagePreview.objects.filter(
            content_type=ContentType.objects.get_for_model(cls), token=token
        ).first()
        return preview.as_page() if preview is not None else None
