# Two commands for a newcomer: `make run` (demo app) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
STAMP := $(VENV)/.installed-stamp

.PHONY: run test venv lint clean-demo bench screenshots

run: $(STAMP) .streamlit/secrets.toml
	$(BIN)/dashboard db upgrade
	$(BIN)/dashboard seed --demo --shift-to today --if-empty
	@# Bytecode written ahead: compiling the app's modules on first import cost a second of
	@# cold start where PYTHONDONTWRITEBYTECODE is set.
	$(BIN)/python -m compileall -q dashboard pages models
	@echo "Open http://localhost:$(PORT) and log in with a demo login above."
	$(BIN)/streamlit run dashboard/ui/app.py --server.port $(PORT) --server.headless true

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .

# The README's pictures: Chromium over the demo data (apt-get install chromium first).
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

venv: $(STAMP)

# Rebuilt whenever the dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# A random login-cookie key for this machine only; never committed (.gitignore).
.streamlit/secrets.toml:
	umask 077; printf '[auth]\ncookie_key = "%s"\n' \
	  "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(48))')" > $@

# Start again from an empty demo database.
clean-demo:
	rm -f data/oversight.db data/oversight.db-wal data/oversight.db-shm

# Performance: SCALE=1 (default, under a minute), SCALE=10 or SCALE=100; SCALES=1,10,100 for the table.
SCALE ?= 1
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --scales $${SCALES:-$(SCALE)}
