"""The `web` process: Waitress serving a WSGI app, draining requests on SIGTERM.

Usage: python -m config.server [module:callable]   (default: config.wsgi:application)

Plain `waitress-serve` exits on SIGTERM at once, cutting off requests in flight. Here
SIGTERM closes the listening socket (the platform's router stops sending new
connections), lets every request already received finish within WEB_GRACE_SECONDS,
closes idle keep-alive connections, and exits 0.
"""

import importlib
import logging
import os
import signal
import sys
import time

from waitress import wasyncore
from waitress.server import create_server

logger = logging.getLogger("config.server")

DEFAULT_PROXY_HEADERS = (
    "x-forwarded-for x-forwarded-proto x-forwarded-host x-forwarded-port"
)


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
    """Return Waitress's options, read from the environment."""
    options = {
        "host": os.environ.get("WEB_HOST", "0.0.0.0"),  # noqa: S104 - platforms route to it
        "port": _int_env("PORT", 8000),
        "threads": _int_env("WEB_THREADS", 4),
        "connection_limit": _int_env("WEB_CONNECTION_LIMIT", 100),
        "channel_timeout": _int_env("WEB_CHANNEL_TIMEOUT", 60),
        "ident": "",  # no Server header advertising the software
        "clear_untrusted_proxy_headers": True,
    }
    trusted_proxy = os.environ.get("TRUSTED_PROXY", "").strip()
    if trusted_proxy:
        # Only the proxy at this address (or "*" where the platform's router has no
        # fixed address) may set the scheme and client address; from anyone else the
        # X-Forwarded-* headers are removed before the app sees them.
        options["trusted_proxy"] = trusted_proxy
        options["trusted_proxy_count"] = _int_env("TRUSTED_PROXY_COUNT", 1)
        options["trusted_proxy_headers"] = os.environ.get(
            "TRUSTED_PROXY_HEADERS", DEFAULT_PROXY_HEADERS
        )
    return options


def load_app(target: str):
    module_name, _, attribute = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attribute or "application")


class DrainingServer:
    """Run Waitress's event loop here, so that SIGTERM can drain, not kill."""

    def __init__(self, app, *, grace_seconds: float, **options):
        self.server = create_server(app, **options)
        self.grace_seconds = grace_seconds
        self.stop_requested_at: float | None = None

    @property
    def address(self) -> str:
        host, port = self.server.socket.getsockname()[:2]
        return f"http://{host}:{port}"

    def request_stop(self, signum=None, frame=None) -> None:
        if self.stop_requested_at is not None:
            return
        self.stop_requested_at = time.monotonic()
        logger.info("Stopping: no new connections; draining requests in flight")
        # The socket is closed by the loop, not here: a select() interrupted by this
        # signal is retried with the same file descriptors.
        self.server.accepting = False

    def _close_listener(self) -> None:
        if self.server.socket is not None and self.server._fileno is not None:
            self.server.del_channel()
            self.server.socket.close()

    def _channels(self):
        return [
            channel
            for channel in list(self.server._map.values())
            if channel is not self.server and channel is not self.server.trigger
        ]

    def _busy(self) -> bool:
        dispatcher = self.server.task_dispatcher
        if dispatcher.queue or dispatcher.active_count:
            return True
        return any(
            channel.requests or channel.total_outbufs_len or channel.request
            for channel in self._channels()
        )

    def serve_forever(self) -> int:
        signal.signal(signal.SIGTERM, self.request_stop)
        signal.signal(signal.SIGINT, self.request_stop)
        logger.info(
            "Serving on %s with %s threads",
            self.address,
            self.server.adj.threads,
        )
        while True:
            wasyncore.loop(timeout=0.2, map=self.server._map, count=1)
            if self.stop_requested_at is None:
                continue
            self._close_listener()
            waited = time.monotonic() - self.stop_requested_at
            if not self._busy():
                logger.info("Drained in %.2fs; exiting", waited)
                break
            if waited > self.grace_seconds:
                logger.warning(
                    "Grace period of %ss over with requests still in flight; exiting",
                    self.grace_seconds,
                )
                break
        for channel in self._channels():
            channel.close()
        self.server.task_dispatcher.shutdown(cancel_pending=True, timeout=1)
        return 0


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    target = argv[1] if len(argv) > 1 else "config.wsgi:application"
    app = load_app(target)
    if not logging.getLogger().handlers:
        # A bare WSGI app (the benchmark's ceiling) has no Django logging config.
        logging.basicConfig(level=logging.INFO, stream=sys.stdout)
    server = DrainingServer(
        app,
        grace_seconds=float(_int_env("WEB_GRACE_SECONDS", 25)),
        **server_options(),
    )
    return server.serve_forever()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
