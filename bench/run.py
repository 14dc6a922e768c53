"""`make bench`: serve the project with the real web process and production settings,
drive it with wrk in interleaved rounds, and write bench/results/latest.{md,json,svg}.

Environment (all optional): BENCH_ROUNDS (3), BENCH_SECONDS (2), BENCH_WARMUP (1),
BENCH_CONNECTIONS (16), BENCH_WRK_THREADS (2), WEB_THREADS (4),
BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/wt_bench),
BENCH_REDIS_URL (redis://127.0.0.1:6379/4), BENCH_LANGUAGES (en,de: the site's
LANGUAGES), BENCH_ONLY (run only the scenarios whose
label contains this text, plus the ceiling), BENCH_README=1 (also paste the results
into README.md's Performance section), BENCH_COLLECTSTATIC=1 (collect static files
even when bench/staticfiles/ looks current).

BENCH_BASE=<git ref> (`make bench BASE=<ref>`) also serves that version of the project,
exported from git into a temporary folder, against the same database (migrated by the
current version) and its own Redis database (BENCH_BASE_REDIS_URL, default the next
database number), and measures every project row against both in the same interleaved
rounds: bench/results/compare.md puts them side by side with the throughput ratio.
"""

import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict
from pathlib import Path

from bench import report
from bench.fixtures import BOOKING_USER_COUNT
from bench.imports import read_rss_mib
from bench.protocol import parse_result
from bench.scenarios import (
    APP,
    CEILING,
    EDITOR,
    OFF,
    RSS_LIMIT_MIB,
    SCENARIOS,
    USERS,
    WARM,
    Scenario,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = PROJECT_DIR / "bench" / "results"
# The bench's own collectstatic target: a staticfiles/ left in the checkout would change
# what `make test` sees (WhiteNoise serves from it, the manifest is read).
STATIC_ROOT = PROJECT_DIR / "bench" / "staticfiles"
WRK_SCRIPT = PROJECT_DIR / "bench" / "wrk.lua"
PYTHON = sys.executable
# A probe answered this fast means no request is queued ahead of it.
IDLE_RESPONSE_SECONDS = 0.05
# The base version's web process, when `make bench BASE=<ref>` compares two versions.
BASE = "base"
READY_PATHS = {CEILING: "/", APP: "/healthz", BASE: "/healthz"}

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wt_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/4"
# Variables of the project that must not leak in from the caller's shell.
PROJECT_VARIABLES = {
    "DEBUG",
    "DJANGO_SECRET_KEY",
    "ALLOWED_HOSTS",
    "BASE_URL",
    "SECURE_SSL_REDIRECT",
    "ENVIRONMENT",
    "LOG_FORMAT",
    "LOG_LEVEL",
    "CACHE_URL",
    "REDIS_URL",
    "DATABASE_URL",
    "DJANGO_SETTINGS_MODULE",
    "STATIC_ROOT",
    "PORT",
    "WEB_HOST",
    "TRUSTED_PROXY",
    "SENTRY_DSN",
}


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


STARTED = time.monotonic()


def log(message: str) -> None:
    elapsed = time.monotonic() - STARTED
    print(f"[bench {elapsed:5.0f}s] {message}", file=sys.stderr, flush=True)


def bench_environment(database_url: str, redis_url: str) -> dict[str, str]:
    """Return production settings on loopback: DEBUG off, HTTPS redirect off (wrk
    speaks plain HTTP), PostgreSQL and Redis, the bench urlconf."""
    environment = {k: v for k, v in os.environ.items() if k not in PROJECT_VARIABLES}
    environment.update(
        {
            "DEBUG": "false",
            "ENVIRONMENT": "production",
            # A fresh key each run: sessions made by bench/fixtures.py use it.
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "BASE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "STATIC_ROOT": str(STATIC_ROOT),
            "WEB_HOST": "127.0.0.1",
            "WEB_THREADS": str(_int_env("WEB_THREADS", 4)),
            "PYTHONUNBUFFERED": "1",
            # Two languages, as a bilingual client's site: the demo is then also in
            # German, and every row pays for what a second language costs
            # (BENCH_LANGUAGES=en: one language; the German rows are then skipped).
            "LANGUAGES": os.environ.get("BENCH_LANGUAGES", "").strip() or "en,de",
            # wrk is one client on one address: with the production rates every API
            # row would measure 429 refusals. The throttles still run (and cost their
            # cache round trip); they just never refuse.
            "API_THROTTLE_ANON": "1000000/minute",
            "API_THROTTLE_USER": "1000000/minute",
        }
    )
    return environment


def ensure_wrk() -> str:
    path = shutil.which("wrk")
    if path:
        return path
    log("wrk is missing: installing Debian's package")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    return shutil.which("wrk") or "wrk"


def ensure_database(database_url: str) -> None:
    """Create the bench's PostgreSQL database if it does not exist."""
    import psycopg2
    from psycopg2 import sql

    url = urllib.parse.urlparse(database_url)
    if not url.scheme.startswith("postgres"):
        return
    name = url.path.lstrip("/")
    connection = psycopg2.connect(
        host=url.hostname,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname="postgres",
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                log(f"creating database {name}")
                cursor.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
                )
    finally:
        connection.close()


def manage(environment: dict[str, str], *args: str, cwd: Path = PROJECT_DIR) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=cwd,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def run_json(environment: dict[str, str], args: list[str], stdin: str = "") -> dict:
    completed = subprocess.run(
        [PYTHON, *args],
        cwd=PROJECT_DIR,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"{' '.join(args)} failed")
    return parse_result(completed.stdout)


def booking_users_needed() -> int:
    """Return the size of the pool of users for the create-booking row:
    BENCH_BOOKING_USERS, else enough for 500 bookings a second through the warm-up
    and every round (5,000 at least)."""
    if os.environ.get("BENCH_BOOKING_USERS", "").strip():
        return _int_env("BENCH_BOOKING_USERS", 0)
    seconds = _int_env("BENCH_WARMUP", 1) + _int_env("BENCH_ROUNDS", 3) * _int_env(
        "BENCH_SECONDS", 2
    )
    return max(BOOKING_USER_COUNT, 500 * seconds)


def static_files_stale() -> bool:
    """Return whether bench/staticfiles/ needs collecting: compressing every admin file
    takes a minute or more, so it is skipped while the manifest is newer than the
    project's static files and the pinned requirements (BENCH_COLLECTSTATIC=1 forces
    it)."""
    manifest = STATIC_ROOT / "staticfiles.json"
    if os.environ.get("BENCH_COLLECTSTATIC") == "1" or not manifest.exists():
        return True
    sources = [
        PROJECT_DIR / "requirements.txt",
        *(path for path in (PROJECT_DIR / "static").rglob("*") if path.is_file()),
    ]
    newest = max(path.stat().st_mtime for path in sources if path.exists())
    return newest > manifest.stat().st_mtime


def prepare(
    environment: dict[str, str], database_url: str, scenarios: list[Scenario]
) -> dict:
    """Migrate, load the demo content, collect static files as a release would, add
    the bench's editor and events; return what the requests need (bench.fixtures)."""
    log("preparing the database (migrate, cache table, demo content, static files)")
    ensure_database(database_url)
    manage(environment, "migrate", "--noinput")
    manage(environment, "createcachetable")
    manage(environment, "load_demo_content")
    if static_files_stale():
        manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
    static_names = [
        s.path.removeprefix("static:")
        for s in scenarios
        if s.path and s.path.startswith("static:")
    ]
    # The pool of users for creating bookings, only when that row runs.
    users = (
        str(booking_users_needed()) if any(s.auth == USERS for s in scenarios) else "0"
    )
    fixtures = run_json(
        {**environment, "BENCH_BOOKING_USERS": users},
        ["-m", "bench.fixtures", *static_names],
    )
    # As the formation would: the worker makes the renditions publishing enqueued
    # (and updates the search index), so no measured GET has to.
    log("running queued jobs (renditions, search index)")
    manage(environment, "worker", "--batch", "--no-startup-delay")
    return fixtures


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WebProcess:
    """`python -m config.server <app>` (the Procfile's web command) on loopback, from
    the project's folder or from a base version's."""

    def __init__(
        self,
        app: str,
        environment: dict[str, str],
        log_path: Path,
        cwd: Path = PROJECT_DIR,
    ):
        self.port = free_port()
        self.log_file = log_path.open("w")
        self.process = subprocess.Popen(
            [PYTHON, "-m", "config.server", app],
            cwd=cwd,
            env={**environment, "PORT": str(self.port)},
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, path: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"web process exited early; see {self.log_file.name}")
            try:
                with urllib.request.urlopen(self.base_url + path, timeout=2):
                    return
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        raise SystemExit(f"web process not ready after {timeout}s")

    def wait_idle(self, path: str, timeout: float = 60) -> None:
        """Wait until the server has drained what the last wrk run left queued (slow
        pages can leave seconds of work behind), so it does not slow the next run."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                with urllib.request.urlopen(self.base_url + path, timeout=timeout):
                    pass
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() - started < IDLE_RESPONSE_SECONDS:
                return
        log(f"server still busy after {timeout}s; measuring anyway")

    def memory_mib(self, field: str) -> float | None:
        # The app lives in Gunicorn's worker, the web process's child (one by default:
        # WEB_CONCURRENCY=1); the master itself holds no app.
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        return read_rss_mib(
            Path(f"/proc/{pids[0] if pids else self.process.pid}/status"), field
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()


class UserPool:
    """The signed-in users of bench/fixtures.py, handed out once each: every request
    of a USERS scenario (creating a booking) comes from a user who has not booked."""

    HEADER = "Authorization"

    def __init__(self, tokens: list[str], path: Path):
        self.tokens = tokens
        self.next = 0
        self.path = path
        path.write_text("".join(f"{self.HEADER}: Token {token}\n" for token in tokens))

    def take(self) -> dict[str, str]:
        """Return the headers of one unused user."""
        if not self.tokens:
            raise SystemExit("no booking users: bench/fixtures.py made none")
        token = self.tokens[self.next % len(self.tokens)]
        self.next += 1
        return {self.HEADER: f"Token {token}"}

    def wrk_environment(self, threads: int) -> dict[str, str]:
        return {
            "BENCH_ROTATE_FILE": str(self.path),
            "BENCH_ROTATE_OFFSET": str(self.next),
            "BENCH_THREADS": str(threads),
        }

    def used_by_run(self, next_rotation: int) -> None:
        """Skip the users of a finished wrk run: it reports the first line none of
        its threads used (bench/wrk.lua)."""
        self.next = max(self.next, next_rotation)

    @property
    def exhausted(self) -> bool:
        return self.next > len(self.tokens)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def resolve_path(scenario: Scenario, static_urls: dict[str, str]) -> str | None:
    if scenario.path and scenario.path.startswith("static:"):
        return static_urls.get(scenario.path.removeprefix("static:"))
    return scenario.path


def request_headers(
    scenario: Scenario, fixtures: dict, pool: UserPool | None = None
) -> dict[str, str]:
    """Return the scenario's headers; for a USERS scenario with a pool, one unused
    user's (wrk's runs rotate through the pool themselves)."""
    headers = dict(scenario.headers)
    if scenario.auth == USERS and pool is not None:
        headers.update(pool.take())
    if scenario.auth == EDITOR:
        headers["Cookie"] = (
            f"sessionid={fixtures['session']}; csrftoken={fixtures['csrf_token']}"
        )
        headers["X-CSRFToken"] = fixtures["csrf_token"]
    return headers


def probe(url: str, scenario: Scenario, headers: dict[str, str]) -> int:
    """Return the HTTP status of one request (redirects not followed)."""
    request = urllib.request.Request(
        url,
        method=scenario.method,
        headers=headers,
        data=scenario.body.encode() if scenario.body else None,
    )
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as error:
        return error.code


def check_editor_session(base_url: str, fixtures: dict) -> None:
    """Stop unless the editor's cookie really signs in (the admin answers 200, not a
    redirect to its login page): otherwise the editor rows would measure anonymous
    requests."""
    editor = Scenario("editor check", "/admin/", auth=EDITOR)
    status = probe(base_url + "/admin/", editor, request_headers(editor, fixtures))
    if status != 200:
        raise SystemExit(f"the bench editor is not signed in (/admin/ gave {status})")


def run_wrk(
    wrk: str,
    url: str,
    scenario: Scenario,
    headers: dict[str, str],
    seconds: int,
    pool: UserPool | None = None,
) -> report.Measurement:
    threads = _int_env("BENCH_WRK_THREADS", 2)
    connections = _int_env("BENCH_CONNECTIONS", 16)
    environment = {
        **os.environ,
        "BENCH_METHOD": scenario.method,
        "BENCH_BODY": scenario.body or "",
        "BENCH_HEADERS": "\n".join(f"{k}: {v}" for k, v in headers.items()),
        "BENCH_BUST": "1" if scenario.cache == OFF else "0",
    }
    rotating = scenario.auth == USERS and pool is not None
    if rotating:
        environment.update(pool.wrk_environment(threads))
    completed = subprocess.run(
        [
            wrk,
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(WRK_SCRIPT),
            url,
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    )
    data = parse_result(completed.stdout)
    if rotating:
        pool.used_by_run(data["next_rotation"])
    return report.Measurement(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        errors=data["errors"],
        bad_status=data["bad_status"],
    )


def machine() -> dict[str, str]:
    from importlib.metadata import version

    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    wrk_version = subprocess.run(
        ["wrk", "--version"], capture_output=True, text=True
    ).stdout.splitlines()
    return {
        "nproc": subprocess.run(
            ["nproc"], capture_output=True, text=True
        ).stdout.strip(),
        "cpu": cpu,
        "python": platform.python_version(),
        "django": version("django"),
        "wagtail": version("wagtail"),
        "gunicorn": version("gunicorn"),
        "wrk": wrk_version[0].split(" [")[0] if wrk_version else "wrk",
    }


def next_redis_database(redis_url: str) -> str:
    """Return the Redis URL of the database after the given one (the base version's
    cache must not read values pickled by the current version)."""
    url = urllib.parse.urlparse(redis_url)
    number = int(url.path.lstrip("/") or 0)
    return urllib.parse.urlunparse(url._replace(path=f"/{(number + 1) % 16}"))


def export_base(ref: str) -> tuple[Path, str]:
    """Export the tree of a git ref into a temporary folder; return it and the ref's
    short commit id."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", f"{ref}^{{commit}}"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    folder = Path(tempfile.mkdtemp(prefix=f"bench-base-{commit}-"))
    archive = subprocess.Popen(
        ["git", "archive", "--format=tar", commit],
        cwd=PROJECT_DIR,
        stdout=subprocess.PIPE,
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], stdin=archive.stdout, check=True)
    archive.stdout.close()
    if archive.wait() != 0:
        raise SystemExit(f"git archive {commit} failed")
    return folder, commit


