# Two commands from a fresh clone: `make run` (sample warehouse) and `make test` (the suite).
# Each target installs what it needs into .venv first, from the pinned requirements.lock.
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: run test lint eval bench clean lock

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q uv==0.13.8
	$(VENV)/bin/uv pip install --python $(PY) -q -r requirements.lock -e .
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/chancery build

test: $(STAMP)
	$(VENV)/bin/ruff check .
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .

eval: $(STAMP)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) tools/eval.py --shared $(SHARED)

bench: $(STAMP)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) bench/run_all.py --shared $(SHARED)

# Re-pin after editing pyproject.toml dependencies.
lock: $(STAMP)
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev -o requirements.lock --python $(PY) -q

clean:
	rm -rf data/warehouse.duckdb data/.build dbt_project/target dbt_project/logs
