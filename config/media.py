"""Media on a single machine: the web process serves local images itself.

With local storage (no S3 bucket), image files, originals and renditions, are answered
from MEDIA_ROOT with a year of caching: their names are never reused for other
content (Wagtail names renditions after the original and its filter, and the storage
never overwrites a file). Documents are never answered from /media/: Wagtail's own
view (/documents/<id>/<name>) serves them, checking collection privacy, as
attachments with `X-Content-Type-Options: nosniff` and `Content-Security-Policy:
default-src 'none'`. With S3 (more than one machine), the bucket or its CDN serves
media and this view is not mounted (settings.SERVE_MEDIA)."""

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

# Wagtail's folders for images: originals and renditions, never documents/.
IMAGE_FOLDERS = ("original_images/", "images/")
CACHE_CONTROL = "public, max-age=31536000"


@require_safe
def serve_image(request, path: str):
    if not path.startswith(IMAGE_FOLDERS):
        raise Http404("Only images are served from the media folder.")
    # Django's static view: safe_join against MEDIA_ROOT, content type from the
    # name, If-Modified-Since, and a streamed FileResponse (the server's file wrapper).
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = CACHE_CONTROL
    return response