def prepare_base(
    ref: str, environment: dict[str, str], redis_url: str
) -> tuple[Path, str, dict[str, str]]:
    """Export the base version and collect its static files; return its folder, its
    commit and its environment."""
    folder, commit = export_base(ref)
    log(f"base version {commit} exported to {folder}; collecting its static files")
    base_environment = {
        **environment,
        "REDIS_URL": os.environ.get(
            "BENCH_BASE_REDIS_URL", next_redis_database(redis_url)
        ),
        "STATIC_ROOT": str(folder / "bench" / "staticfiles"),
    }
    manage(
        base_environment, "collectstatic", "--noinput", "--verbosity", "0", cwd=folder
    )
    return folder, commit, base_environment


def selected_scenarios() -> list[Scenario]:
    only = os.environ.get("BENCH_ONLY", "").strip().lower()
    if not only:
        return SCENARIOS
    return [s for s in SCENARIOS if s.server == CEILING or only in s.label.lower()]


def build_rows(
    scenarios: list[Scenario],
    summary: dict,
    queries: dict,
    skipped: dict[str, str],
    paths: dict[str, str | None],
) -> list[report.Row]:
    rows = []
    for scenario in scenarios:
        row = report.Row(
            label=scenario.label,
            path=paths.get(scenario.label) or "",
            target_pct=scenario.target_pct,
            max_queries=scenario.max_queries,
        )
        rows.append(row)
        if scenario.is_pending:
            row.notes.append(f"not measured yet: {scenario.pending}")
            continue
        if scenario.label in skipped:
            row.notes.append(skipped[scenario.label])
            continue
        medians = summary.get(scenario.label)
        if medians is None:
            continue
        row.rps, row.p50_ms, row.p99_ms, row.pct = (
            medians["rps"],
            medians["p50_ms"],
            medians["p99_ms"],
            medians["pct"],
        )
        counted = queries.get(scenario.label)
        if counted is not None:
            row.queries = counted["queries"]
            if scenario.cache == WARM and not counted.get("page_cache"):
                row.notes.append(
                    "no page cache yet: this row is the uncached page "
                    f"({counted['miss_queries']} SQL on a miss too)"
                )
            if scenario.method == "GET" and counted["writes"]:
                tables = ", ".join(counted["write_tables"])
                row.notes.append(f"{counted['writes']} writes on a GET ({tables})")
            elif scenario.method == "GET" and counted.get("first_writes"):
                tables = ", ".join(counted["first_write_tables"])
                row.notes.append(
                    f"the first GET wrote {counted['first_writes']} rows ({tables})"
                )
        if medians["errors"] or medians["bad_status"]:
            row.notes.append(
                f"{medians['bad_status']} non-2xx/3xx, {medians['errors']} socket "
                "errors/timeouts"
            )
    return rows


