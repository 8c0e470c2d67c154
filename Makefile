# Two commands set up everything on a fresh machine:
#   make serve   build and serve the site at http://127.0.0.1:8000
#   make test    run every test
# Both create .venv and install the locked dependencies (hashes checked) first.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build build-zensical urls test test-browser check-data benchmark lock clean

# The site's environment: exactly the locked packages (--require-hashes, --no-deps), then the
# project itself, then `pip check` to prove the set is complete and consistent.
$(VENV)/.installed: requirements.txt requirements-zensical.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes --no-deps -r requirements.txt -r requirements-zensical.txt
	$(PIP) install --quiet --no-deps --no-build-isolation --editable .
	$(PIP) check
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet --require-hashes --no-deps -r requirements.txt -r requirements-zensical.txt -r requirements-dev.txt
	$(PIP) check
	@touch $@

serve: $(VENV)/.installed
	$(BIN)/python scripts/serve.py

build: $(VENV)/.installed
	$(BIN)/python scripts/build.py site

build-zensical: $(VENV)/.installed
	$(BIN)/python scripts/build.py site-zensical --generator zensical

# Update urls.json (the URL contract) after adding pages, headings or records.
urls: build
	$(BIN)/python scripts/url_manifest.py site

check-data: $(VENV)/.installed
	$(BIN)/python scripts/check_data.py data

# Node packages for the tests only: axe-core, the Nu HTML Checker, Lighthouse and HTML_CodeSniffer.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

test: $(VENV)/.dev-installed node_modules/.package-lock.json
	bash scripts/ensure-browser.sh
	$(BIN)/python -m pytest

test-browser: $(VENV)/.dev-installed node_modules/.package-lock.json
	bash scripts/ensure-browser.sh
	$(BIN)/python -m pytest tests/browser

benchmark: $(VENV)/.dev-installed node_modules/.package-lock.json
	bash scripts/ensure-browser.sh
	$(BIN)/python scripts/benchmark.py

# Re-lock after editing a requirements*.in file (needs the package index).
lock: $(VENV)/.dev-installed
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-zensical.txt requirements-zensical.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf site site-zensical .pytest_cache .cache screenshots benchmark-results
