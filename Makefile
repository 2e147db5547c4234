# Two commands for a newcomer: `make run` (demo app) and `make test` (whole suite).
# Both install exactly the versions in uv.lock (uv itself comes from the package index).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
STAMP := $(VENV)/.installed-stamp
# uv lives in a venv of its own (`uv sync` removes from .venv whatever the lock does not
# name), one per uv version so that changing UV_VERSION installs it afresh.
UV_VERSION := 0.13.10
UV_VENV := .uv-venv/$(UV_VERSION)
UV := $(UV_VENV)/bin/uv
# The machine's python3, never a Python that uv would download.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test venv lint lock clean-demo bench screenshots mutation

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

# Every tool runs even when an earlier one fails; the target fails if any did.
lint: $(STAMP)
	@status=0; \
	for step in "ruff check ." "ruff format --check ." "mypy" "lint-imports"; do \
	  echo "== $$step"; $(BIN)/$$step || status=1; \
	done; exit $$status

# The README's pictures: Chromium over the demo data (apt-get install chromium first).
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

venv: $(STAMP)

# Rebuilt whenever the lock or the project changes; --locked refuses a lock that no longer
# matches pyproject.toml (run `make lock` after changing a dependency, and commit uv.lock).
$(STAMP): uv.lock pyproject.toml | $(UV)
	$(UV) sync --locked --extra dev --python $(PYTHON) \
	  || { echo "uv.lock does not match pyproject.toml: run make lock, commit uv.lock"; exit 1; }
	touch $(STAMP)

$(UV):
	$(PYTHON) -m venv $(UV_VENV)
	$(UV_VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Resolve pyproject.toml's ranges again into exact versions in uv.lock.
lock: | $(UV)
	$(UV) lock --python $(PYTHON)

# Where this machine's secrets go (SMTP password, ...); never committed (.gitignore). Logins
# need none: sessions live in the database.
.streamlit/secrets.toml:
	umask 077; printf '# Secrets for this machine only, never committed: see docs/operations.md\n' > $@

# Start again from an empty demo database.
clean-demo:
	rm -f data/oversight.db data/oversight.db-wal data/oversight.db-shm

# Performance: SCALE=1 (default; a minute, plus a few for the load test), SCALE=10 or SCALE=100; SCALES=1,10,100 for the table.
# LOAD=20 people at once in Chromium at each scale, on SQLite and PostgreSQL (LOAD=0 skips).
SCALE ?= 1
LOAD ?= 20
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --scales $${SCALES:-$(SCALE)} --load $(LOAD)

# Mutation testing of the pure rules (docs/mutation.md): each comparison flipped once, tests/unit
# run against it; prints the flips no test noticed. A few minutes; MUTATION_JOBS=1 for one core.
mutation: $(STAMP)
	$(BIN)/python scripts/mutation.py
