# Due Regard. `make help` lists the targets.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
PORT ?= 5000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help

.PHONY: help
help: ## Show the targets and what they do
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# --upgrade-deps: the newest pip and setuptools, not the ones Python shipped with (which
# `make audit` would report when they have known vulnerabilities).
$(BIN)/flask: pyproject.toml
	$(PYTHON) -m venv --upgrade-deps $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

eia/static/application.css: package.json package-lock.json $(wildcard assets/*/*) assets/build.mjs
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	npm run --silent build

.PHONY: setup
setup: $(BIN)/flask eia/static/application.css ## Install Python and front-end dependencies, build assets

.PHONY: run
run: setup ## Set everything up, migrate, load demo data and serve on http://127.0.0.1:5000 (PORT overrides)
	$(FLASK) db upgrade
	$(FLASK) eia demo
	@echo "Due Regard is at http://127.0.0.1:$(PORT) (demo password: eia-demo-2026)"
	$(FLASK) run --host 127.0.0.1 --port $(PORT) --with-threads

.PHONY: lint
lint: $(BIN)/flask ## Check the code with ruff (security rules included), the layers and import cycles, and known vulnerabilities
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	@$(MAKE) --no-print-directory audit

# pip-audit asks PyPI's JSON API for the advisories of each installed version. CI and mirrors may
# have no route to it (or answer only for the latest release), and pip-audit then reports every
# package as skipped and "No known vulnerabilities found": so first ask for one installed version's
# advisories, with a short timeout, and say plainly when the data cannot be had.
AUDIT_PROBE := import importlib.metadata as m, urllib.request as u; \
	u.urlopen("https://pypi.org/pypi/flask/" + m.version("flask") + "/json", timeout=5).read(1)

.PHONY: audit
audit: $(BIN)/flask ## Check the installed packages for known vulnerabilities (pip-audit), when PyPI can be reached
	@if $(BIN)/python -c '$(AUDIT_PROBE)' 2>/dev/null; then \
		$(BIN)/pip-audit --local --skip-editable --progress-spinner off; \
	else \
		echo "make audit: SKIPPED, PyPI's vulnerability data cannot be reached from here;" \
			"the installed packages were not checked for known vulnerabilities."; \
	fi

# Each database's run spreads its tests over TEST_WORKERS processes (pytest-xdist); each process
# has its own SQLite files, its own throwaway PostgreSQL server and its own SMTP server. The two
# runs go side by side, so each gets half the cores: on two cores one process each, because a
# second one per run cost a quarter more processor time (its own start-up, fonts, servers and
# browser) and finished later. A module's tests stay together on one worker, in file order
# (--dist loadfile), so a world built once for a module is built once, not once per worker.
# With one worker a run is a single pytest process: pytest-xdist would add a second that only
# collects the suite again and relays the worker's reports.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n / 2 > 1 ? n / 2 : 0 )))
# The test processes write their compiled bytecode beside the source (in __pycache__, where pip
# has already put the installed packages'), even where PYTHONDONTWRITEBYTECODE is set, as it often
# is in containers: otherwise every process compiles the application and the tests anew, about
# ten seconds of processor time each. The servers and commands they start do the same
# (tests/support/served.py).
TEST_ENV := PYTHONDONTWRITEBYTECODE=
PYTEST := $(TEST_ENV) $(BIN)/pytest -n $(TEST_WORKERS) $(if $(filter 0,$(TEST_WORKERS)),,--dist loadfile) --durations=15

.PHONY: test
test: setup lint ## Lint, then the whole suite on SQLite and on PostgreSQL, side by side
	@echo "Running the SQLite and PostgreSQL suites side by side; each one's output follows when it ends."
	@$(MAKE) --no-print-directory --jobs=2 --output-sync=target test-sqlite test-postgresql

.PHONY: test-sqlite
test-sqlite: setup ## The suite on SQLite, with what is the same on every database
	TEST_DATABASE=sqlite $(PYTEST) $(PYTEST_ARGS)

# What is the same on every database (the browser journeys, the unit tests, the route walks) runs
# once, in one run or the other: tests/conftest.py (`run_of`) says which.
.PHONY: test-postgresql
test-postgresql: setup ## The suite on a throwaway PostgreSQL server, less what runs once in the SQLite run
	TEST_DATABASE=postgresql $(PYTEST) $(PYTEST_ARGS)

.PHONY: clean
clean: ## Remove the virtual environment, node modules and built assets (keeps instance/)
	rm -rf $(VENV) node_modules eia/static
