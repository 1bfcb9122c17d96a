# Spilno — every task a developer or CI needs. `make help` lists them.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
MANAGE := $(PY) manage.py
HOST   ?= 127.0.0.1
PORT   ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install system demo serve test e2e lint format check lock messages browser bench vendor clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements/lock.txt $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes -r requirements/lock.txt
	@touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed system ## Build and serve the demo city on http://127.0.0.1:8000
	$(MANAGE) migrate --no-input -v 0
	SITE_URL=http://$(HOST):$(PORT) $(MANAGE) seed_demo
	SITE_URL=http://$(HOST):$(PORT) $(MANAGE) runserver $(HOST):$(PORT)

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

system: ## Debian packages WeasyPrint needs: Pango and fonts with Cyrillic (once)
	@{ ldconfig -p | grep -q libpangoft2-1.0 && test -d /usr/share/fonts/truetype/dejavu; } || { \
		$(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q --no-install-recommends \
			libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; }

browser: system ## Debian's Chromium for the browser tests (once; never a downloaded browser)
	@test -x /usr/bin/chromium || { \
		$(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q --no-install-recommends chromium; }

JOBS ?= auto

test: $(VENV)/.installed browser ## Run the whole suite (DATABASE_URL picks PostgreSQL)
	$(BIN)/pytest -q -n $(JOBS) --dist loadfile --durations=15

e2e: $(VENV)/.installed browser ## Run only the browser tests
	$(BIN)/pytest -q -n $(JOBS) --dist loadfile -m e2e

lint: $(VENV)/.installed ## ruff check, ruff format --check, missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

format: $(VENV)/.installed ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(VENV)/.installed ## Update every app's Ukrainian catalogue and compile it
	$(MANAGE) makemessages_apps
	$(MANAGE) compilemessages --ignore=.venv -v 0

lock: ## Re-pin requirements/lock.txt from pyproject.toml
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --generate-hashes -q -o requirements/lock.txt

vendor: ## Rebuild static/vendor/ from the npm packages package-lock.json pins (Node 20)
	npm ci --no-audit --no-fund
	node vendor.mjs

bench: $(VENV)/.installed ## Run the benchmarks in bench/
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean: ## Remove the virtualenv, node_modules, the SQLite database and media
	rm -rf $(VENV) node_modules db.sqlite3 media static_collected
