"""The `web` process: Gunicorn (threaded gthread workers) serving a WSGI app, with
its options read from the environment.

Usage: python -m config.server [module:callable]   (default: config.wsgi:application)

On SIGTERM Gunicorn stops accepting, answers the requests in flight with
`Connection: close`, closes idle keep-alive connections, and exits 0 within
WEB_GRACE_SECONDS. Waitress is the documented alternative (README, "The web
process"); it has no public API for such a stop, see the figures there.

Memory: before Gunicorn starts (so before any thread, and inherited by the forked
worker), glibc's allocator is told to keep less freed memory (`limit_malloc_arenas`);
once the worker has loaded the app, what it loaded is moved out of the garbage
collector's reach (`freeze_loaded_app`).
"""

import ctypes
import ctypes.util
import gc
import importlib
import ipaddress
import os
import sys

from gunicorn.app.base import BaseApplication

FORWARDED_PREFIX = "HTTP_X_FORWARDED_"

# glibc's mallopt() parameters (malloc.h), and the environment variables glibc reads
# for the same at start-up: an operator's own value wins.
MALLOC_OPTIONS = {
    # Threads share two arenas rather than one each: each arena keeps its own freed
    # memory, which the other threads cannot reuse.
    "MALLOC_ARENA_MAX": (-8, 2),
    # Blocks of 128 KiB and more (response bodies, query results) are mapped apart and
    # given back when freed; without a fixed threshold glibc raises it as large blocks
    # are freed, so they stay in the heap.
    "MALLOC_MMAP_THRESHOLD_": (-3, 128 * 1024),
    # Give back free memory at the top of the heap once it exceeds 128 KiB.
    "MALLOC_TRIM_THRESHOLD_": (-1, 128 * 1024),
}


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        sys.stderr.write(f"Configuration error: {name}={raw!r} is not a whole number\n")
        raise SystemExit(2) from None


def server_options() -> dict:
    """Return Gunicorn's settings, read from the environment."""
    host = os.environ.get("WEB_HOST", "0.0.0.0")  # noqa: S104 - platforms route to it
    port = _int_env("PORT", 8000)
    return {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "worker_class": "gthread",
        "workers": _int_env("WEB_CONCURRENCY", 1),
        "threads": _int_env("WEB_THREADS", 4),
        "worker_connections": _int_env("WEB_CONNECTION_LIMIT", 100),
        "graceful_timeout": _int_env("WEB_GRACE_SECONDS", 25),
        "keepalive": _int_env("WEB_KEEPALIVE_SECONDS", 5),
        # The scheme is taken from X-Forwarded-Proto only when the trusted proxy sent
        # it; the client address is ProxyHeaders' job (Gunicorn leaves REMOTE_ADDR).
        "forwarded_allow_ips": os.environ.get("TRUSTED_PROXY", "").strip(),
        # The project writes its own access log (config/request_id.py).
        "accesslog": None,
        "logconfig_dict": logging_config(),
        # Gunicorn's control socket is one file per user ($HOME/.gunicorn): two web
        # processes on one host would fight over it, and the platform manages ours.
        "control_socket_disable": True,
        "post_worker_init": freeze_loaded_app,
    }


def logging_config() -> dict:
    """Return Gunicorn's own logging (start, signals, worker boots) in the format and
    on the stream of the project's (config/settings.py LOGGING)."""
    log_format = os.environ.get("LOG_FORMAT", "text").strip() or "text"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "config.logs.RequestIdFilter"}},
        "formatters": {
            "text": {"()": "config.logs.TextFormatter"},
            "json": {"()": "config.logs.JsonFormatter"},
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "filters": ["request_id"],
                "formatter": log_format if log_format in {"text", "json"} else "text",
            }
        },
        "root": {
            "handlers": ["stdout"],
            "level": os.environ.get("LOG_LEVEL", "INFO").strip().upper() or "INFO",
        },
        "loggers": {
            "gunicorn.error": {"handlers": [], "propagate": True},
            "gunicorn.access": {"handlers": [], "propagate": False},
        },
    }


class ProxyHeaders:
    """Take the client address from X-Forwarded-For when the request came through
    the trusted proxy (TRUSTED_PROXY, "*" for a router without a fixed address);
    from anyone else, remove the X-Forwarded-* headers before the app sees them."""

    def __init__(self, app, *, trusted_proxy: str, proxy_count: int = 1):
        self.app = app
        self.trusted = {part.strip() for part in trusted_proxy.split(",") if part}
        self.proxy_count = proxy_count

    def _is_trusted(self, address: str) -> bool:
        if "*" in self.trusted:
            return True
        for entry in self.trusted:
            try:
                if ipaddress.ip_address(address) in ipaddress.ip_network(entry):
                    return True
            except ValueError:
                continue
        return False

    def __call__(self, environ, start_response):
        if self._is_trusted(environ.get("REMOTE_ADDR", "")):
            hops = [
                hop.strip()
                for hop in environ.get("HTTP_X_FORWARDED_FOR", "").split(",")
                if hop.strip()
            ]
            if len(hops) >= self.proxy_count:
                environ["REMOTE_ADDR"] = hops[-self.proxy_count]
        else:
            for key in [key for key in environ if key.startswith(FORWARDED_PREFIX)]:
                del environ[key]
        return self.app(environ, start_response)


def load_app(target: str):
    module_name, _, attribute = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attribute or "application")


class WebServer(BaseApplication):
    def __init__(self, target: str, options: dict):
        self.target = target
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self):
        return ProxyHeaders(
            load_app(self.target),
            trusted_proxy=os.environ.get("TRUSTED_PROXY", ""),
            proxy_count=_int_env("TRUSTED_PROXY_COUNT", 1),
        )


def limit_malloc_arenas() -> dict[str, int]:
    """Set glibc's allocator options (MALLOC_OPTIONS) not already set in the
    environment, before any thread starts; return those set. None elsewhere (musl,
    macOS): the web process then keeps the platform's defaults."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return {}
    applied = {}
    for variable, (parameter, value) in MALLOC_OPTIONS.items():
        if variable not in os.environ and mallopt(parameter, value) == 1:
            applied[variable] = value
    return applied


def freeze_loaded_app(worker=None) -> None:
    """Gunicorn's post_worker_init: with the app and its URLs loaded, collect once and
    freeze what is left (gc.freeze), so the collector no longer counts it.

    Python runs a full collection only when the objects that survived since the last
    one reach a quarter of those that survived it before. Counted with the ~100 MiB
    of a loaded Django project, that lets rendering's garbage cycles pile up for
    long; frozen, it is measured against what requests leave, and collected sooner."""
    if "django" in sys.modules:
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 - the first request would load them
    gc.collect()
    gc.freeze()


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    limit_malloc_arenas()
    target = argv[1] if len(argv) > 1 else "config.wsgi:application"
    WebServer(target, server_options()).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
