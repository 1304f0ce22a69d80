# The two commands of the README:
#   make book   build the default book (build/*.pdf, build/*.epub)
#   make test   run the test suite
# Each bootstraps what it needs: system libraries (checked, or installed as root
# on Debian/Ubuntu), a virtualenv in .venv with the pinned dependencies; for the
# tests also Ace by DAISY, from npm, in .venv/ace.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ACE := $(VENV)/ace

.PHONY: book test bench deps clean

book: $(VENV)/.runtime
	@scripts/system-deps.sh build
	$(BIN)/publisher build

test: $(VENV)/.test $(VENV)/.ace
	@scripts/system-deps.sh test
	$(BIN)/ruff check --quiet .
	$(BIN)/ruff format --check --quiet .
	$(BIN)/pytest -q

bench: $(VENV)/.runtime
	@scripts/system-deps.sh build
	$(BIN)/python bench/run.py

deps: $(VENV)/.test

$(VENV)/.runtime: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	@scripts/system-deps.sh build
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "error: cannot create a virtualenv; on Debian/Ubuntu: sudo apt-get install python3-venv" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@

# Ace by DAISY (tests/test_ace.py) at the versions of tests/ace/package-lock.json. Puppeteer drives
# the system's Chromium (scripts/system-deps.sh installs it): no browser is downloaded, and no
# package's install script runs.
$(VENV)/.ace: tests/ace/package.json tests/ace/package-lock.json | $(VENV)/.runtime
	@scripts/system-deps.sh test
	rm -rf $(ACE) && mkdir -p $(ACE)
	cp tests/ace/package.json tests/ace/package-lock.json $(ACE)/
	cd $(ACE) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf build
