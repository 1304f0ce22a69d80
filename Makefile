# The two commands of the README:
#   make book   build the default book (build/*.pdf, build/*.epub)
#   make test   run the test suite
# Each bootstraps what it needs: system libraries (checked, or installed as root
# on Debian/Ubuntu), a virtualenv in .venv with the pinned dependencies.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: book test bench deps clean

book: $(VENV)/.runtime
	@scripts/system-deps.sh build
	$(BIN)/publisher build

test: $(VENV)/.test
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

clean:
	rm -rf build
