"""Static files answered in front of Django (config/fast_path.py), by WhiteNoise.

WhiteNoise is configured exactly as its Django middleware configures itself, from the
same settings (STATIC_ROOT and STATIC_URL, WHITENOISE_*, hashed names from the
manifest storage served as immutable for ten years), but it is not in MIDDLEWARE: a
static file then costs no Django request handling at all. The security headers the
middleware stack used to add are computed once, at start-up, by Django's own
middleware, so they cannot drift from what pages get."""

from wsgiref.util import FileWrapper

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.security import SecurityMiddleware
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.string_utils import decode_path_info

from config.security_headers import ContentSecurityPolicyMiddleware


class _Probe(HttpRequest):
    """A stand-in request for computing the headers of a static file at start-up."""

    def __init__(self, secure: bool):
        super().__init__()
        self.path = self.path_info = settings.STATIC_URL
        self._secure = secure

    def is_secure(self) -> bool:
        return self._secure


def security_headers(secure: bool) -> list[tuple[str, str]]:
    """What Django's security middleware add to a static file: nosniff,
    Referrer-Policy, Cross-Origin-Opener-Policy, HSTS over HTTPS only; and the public
    Content-Security-Policy and Permissions-Policy (harmless on a stylesheet,
    protective on an SVG or HTML file)."""
    request, response = _Probe(secure), HttpResponse()
    del response["Content-Type"]
    SecurityMiddleware(lambda request: response).process_response(request, response)
    ContentSecurityPolicyMiddleware(lambda request: response).process_response(
        request, response
    )
    response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
    return list(response.items())


# Files up to this size are read into memory and sent in one piece.
SMALL_FILE_BYTES = 256 * 1024


def _size(headers) -> int:
    for name, value in headers:
        if name == "Content-Length":
            return int(value)
    return SMALL_FILE_BYTES + 1


class StaticFiles:
    def __init__(self):
        # get_response is never called: this object only finds and answers files.
        self.whitenoise = WhiteNoiseMiddleware(get_response=None)
        self.headers = {False: security_headers(False), True: security_headers(True)}

    def find(self, environ):
        """The static file this request asks for, or None."""
        path = decode_path_info(environ.get("PATH_INFO", ""))
        if self.whitenoise.autorefresh:  # development: look on disk every time
            return self.whitenoise.find_file(path)
        return self.whitenoise.files.get(path)

    def answer(self, static_file, request):
        """The WSGI answer (status line, headers, body) for one static file."""
        response = static_file.get_response(request.method, request.META)
        headers = [*response.headers, *self.headers[request.is_secure()]]
        if response.file is None:  # HEAD, 304, 416...
            body = []
        elif _size(headers) <= SMALL_FILE_BYTES:
            # Read at once: cheaper for the server than streaming through its file
            # buffer, and most static files (CSS, JS, icons, compressed) are small.
            with response.file:
                body = [response.file.read()]
        else:
            body = request.META.get("wsgi.file_wrapper", FileWrapper)(response.file)
        return f"{response.status} {response.status.phrase}", headers, body
