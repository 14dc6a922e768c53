"""How measurements become table rows, and what `make profile` picks."""

from bench.profile import choose
from bench.run import build_rows, request_headers, resolve_path
from bench.scenarios import EDITOR, OFF, WARM, Scenario

HOME_WARM = Scenario("home", "/", cache=WARM, target_pct=25.0, max_queries=8)
EVENTS = Scenario("events", "/events/", cache=OFF, profile="page")
PENDING = Scenario("article", None, pending="issue 3")
MEDIANS = {"rps": 100.0, "p50_ms": 5.0, "p99_ms": 9.0, "pct": 1.5}


def medians(**overrides):
    return {**MEDIANS, "rounds": 3, "errors": 0, "bad_status": 0, **overrides}


def test_a_warm_row_without_a_page_cache_says_it_measures_the_uncached_page():
    counted = {"queries": 4, "writes": 0, "page_cache": False, "miss_queries": 4}
    [row] = build_rows(
        [HOME_WARM],
        {HOME_WARM.label: medians()},
        {HOME_WARM.label: counted},
        {},
        {HOME_WARM.label: "/"},
    )
    assert (row.rps, row.pct, row.queries) == (100.0, 1.5, 4)
    assert any("no page cache yet" in note for note in row.notes)


def test_a_warm_row_with_a_page_cache_has_no_such_note():
    counted = {"queries": 0, "writes": 0, "page_cache": True, "miss_queries": 4}
    [row] = build_rows(
        [HOME_WARM],
        {HOME_WARM.label: medians()},
        {HOME_WARM.label: counted},
        {},
        {HOME_WARM.label: "/"},
    )
    assert row.notes == []


def test_pending_skipped_and_failing_rows_say_why():
    rows = build_rows(
        [PENDING, EVENTS],
        {EVENTS.label: medians(bad_status=7)},
        {
            EVENTS.label: {
                "queries": 2,
                "writes": 1,
                "write_tables": ["wagtailimages_rendition"],
            }
        },
        {},
        {EVENTS.label: "/events/"},
    )
    assert rows[0].notes == ["not measured yet: issue 3"]
    assert not rows[0].measured
    assert "1 writes on a GET (wagtailimages_rendition)" in rows[1].notes
    assert any("7 non-2xx/3xx" in note for note in rows[1].notes)


def test_a_url_answering_an_error_is_not_measured():
    [row] = build_rows([EVENTS], {}, {}, {EVENTS.label: "HTTP 404: not measured"}, {})
    assert row.notes == ["HTTP 404: not measured"]
    assert not row.measured


def test_static_paths_resolve_to_their_hashed_url():
    static = Scenario("css", "static:css/site.css")
    assert resolve_path(static, {"css/site.css": "/static/css/site.1.css"}) == (
        "/static/css/site.1.css"
    )
    assert resolve_path(EVENTS, {}) == "/events/"


def test_editor_requests_carry_the_session_and_csrf_token():
    fixtures = {"session": "s3ss10n", "csrf_token": "t0k3n"}
    headers = request_headers(Scenario("x", "/", auth=EDITOR), fixtures)
    assert headers["Cookie"] == "sessionid=s3ss10n; csrftoken=t0k3n"
    assert headers["X-CSRFToken"] == "t0k3n"
    assert "Cookie" not in request_headers(EVENTS, fixtures)


def test_profile_picks_the_slowest_measured_uncached_page_and_the_api_listing():
    slow = Scenario("slow page", "/slow/", cache=OFF, profile="page")
    api = Scenario("api listing", "/api/", profile="api")
    results = {
        "rows": [
            {"label": EVENTS.label, "rps": 300.0},
            {"label": slow.label, "rps": 50.0},
        ]
    }
    chosen = choose([EVENTS, slow, api, PENDING], results)
    assert [s.label for s in chosen] == [slow.label, api.label]


def test_profile_without_results_profiles_every_uncached_page():
    chosen = choose([EVENTS, HOME_WARM], None)
    assert [s.label for s in chosen] == [EVENTS.label]


def test_writes_are_attributed_to_the_table_they_write():
    from bench.queries import written_table

    assert written_table('INSERT INTO "wagtailimages_rendition" (a) VALUES (1)') == (
        "wagtailimages_rendition"
    )
    assert written_table('UPDATE "jobs_jobstate" SET "a" = 1') == "jobs_jobstate"
    assert written_table('DELETE FROM "django_session" WHERE 1') == "django_session"


def test_static_files_are_collected_again_only_when_sources_are_newer(
    tmp_path, monkeypatch
):
    import os

    from bench import run

    monkeypatch.setattr(run, "STATIC_ROOT", tmp_path / "collected")
    monkeypatch.setattr(run, "PROJECT_DIR", tmp_path)
    monkeypatch.delenv("BENCH_COLLECTSTATIC", raising=False)
    (tmp_path / "static").mkdir()
    source = tmp_path / "static" / "site.css"
    source.write_text("body {}")
    assert run.static_files_stale()  # nothing collected yet

    (tmp_path / "collected").mkdir()
    manifest = tmp_path / "collected" / "staticfiles.json"
    manifest.write_text("{}")
    os.utime(source, (1_000_000, 1_000_000))
    assert not run.static_files_stale()

    monkeypatch.setenv("BENCH_COLLECTSTATIC", "1")
    assert run.static_files_stale()
    monkeypatch.delenv("BENCH_COLLECTSTATIC")

    os.utime(source, (manifest.stat().st_mtime + 10,) * 2)
    assert run.static_files_stale()
