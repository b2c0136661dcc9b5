# canirun: two commands set everything up on a fresh machine.
#   make run ARGS='ask "can I run qwen3 30b on a 3090?"'   creates .venv if needed, runs canirun
#   make test                                              installs test deps (and redis-server), runs all checks

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
ARGS ?= ask "can I run qwen3 30b on an RTX 3090 with 32GB RAM?"

.PHONY: run test lint typecheck unit redis-server clean bench help constraints

help:
	@echo "make run ARGS='...'   run canirun (default: a demo question)"
	@echo "make test             install test dependencies and run the whole suite"
	@echo "make bench            run the benchmarks (writes docs/)"
	@echo "make constraints      re-pin deploy/constraints.txt after changing dependencies"

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e .
	@touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[bot,test]'
	@touch $@

run: $(VENV)/.installed
	$(VENV)/bin/canirun $(ARGS)

# the integration tests need a real redis-server binary; install it from Debian's packages when missing
redis-server:
	@if command -v redis-server >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing redis-server from Debian's packages"; \
		(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	else \
		echo "redis-server is missing and cannot be installed here (needs root and apt-get)."; \
		echo "Install it (e.g. 'sudo apt-get install redis-server') and run 'make test' again."; \
		exit 1; \
	fi

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check sizing bot tests benchmarks

typecheck: $(VENV)/.test-installed
	$(VENV)/bin/mypy sizing bot

unit: $(VENV)/.test-installed redis-server
	$(PY) -m pytest -q

test: lint typecheck unit

bench: $(VENV)/.test-installed redis-server
	$(PIP) install -e '.[bench]'
	$(PY) -m benchmarks.run_all

# pins for reproducible deploys (deploy/constraints.txt, used by deploy/Dockerfile)
constraints:
	rm -rf /tmp/canirun-pin && $(PYTHON) -m venv /tmp/canirun-pin
	/tmp/canirun-pin/bin/pip install -q '.[bot]'
	(head -7 deploy/constraints.txt; /tmp/canirun-pin/bin/pip freeze --exclude-editable | grep -v '^canirun') > deploy/constraints.txt.new
	mv deploy/constraints.txt.new deploy/constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
