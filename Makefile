# Two commands for a fresh clone: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# `make run` is for a developer's machine: DEBUG defaults to on there (a real
# environment sets its own variables, see .env.example). Tests run as production does.
# BASE_URL is the web's address for every process: honcho gives the worker PORT+100.
export PORT ?= 8000
DEBUG ?= true
# The demo speaks English and German, so the language switcher has something to show;
# a real environment sets its own LANGUAGES (default: English only).
LANGUAGES ?= en,de
DEV := DEBUG=$(DEBUG) BASE_URL=$${BASE_URL:-http://127.0.0.1:$(PORT)} LANGUAGES=$(LANGUAGES)
# With DEBUG on, WhiteNoise serves static files straight from the app folders: no
# collectstatic (and no compression of Wagtail's admin files) before the site answers.
RUN_STATIC := $(if $(filter true True TRUE 1 yes on,$(DEBUG)),,static)

.PHONY: run test screenshots lint format venv migrate demo static clean bench openapi
.PHONY: bench-jobs messages

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

# TypeScript tools for the OpenAPI client test (skipped where npm is missing).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the TypeScript client test will be skipped"; fi

venv: $(STAMP)

# The cache table first: migrate's post-migrate steps (the locales of LANGUAGES) already
# save content, which moves the content version on in the cache.
migrate: $(STAMP)
	$(DEV) $(PY) manage.py createcachetable
	$(DEV) $(PY) manage.py migrate --noinput

demo: migrate
	$(DEV) $(PY) manage.py load_demo_content

static: $(STAMP)
	$(DEV) $(PY) manage.py collectstatic --noinput --verbosity 0

## Set up everything, then start the formation (web, worker, clock) from the Procfile;
## the address and demo login are printed again once the web answers.
run: demo $(RUN_STATIC)
	@$(DEV) $(PY) manage.py demo_login &
	$(DEV) PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho start \
		--procfile Procfile --port $(PORT) web worker clock

## Run the whole test suite (SQLite unless DATABASE_URL is set), one process per core
## (TEST_WORKERS=0 for one process); tests sharing a server-wide lock run on one worker.
TEST_WORKERS ?= auto
test: $(STAMP) node_modules/.installed
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

## Refresh the README's screenshots (docs/screenshots/) from the browser tests.
screenshots: $(STAMP)
	SCREENSHOTS=1 $(PY) -m pytest -n $(TEST_WORKERS) tests/e2e $(PYTEST_ARGS)

## Regenerate the reviewed OpenAPI snapshot (docs/openapi.json) after an API change.
openapi: $(STAMP)
	UPDATE_OPENAPI_SNAPSHOT=1 $(PY) -m pytest -q tests/ops/test_openapi.py -k snapshot

## Update every catalogue in locale/ from the source, then compile it (GNU gettext);
## translate the new entries in the .po files and run it again.
messages: $(STAMP)
	@for lang in $$(ls locale); do \
		DEBUG=true $(PY) manage.py makemessages -l $$lang --no-obsolete --ignore=tests \
			--ignore=bench --ignore=docs --ignore=static --ignore=node_modules \
			--ignore=.venv && \
		msgfmt --check -o locale/$$lang/LC_MESSAGES/django.mo \
			locale/$$lang/LC_MESSAGES/django.po || exit 1; \
	done

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Jobs per second for one worker and for two (no-op task; needs a PostgreSQL DATABASE_URL).
bench-jobs: $(STAMP)
	$(DEV) $(PY) bench/jobs/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 db.sqlite3-wal db.sqlite3-shm

.PHONY: profile loadtest

## Benchmark one web process with wrk (README "Performance"): PostgreSQL and Redis must
## be up. BENCH_ROUNDS=3 BENCH_SECONDS=2 by default; writes bench/results/latest.*.
## `make bench BASE=<ref>` also measures that commit in the same rounds (bench/results/compare.md).
bench: $(STAMP)
	BENCH_BASE="$(BASE)" $(PY) -m bench.run

## pyinstrument profiles of the slowest uncached page and the API listing (bench/profiles/).
profile: $(STAMP)
	$(PY) -m bench.profile

## The formation under load (README "Load test"): two web processes and two workers,
## 200 simultaneous booking attempts for 50 places amid page and API traffic; checks
## no 5xx, exactly 50 confirmed, every email job done. PostgreSQL and Redis must be up
## (LOADTEST_DATABASE_URL, LOADTEST_REDIS_URL); fails after LOADTEST_TIMEOUT (120 s).
loadtest: $(STAMP)
	$(PY) -m bench.loadtest

.PHONY: chaos

## Fault injection (README "Faults"): the formation on its own PostgreSQL cluster and
## redis-server (free ports), each stopped and frozen under load, web and worker
## SIGTERMed; prints a table and fails if a process died or a job was lost (~3 min).
chaos: $(STAMP)
	$(PY) -m tests.ops.chaos --logs .chaos-logs
