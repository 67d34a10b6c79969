# Two commands from a fresh clone: `make run` (sample warehouse) and `make test` (the suite).
# Each target installs what it needs into .venv first, from the pinned requirements.lock.
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared
# The interpreter .venv is built on: the distribution's optimized python3.11 when there is one
# (about 20 % faster extraction than pyenv's default build; see tools/pick_python.sh).
PYTHON ?= $(shell tools/pick_python.sh)

.PHONY: run test lint eval bench reliability dev clean lock compile

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q uv==0.13.8
	$(VENV)/bin/uv pip install --python $(PY) -q --compile-bytecode -r requirements.lock -e .
	touch $(STAMP)

# The install compiles the extraction modules with Cython (setup.py). After editing one, the
# edited Python sources run (with a warning) until this rebuilds them (about 1.5 min on 2 cores).
compile: $(STAMP)
	$(VENV)/bin/uv pip install --python $(PY) -q --no-deps --reinstall-package chancery -e .

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

# Fault campaign behind the README "Reliability" table (kill -9 at every phase and at random
# moments, rerun, compare): 16 kills and reruns, a hostile build, readers: about 25 minutes on 2 cores.
reliability: $(STAMP)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) bench/bench_reliability.py --rounds 2 --random 6

# Dagster UI + daemon on the asset graph, schedules and sensors (http://127.0.0.1:3000).
dev: $(STAMP)
	home="$${DAGSTER_HOME:-$(CURDIR)/data/dagster_home}"; mkdir -p "$$home"; \
	test -f "$$home/dagster.yaml" || cp config/dagster.yaml "$$home/"; \
	DAGSTER_HOME="$$home" $(VENV)/bin/dagster dev -m orchestration.definitions -h 127.0.0.1 -p 3000

clean:
	rm -rf data/warehouse.duckdb data/.chancery-build data/exports data/eval dbt_project/target dbt_project/logs
