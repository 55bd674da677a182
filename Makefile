# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
MANAGE := $(PY) example_site/manage.py
DEMO_ADMIN ?= admin
DEMO_PASSWORD ?= admin
DEMO_EDITOR ?= editor
DEMO_EDITOR_PASSWORD ?= editor
DEMO_APPROVER ?= approver
DEMO_APPROVER_PASSWORD ?= approver
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-demo warn-no-npm demo test test-matrix lint messages fonts screenshots bench dist clean

# The main combination `make test` runs; noxfile.py has the others.
DJANGO ?= 5.2
DEMO_INSTALLED := $(VENV)/.installed-demo
WHEELHOUSE := $(VENV)/wheelhouse

# What the demo needs, and no more: the package and the example site's
# settings (`.[demo]`). Reinstalled when the package's metadata changes.
$(DEMO_INSTALLED): setup.cfg pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[demo]" "Django==$(DJANGO).*"
	touch $(DEMO_INSTALLED)

# The test, lint and build tools; then the wheelhouse tests/test_wheel.py
# installs the built wheel from, offline: the package's dependencies as
# wheels, for this Python and this Django.
$(INSTALLED): $(DEMO_INSTALLED)
	$(PY) -m pip install --quiet -e ".[testing]" "Django==$(DJANGO).*"
	rm -rf $(WHEELHOUSE)
	$(PY) -m pip wheel --quiet --wheel-dir $(WHEELHOUSE) . \
		"Django==$$($(PY) -c 'import django; print(django.get_version())')"
	rm -f $(WHEELHOUSE)/ita_wagtail-*
	touch $(WHEELHOUSE)/.complete $(INSTALLED)

install-demo: $(DEMO_INSTALLED)

# Front-end test tools (axe-core, the Nu HTML Checker) and the source of the
# shipped fonts, from the npm registry at the versions package-lock.json pins.
# --ignore-scripts: vnu-jar's install script would download a Java runtime;
# we use the machine's (Debian's default-jre-headless in CI).
NODE_INSTALLED := node_modules/.installed
$(NODE_INSTALLED): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_INSTALLED)

ifneq ($(wildcard package.json),)
ifneq ($(shell command -v npm 2>/dev/null),)
install: $(NODE_INSTALLED)
else
install: warn-no-npm
endif
endif

install: $(INSTALLED)

warn-no-npm:
	@echo "npm not found: the browser and HTML checks will be skipped (they fail under CI=true)"

demo: $(DEMO_INSTALLED)
	$(MANAGE) migrate --noinput
	$(MANAGE) ita_demo --admin-user "$(DEMO_ADMIN)" --admin-password "$(DEMO_PASSWORD)" \
		--editor-user "$(DEMO_EDITOR)" --editor-password "$(DEMO_EDITOR_PASSWORD)" \
		--approver-user "$(DEMO_APPROVER)" --approver-password "$(DEMO_APPROVER_PASSWORD)" \
		--host "$(HOST)" --port "$(PORT)"
	@echo
	@echo "  ITA section:         http://$(HOST):$(PORT)/ita/"
	@echo "  Fiscal year 2564:    http://$(HOST):$(PORT)/ita/2564/"
	@echo "  ITAS answer sheet:   http://$(HOST):$(PORT)/ita/2564/answers/"
	@echo "  O42 measures:        http://$(HOST):$(PORT)/ita/2564/o42/"
	@echo "  O43 results:         http://$(HOST):$(PORT)/ita/2564/o42/o43/"
	@echo "  Admin:               http://$(HOST):$(PORT)/admin/  (user: $(DEMO_ADMIN), password: $(DEMO_PASSWORD))"
	@echo "  ITA editor:          user: $(DEMO_EDITOR), password: $(DEMO_EDITOR_PASSWORD)  (prepares O42/O43, submits for approval)"
	@echo "  ITA approver:        user: $(DEMO_APPROVER), password: $(DEMO_APPROVER_PASSWORD)  (approves and publishes)"
	@echo
	$(MANAGE) runserver $(HOST):$(PORT)

