# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
MANAGE := $(PY) example_site/manage.py
DEMO_ADMIN ?= admin
DEMO_PASSWORD ?= admin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo test lint messages bench clean

# (Re)install when the package's metadata changes.
$(INSTALLED): setup.cfg pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[testing]"
	touch $(INSTALLED)

install: $(INSTALLED)

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) ita_demo --admin-user "$(DEMO_ADMIN)" --admin-password "$(DEMO_PASSWORD)"
	@echo
	@echo "  Public ITA section:  http://$(HOST):$(PORT)/ita/"
	@echo "  O42 (measures):      http://$(HOST):$(PORT)/ita/2564/o42/"
	@echo "  O43 (results):       http://$(HOST):$(PORT)/ita/2564/o42/o43/"
	@echo "  Admin:               http://$(HOST):$(PORT)/admin/  (user: $(DEMO_ADMIN), password: $(DEMO_PASSWORD))"
	@echo
	$(MANAGE) runserver $(HOST):$(PORT)

# The whole suite on SQLite, then again on PostgreSQL when ITA_POSTGRES_URL
# names a server (CI starts one: .ci/setup-postgres.sh).
test: install
	$(PY) -m ruff check .
	$(PY) -m pytest
	@if [ "$${ITA_EXPECT_POSTGRES:-}" = 1 ] && [ -z "$${ITA_POSTGRES_URL:-}" ]; then \
		echo "ITA_EXPECT_POSTGRES=1 but ITA_POSTGRES_URL is not set" >&2; exit 1; \
	fi
	@if [ -n "$${ITA_POSTGRES_URL:-}" ]; then \
		echo "== the suite again on PostgreSQL"; \
		DATABASE_URL="$$ITA_POSTGRES_URL" $(PY) -m pytest; \
	fi

# Benchmarks (not tests; see docs/performance.md): render time and queries per
# page type on SQLite, and on PostgreSQL when ITA_POSTGRES_URL is set, then a
# load test of gunicorn on 127.0.0.1. Results: benchmarks/results/.
bench: install
	$(PY) -m benchmarks.render
	@if [ -n "$${ITA_POSTGRES_URL:-}" ]; then \
		DATABASE_URL="$$ITA_POSTGRES_URL" $(PY) -m benchmarks.render; \
	fi
	$(PY) -m benchmarks.load

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Refresh the Thai catalogue from the source, then compile it.
messages: install
	cd ita_wagtail && ../$(PY) ../example_site/manage.py makemessages --locale th --no-obsolete --add-location file
	cd ita_wagtail && ../$(PY) ../example_site/manage.py compilemessages --locale th

clean:
	rm -rf $(VENV) build dist *.egg-info example_site/db.sqlite3
