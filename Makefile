# Arabic News Explorer — the two set-up commands:
#   make run    create .venv, install, open the dashboard on seeds/ (http://localhost:8501)
#   make test   install what the tests need (Chromium included) and run every test + ruff + mypy
#   make test-fast  the quick loop: lint, types and every test but the browser ones
PYTHON  ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
CORPUS  ?= seeds
PORT    ?= 8501
# Debian packages: Chromium for the browser tests; libraqm/libfribidi so that Pillow has
# its raqm layout engine (both word-cloud engines get tested); DejaVu Sans for Arabic.
DEBS    := chromium libraqm0 libfribidi0 fonts-dejavu-core
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-fast install system-deps lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

system-deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

run: install
	DASHBOARD_CORPUS=$${DASHBOARD_CORPUS:-$(CORPUS)} $(BIN)/streamlit run dashboard/app.py --server.port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install system-deps lint
	$(BIN)/python -m pytest -q

test-fast: install lint
	$(BIN)/python -m pytest -q -x -m "not browser and not slow"

bench: install
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) data/cache .pytest_cache .ruff_cache .mypy_cache .hypothesis