def write_results(result: dict, rows: list[report.Row], table: str) -> None:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    settings = result["settings"]
    machine_info = result["machine"]
    memory = result["memory"]
    imports = result["imports"]
    lines = [
        "# Benchmark results",
        "",
        f"- Date: {result['date']}",
        f"- Machine: {machine_info['nproc']} CPUs ({machine_info['cpu']}), shared; "
        f"Python {machine_info['python']}, Django {machine_info['django']}, "
        f"Wagtail {machine_info['wagtail']}, Gunicorn {machine_info['gunicorn']}, "
        f"{machine_info['wrk']}",
        f"- Server: `python -m config.server` (Gunicorn, {settings['web_threads']} "
        "threads), production settings (DEBUG off), PostgreSQL, Redis cache; wrk "
        f"with {settings['connections']} connections, {settings['wrk_threads']} "
        "threads, on loopback",
        f"- Method: {settings['rounds']} interleaved round(s) of "
        f"{settings['seconds']} s per scenario after a warm-up; every figure is the "
        "median over the rounds; % of ceiling is taken against the ceiling measured "
        "in the same round",
        "- Reproduce: `make bench` (or `BENCH_ROUNDS=5 BENCH_SECONDS=10 make bench`)",
        "",
        table,
        "",
        f"Web process memory after the run: RSS {memory['rss_mib']:.0f} MiB "
        f"(peak {memory['peak_mib']:.0f} MiB): "
        f"{report.rss_verdict(memory['rss_mib'], RSS_LIMIT_MIB)}. The ceiling "
        f"process: {memory['ceiling_rss_mib']:.0f} MiB.",
        "",
        "The project loaded as the web process loads it (settings, apps, URLs; "
        "`bench/imports.py`) holds "
        f"{imports['project_mib']:.0f} MiB, with "
        f"{', '.join(imports['loaded_by_project']) or 'none'} of django-ninja and "
        "pydantic (Wagtail's v3 API, which its own apps import at start-up).",
        "",
        "![% of ceiling](latest.svg)",
        "",
    ]
    (RESULTS_DIR / "latest.md").write_text("\n".join(lines))
    if os.environ.get("BENCH_README") == "1":
        readme = PROJECT_DIR / "README.md"
        # The README shows the table and the memory line; latest.md keeps the rest.
        block = "\n".join(line for line in lines[2:-2] if not line.startswith("# "))
        readme.write_text(report.replace_results_block(readme.read_text(), block))
    (RESULTS_DIR / "latest.json").write_text(
        json.dumps({**result, "rows": [asdict(row) for row in rows]}, indent=2) + "\n"
    )
    title = (
        f"% of ceiling, {result['date'][:10]}, {machine_info['nproc']} CPUs, "
        f"median of {settings['rounds']} rounds"
    )
    (RESULTS_DIR / "latest.svg").write_text(report.svg_chart(rows, title))


