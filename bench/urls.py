"""The project's URLs plus a minimal view, the reference row that shows what the
full middleware stack costs with no template, no query and no Wagtail."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

HELLO_PATH = "bench/hello/"


def hello(request):
    return HttpResponse(b"Hello, world!\n", content_type="text/plain")


urlpatterns = [path(HELLO_PATH, hello, name="bench-hello"), *project_urlpatterns]
