# Everything bootstraps itself from python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=
# pytest-xdist: one test process per core (TEST_WORKERS=0 runs them in this one process).
TEST_WORKERS ?= auto

.PHONY: install dev demo test screenshots lint format messages bench-directory bench-dedupe bench-similar bench-registration bench-mailing bench-matching bench-catalogue bench-fees bench-kpis bench-brainwriting bench-feed bench-api bench-webhooks clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml frontend/packages.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python frontend/fetch.py run
	touch $@

dev: $(VENV)/.dev-installed

$(VENV)/.dev-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python frontend/fetch.py test
	touch $@

demo: install
	$(BIN)/knotenpunkt migrate --noinput
	$(BIN)/knotenpunkt demo --serve --port $(PORT)

test: dev
	$(BIN)/knotenpunkt makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The main pages of every demo role at 1280 px and 390 px, into var/screenshots/.
screenshots: dev
	$(BIN)/python -m knotenpunkt.demo.screenshots

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check src tests bench

format: dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format src tests bench

# Regenerates the German catalogue (needs GNU gettext) and compiles it with polib,
# so that running the platform never needs gettext.
messages: dev
	cd src/knotenpunkt && ../../$(BIN)/knotenpunkt makemessages -l de --no-obsolete --add-location file
	$(BIN)/python -m knotenpunkt.core.compile_messages

bench-directory: dev
	$(BIN)/python bench/directory/run.py

bench-dedupe: dev
	$(BIN)/python bench/dedupe/run.py

bench-similar: dev
	$(BIN)/python bench/similar/run.py

bench-registration: dev
	$(BIN)/python bench/registration/run.py

bench-mailing: dev
	$(BIN)/python bench/mailing/run.py

bench-matching: dev
	$(BIN)/python bench/matching/run.py

bench-catalogue: dev
	$(BIN)/python bench/catalogue/run.py

bench-fees: dev
	$(BIN)/python bench/fees/run.py

bench-kpis: dev
	$(BIN)/python bench/kpis/run.py

bench-brainwriting: dev
	$(BIN)/python bench/brainwriting/run.py

bench-feed: dev
	$(BIN)/python bench/feed/run.py

# The API's organisation and catalogue lists at 16 clients, then the webhook fan-out
# (issue 20); each prints its JSON line last.
bench-api: dev
	$(BIN)/python bench/api/run.py
	$(BIN)/python bench/webhooks/run.py

# Webhook fan-out: 1,000 events to 50 subscribers through the real delivery path.
bench-webhooks: dev
	$(BIN)/python bench/webhooks/run.py

clean:
	rm -rf $(VENV) var frontend/packages .pytest_cache .ruff_cache
