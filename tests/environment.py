"""The environment tests run in, loaded before Django (`-p tests.environment`).

Tests run with DEBUG off, as production does. Values already set in the environment
(DATABASE_URL, REDIS_URL in CI) win over these defaults.
"""

import os
import tempfile

TEST_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "test-secret-key-9c4f2b7e1a8d6f3c0b5e2a7d4f1c8b6e3a0d7f4c",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "BASE_URL": "http://testserver",
    # The test client speaks plain HTTP; HTTPS behaviour is tested with secure=True.
    "SECURE_SSL_REDIRECT": "false",
    "ENVIRONMENT": "test",
}

for _name, _value in TEST_ENVIRONMENT.items():
    os.environ.setdefault(_name, _value)
# Set, not defaulted: pytest-xdist's workers inherit the main process's environment,
# and each needs its own. Its own media folder; and its own cache keys, since workers
# share the Redis database: each clears only its own (tests/conftest.py).
# Subprocesses of the formation that a test starts inherit both.
_process = os.environ.get("PYTEST_XDIST_WORKER", "main")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix=f"test-media-{_process}-")
os.environ["CACHE_KEY_PREFIX"] = f"test-{_process}"
os.environ.setdefault("DEBUG", "false")
# Playwright's sync API runs an event loop in the test thread; Django would otherwise
# refuse database access from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