def measure(
    wrk: str,
    servers: dict[str, WebProcess],
    scenario: Scenario,
    path: str,
    fixtures: dict,
    seconds: int,
    pool: UserPool,
    base: bool,
) -> dict[str, report.Measurement]:
    """Run one scenario for the given seconds against its server and, for a project
    row with a base version being compared, right after against the base; return the
    measurements by label."""
    measured = {}
    targets = [(scenario.server, scenario.label)]
    if base and scenario.server == APP:
        targets.append((BASE, report.base_label(scenario.label)))
    for server, label in targets:
        headers = request_headers(scenario, fixtures)
        measured[label] = run_wrk(
            wrk, servers[server].base_url + path, scenario, headers, seconds, pool
        )
        servers[server].wait_idle(READY_PATHS[server])
    return measured


def main() -> int:
    rounds = _int_env("BENCH_ROUNDS", 3)
    seconds = _int_env("BENCH_SECONDS", 2)
    warmup = _int_env("BENCH_WARMUP", 1)
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    scenarios = selected_scenarios()
    wrk = ensure_wrk()
    environment = bench_environment(database_url, redis_url)

    fixtures = prepare(environment, database_url, scenarios)
    base_ref = os.environ.get("BENCH_BASE", "").strip()
    base_folder = base_commit = None
    if base_ref:
        base_folder, base_commit, base_environment = prepare_base(
            base_ref, environment, redis_url
        )
    tokens_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed at the end
        "w", prefix="bench-users-", suffix=".txt", delete=False
    )
    tokens_file.close()
    pool = UserPool(fixtures["booking"]["tokens"], Path(tokens_file.name))
    paths = {s.label: resolve_path(s, fixtures["static"]) for s in scenarios}
    # Start from an empty page cache, so "warm" rows are warmed by the bench itself.
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    if base_ref:
        redis.Redis.from_url(base_environment["REDIS_URL"]).flushdb()

    log("counting SQL queries per request (in process, django.test.Client)")
    app_scenarios = [
        {
            "label": s.label,
            "path": paths[s.label],
            "method": s.method,
            "auth": s.auth,
            "cache": s.cache,
            "body": s.body,
            "headers": s.headers,
            # A USERS scenario's two counted requests come from two unused users.
            "rotate": [pool.take(), pool.take()] if s.auth == USERS else [],
        }
        for s in scenarios
        if s.server == APP and paths[s.label]
    ]
    counted = run_json(
        environment, ["-m", "bench.queries"], stdin=json.dumps(app_scenarios)
    )

    log("measuring what Wagtail's v3 API and django-ninja would cost in memory")
    imports = run_json(environment, ["-m", "bench.imports"])

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    servers = {
        CEILING: WebProcess(
            "bench.ceiling:application", environment, RESULTS_DIR / "ceiling.log.tmp"
        ),
        APP: WebProcess(
            "bench.wsgi:application", environment, RESULTS_DIR / "web.log.tmp"
        ),
    }
    if base_ref:
        servers[BASE] = WebProcess(
            "bench.wsgi:application",
            base_environment,
            RESULTS_DIR / "base.log.tmp",
            cwd=base_folder,
        )
    try:
        for name, server in servers.items():
            server.wait_ready(READY_PATHS[name])
        check_editor_session(servers[APP].base_url, fixtures)
        runnable, skipped = [], {}
        for scenario in scenarios:
            path = paths[scenario.label]
            if scenario.is_pending or path is None:
                continue
            url = servers[scenario.server].base_url + path
            status = probe(url, scenario, request_headers(scenario, fixtures, pool))
            if status >= 400:
                skipped[scenario.label] = f"HTTP {status}: not measured"
                continue
            runnable.append(scenario)

        log(f"warming up ({warmup} s per scenario)")
        for scenario in runnable:
            measure(
                wrk,
                servers,
                scenario,
                paths[scenario.label],
                fixtures,
                warmup,
                pool,
                bool(base_ref),
            )

        measured_rounds = []
        for number in range(rounds):
            # Rotate the order each round, so no scenario always follows the same one.
            shift = number % len(runnable)
            order = runnable[shift:] + runnable[:shift]
            this_round = {}
            for scenario in order:
                this_round.update(
                    measure(
                        wrk,
                        servers,
                        scenario,
                        paths[scenario.label],
                        fixtures,
                        seconds,
                        pool,
                        bool(base_ref),
                    )
                )
            ceiling_rps = this_round[SCENARIOS[0].label].rps
            log(f"round {number + 1}/{rounds} done (ceiling {ceiling_rps:,.0f} req/s)")
            measured_rounds.append(this_round)
        memory = {
            "rss_mib": servers[APP].memory_mib("VmRSS"),
            "peak_mib": servers[APP].memory_mib("VmHWM"),
            "ceiling_rss_mib": servers[CEILING].memory_mib("VmRSS"),
        }
    finally:
        for server in servers.values():
            server.stop()
        Path(tokens_file.name).unlink(missing_ok=True)
        if base_folder is not None:
            shutil.rmtree(base_folder, ignore_errors=True)
    if pool.exhausted:
        # Later requests reused users, who were refused (409): the row says so too.
        log(f"the {len(pool.tokens)} booking users ran out: set BENCH_BOOKING_USERS")

    summary = report.summarise(measured_rounds, SCENARIOS[0].label)
    rows = build_rows(scenarios, summary, counted["scenarios"], skipped, paths)
    table = report.markdown_table(rows)
    result = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "settings": {
            "rounds": rounds,
            "seconds": seconds,
            "warmup": warmup,
            "connections": _int_env("BENCH_CONNECTIONS", 16),
            "wrk_threads": _int_env("BENCH_WRK_THREADS", 2),
            "web_threads": int(environment["WEB_THREADS"]),
        },
        "memory": memory,
        "imports": imports,
        "modules_loaded": counted["modules_loaded"],
        "rounds": [
            {label: asdict(m) for label, m in measured.items()}
            for measured in measured_rounds
        ],
    }
    write_results(result, rows, table)
    print(table)
    print()
    print(
        f"Web process RSS after the run: {memory['rss_mib']:.0f} MiB "
        f"({report.rss_verdict(memory['rss_mib'], RSS_LIMIT_MIB)}); "
        f"the project once loaded: {imports['project_mib']:.0f} MiB"
    )
    print(f"Written: {RESULTS_DIR.relative_to(PROJECT_DIR)}/latest.md, .json, .svg")
    if base_ref:
        comparison = report.comparison_table(rows, summary, "HEAD", base_commit)
        (RESULTS_DIR / "compare.md").write_text(
            f"# HEAD against {base_ref} ({base_commit}), {result['date']}\n\n"
            "The same rows in the same interleaved rounds; the base version serves "
            "the database as the current version migrated it.\n\n"
            f"{comparison}\n"
        )
        print()
        print(comparison)
        print(f"Written: {RESULTS_DIR.relative_to(PROJECT_DIR)}/compare.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
