# govreport: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := run

# The first Python 3.12+ found: $PYTHON, python3.14, python3.13, python3.12, pyenv's 3.12, python3.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 "$$(pyenv prefix 3.12 2>/dev/null)/bin/python3" python3; do \
	command -v "$$p" >/dev/null 2>&1 && "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v "$$p"; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
# Stamps live inside what they describe, so deleting .venv or node_modules forces a reinstall.
PYTHON_STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
GOVUK := node_modules/govuk-frontend/dist/govuk
STATIC_GOVUK := reports/static/govuk
FRONTEND_STAMP := $(STATIC_GOVUK)/govuk-frontend.min.css
POSTGRES_URL ?= postgres://govreport:govreport@127.0.0.1:5432/govreport
export DEBUG ?= 1

.PHONY: setup run test test-postgres bench lint format frontend clean

# Prerequisites are checked only when something must be installed, and reported in one line.
PYTHON_MISSING := Python 3.12 or newer is needed: install it (for example: pyenv install 3.12) or set PYTHON=/path/to/python3.12, then run make again
NPM_MISSING := npm is needed for the GOV.UK Frontend packages: install Node.js and npm, then run make again
python_ok = $(shell "$(PYTHON)" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && echo yes)

$(PYTHON_STAMP): pyproject.toml constraints.txt
	$(if $(PYTHON),$(if $(python_ok),,$(error $(PYTHON_MISSING))),$(error $(PYTHON_MISSING)))
	test -x $(PY) || "$(PYTHON)" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	@touch $@

$(NPM_STAMP): package.json package-lock.json
	$(if $(shell command -v npm),,$(error $(NPM_MISSING)))
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# GOV.UK Frontend's CSS asks for /assets/...; copy the assets beside it and make the URLs relative
# so that the manifest storage can fingerprint them.
$(FRONTEND_STAMP): $(NPM_STAMP)
	rm -rf $(STATIC_GOVUK) && mkdir -p $(STATIC_GOVUK)
	cp -r $(GOVUK)/assets $(GOVUK)/govuk-frontend.min.js $(GOVUK)/govuk-frontend.min.js.map $(GOVUK)/govuk-frontend.min.css.map $(STATIC_GOVUK)/
	sed 's#url(/assets/#url(assets/#g' $(GOVUK)/govuk-frontend.min.css > $@

frontend: $(FRONTEND_STAMP)

setup: $(PYTHON_STAMP) $(FRONTEND_STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_roles

run: setup
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

# The same suite against PostgreSQL (pytest-django creates and drops the test_ database).
test-postgres: setup
	DATABASE_URL=$(POSTGRES_URL) $(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	$(PY) -m pytest -o addopts="" -p no:cacheprovider -m benchmark --benchmark-enable $(PYTEST_ARGS)

lint: $(PYTHON_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(PYTHON_STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) node_modules $(STATIC_GOVUK) staticfiles .make
