# Set-up and everyday tasks. Needs only Python 3.11+ and make; everything else comes
# from PyPI at the versions pinned in uv.lock (and tools/uv-requirements.txt for uv).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# uv lives in a folder of its own, so that syncing .venv never removes it.
UV_HOME := .uv
UV := $(UV_HOME)/bin/uv
# The interpreter given, never one uv would download.
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Compiled once at install, as pip does: without it each process compiles every module it
# imports again (SQLAlchemy alone takes a second) wherever PYTHONDONTWRITEBYTECODE is set.
export UV_COMPILE_BYTECODE := 1
SYNC := $(UV) sync --locked --quiet

.PHONY: run test lint catalogs migration lock bundle clean

$(UV): tools/uv-requirements.txt
	$(PYTHON) -m venv $(UV_HOME)
	$(UV_HOME)/bin/python -m pip install --quiet --disable-pip-version-check \
		--require-hashes --no-deps --requirement tools/uv-requirements.txt
	touch $@

## Open the window on the default database (the sample delegation on first start).
run: $(UV)
	$(SYNC) --inexact
	$(BIN)/delegation

## Install what the tests need, then run every test, the lint and the layering check, on
## every core (a module's tests in one process: some share a costly fixture). With
## DELEGATION_TEST_POSTGRESQL set (tools/test_postgresql.sh), on PostgreSQL as well.
test: $(UV)
	$(SYNC) --group test --extra postgres
	$(BIN)/python -m pytest -n auto --dist loadscope

lint: $(UV)
	$(SYNC) --group test
	$(BIN)/ruff check src tests tools benchmarks packaging
	$(BIN)/ruff format --check src tests tools benchmarks packaging
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

## Extract visible strings, merge them into the French and English catalogs, compile.
catalogs: $(UV)
	$(SYNC) --group test
	$(BIN)/python tools/catalogs.py

## A new schema revision from the models: make migration MESSAGE="add venue phone"
migration: $(UV)
	$(SYNC) --inexact
	$(BIN)/python tools/new_migration.py "$(MESSAGE)"

## Move every dependency (and uv itself) to its newest release allowed by pyproject.toml.
## A deliberate change: run `make test` on the new lock before committing it.
lock: $(UV)
	$(UV) lock --upgrade
	echo uv | $(UV) pip compile - --universal --generate-hashes --upgrade --quiet \
		--no-header --output-file tools/uv-requirements.txt

## Build the one-folder program dist/Delegation/ (see packaging/README.md).
bundle: $(UV)
	$(SYNC) --group bundle
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/delegation.spec

clean:
	rm -rf $(VENV) $(UV_HOME) build dist src/*.egg-info .pytest_cache .ruff_cache
