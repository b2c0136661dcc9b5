# canirun: two commands set everything up on a fresh machine.
#   make run ARGS='ask "can I run qwen3 30b on a 3090?"'   creates .venv if needed, runs canirun
#   make test                                              installs test deps (redis-server, snudown-js, chromium), runs all checks

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
ARGS ?= ask "can I run qwen3 30b on an RTX 3090 with 32GB RAM?"

SNUDOWN := $(VENV)/node/node_modules/snudown-js

.PHONY: run test lint typecheck unit redis-server snudown chromium clean bench help constraints golden

help:
	@echo "make run ARGS='...'   run canirun (default: a demo question)"
	@echo "make test             install test dependencies and run the whole suite"
	@echo "make bench            run the benchmarks (writes docs/)"
	@echo "make golden           rewrite the golden JSON/rendering files after a deliberate change"
	@echo "make constraints      re-pin deploy/constraints.txt after changing dependencies"

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e .
	@touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[bot,test]'
	@touch $@

run: $(VENV)/.installed
	$(VENV)/bin/canirun $(value ARGS)

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

# the Reddit tests render every reply with Reddit's own markdown engine (npm snudown-js); install it
# when node is there, else those tests skip and say why
snudown:
	@if [ -d $(SNUDOWN) ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
		echo "installing snudown-js (Reddit's markdown engine) from npm"; \
		npm install --silent --no-save --no-audit --no-fund --prefix $(VENV)/node snudown-js@4.1.0 >/dev/null; \
	else \
		echo "node/npm is missing: the Reddit markdown tests will be skipped (install nodejs to run them)"; \
	fi

# the web page's end-to-end tests drive a real headless browser: Debian's chromium and chromedriver,
# installed when missing (as root); elsewhere those tests skip and say why
chromium:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing chromium and chromium-driver from Debian's packages"; \
		(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
		|| echo "chromium could not be installed: the browser tests will be skipped"; \
	else \
		echo "chromium/chromedriver are missing: the browser tests will be skipped (apt-get install chromium chromium-driver)"; \
	fi

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check sizing bot tests benchmarks scripts

typecheck: $(VENV)/.test-installed
	$(VENV)/bin/mypy sizing bot

unit: $(VENV)/.test-installed redis-server snudown chromium
	$(PY) -m pytest -q

# after a deliberate change to the numbers or the wording: rewrite the golden files, then review the diff
golden: $(VENV)/.test-installed
	$(PY) -m tests.golden

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
