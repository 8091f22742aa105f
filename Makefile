# Set-up and everyday tasks. Needs only Python 3.11+ and make; everything else is
# installed into .venv from PyPI.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint catalogs migration clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $@ $(VENV)/.installed-app

## Open the window on the default database (the sample delegation on first start).
run: $(VENV)/.installed-app
	$(BIN)/delegation

## Install what the tests need, then run every test, the lint and the layering check.
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests tools benchmarks
	$(BIN)/ruff format --check src tests tools benchmarks
	$(BIN)/lint-imports --no-cache

## Extract visible strings, merge them into the French and English catalogs, compile.
catalogs: $(VENV)/.installed-test
	$(BIN)/python tools/catalogs.py

## A new schema revision from the models: make migration MESSAGE="add venue phone"
migration: $(VENV)/.installed-app
	$(BIN)/python tools/new_migration.py "$(MESSAGE)"

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
