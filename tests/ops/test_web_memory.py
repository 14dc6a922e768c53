"""The web process tells glibc's allocator to keep less freed memory, before
Gunicorn starts any thread, and the worker freezes what it loaded for the garbage
collector (README "Performance": the web process's RSS)."""

import gc
import platform

import pytest

from config import server

glibc_only = pytest.mark.skipif(
    platform.libc_ver()[0] != "glibc", reason="mallopt() is glibc's"
)


@glibc_only
def test_the_allocator_options_are_set_on_glibc(monkeypatch):
    for variable in server.MALLOC_OPTIONS:
        monkeypatch.delenv(variable, raising=False)

    assert server.limit_malloc_arenas() == {
        "MALLOC_ARENA_MAX": 2,
        "MALLOC_MMAP_THRESHOLD_": 128 * 1024,
        "MALLOC_TRIM_THRESHOLD_": 128 * 1024,
    }


@glibc_only
def test_an_operators_own_allocator_setting_wins(monkeypatch):
    monkeypatch.setenv("MALLOC_ARENA_MAX", "8")

    assert "MALLOC_ARENA_MAX" not in server.limit_malloc_arenas()


def test_the_procfiles_web_command_sets_them_before_gunicorn_starts(monkeypatch):
    calls = []
    monkeypatch.setattr(server, "limit_malloc_arenas", lambda: calls.append("malloc"))
    monkeypatch.setattr(server.WebServer, "run", lambda self: calls.append("run"))

    assert server.main(["config.server"]) == 0
    assert calls == ["malloc", "run"]


def test_the_worker_freezes_what_it_loaded_before_serving():
    assert server.server_options()["post_worker_init"] is server.freeze_loaded_app
    try:
        server.freeze_loaded_app()

        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