# The whole suite on SQLite (with the wheel test, tests/test_wheel.py), then
# again on PostgreSQL when ITA_POSTGRES_URL names a server (CI starts one:
# .ci/setup-postgres.sh); the wheel test does not touch the database and runs
# once.
test: install
	$(PY) -m ruff check .
	$(PY) -m pytest
	@if [ "$${ITA_EXPECT_POSTGRES:-}" = 1 ] && [ -z "$${ITA_POSTGRES_URL:-}" ]; then \
		echo "ITA_EXPECT_POSTGRES=1 but ITA_POSTGRES_URL is not set" >&2; exit 1; \
	fi
	@if [ -n "$${ITA_POSTGRES_URL:-}" ]; then \
		echo "== the suite again on PostgreSQL"; \
		DATABASE_URL="$$ITA_POSTGRES_URL" $(PY) -m pytest -m "not wheel"; \
	fi

# The other Python/Django combinations CI runs (noxfile.py's CI_SESSIONS):
# the whole suite on Python 3.13 + Django 6.1 (SQLite), the wheel test on
# Django 5.2 and 6.0 (6.1's is in that suite).
test-matrix: install
	$(VENV)/bin/nox --error-on-missing-interpreters -s ci

# The sdist and the wheel (built from the sdist) in dist/, checked as the
# package index will (docs/releasing.md). Byte-compiling stays on: when it is
# off, setuptools warns about it.
dist: install
	rm -rf dist
	env -u PYTHONDONTWRITEBYTECODE $(PY) -m build --no-isolation
	$(PY) -m twine check --strict dist/*

# Benchmarks (not tests; see docs/performance.md): render time and queries per
# page type on SQLite, and on PostgreSQL when ITA_POSTGRES_URL is set, then a
# load test of gunicorn on 127.0.0.1 under wrk (Debian's, installed here if
# missing; CI does not run the benchmarks). On PostgreSQL, also one site's
# reports with 1 and with BENCH_SITES sites (benchmarks/bulk_seed.py; 7,850,
# Thailand's LAOs, takes about half an hour). Results: benchmarks/results/.
BENCH_SITES ?= 7850
bench: install
	@command -v wrk >/dev/null || bash -c 'source .ci/apt.sh && ita_apt_install wrk'
	$(PY) -m benchmarks.render
	@if [ -n "$${ITA_POSTGRES_URL:-}" ]; then \
		DATABASE_URL="$$ITA_POSTGRES_URL" $(PY) -m benchmarks.render; \
		DATABASE_URL="$$ITA_POSTGRES_URL" $(PY) -m benchmarks.bulk_seed --sites 1; \
		DATABASE_URL="$$ITA_POSTGRES_URL" $(PY) -m benchmarks.bulk_seed --sites $(BENCH_SITES); \
	fi
	$(PY) -m benchmarks.load

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Refresh the Thai catalogue from the source, then compile it.
messages: install
	cd ita_wagtail && ../$(PY) ../example_site/manage.py makemessages --locale th --no-obsolete --add-location file
	cd ita_wagtail && ../$(PY) ../example_site/manage.py compilemessages --locale th

# Copy the Sarabun web fonts the public pages use (Thai and Latin subsets,
# regular and bold) and their OFL licence from @fontsource/sarabun into the
# app's static files. Run after changing the package's version; commit the
# result: the app ships the files and loads nothing from elsewhere.
FONTS_DIR := ita_wagtail/static/ita_wagtail/fonts
FONTSOURCE := node_modules/@fontsource/sarabun
# The screenshots the README and the editor's guide show (docs/screenshots/),
# taken from the demo in Chromium by the screenshot test; then the guide's
# admin page and the package's copies of its images. Commit the result.
screenshots: install
	rm -f docs/screenshots/*.png
	ITA_SCREENSHOT_DIR=docs/screenshots $(PY) -m pytest -q -p no:cacheprovider \
		tests/frontend/test_screenshots.py
	$(PY) docs/render_editor_guide.py

fonts: $(NODE_INSTALLED)
	mkdir -p $(FONTS_DIR)
	for subset in thai latin; do for weight in 400 700; do \
		cp $(FONTSOURCE)/files/sarabun-$$subset-$$weight-normal.woff2 $(FONTS_DIR)/; \
	done; done
	cp $(FONTSOURCE)/LICENSE $(FONTS_DIR)/OFL.txt

clean:
	rm -rf $(VENV) .nox node_modules build dist *.egg-info example_site/db.sqlite3
