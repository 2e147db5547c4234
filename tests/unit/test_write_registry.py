"""Every public function in dashboard/ taking `session` and `actor` is in the role matrix's
registry (tests/write_functions.py), so a new write function cannot skip the role tests.

It runs last on purpose: while several slices are in flight it lists the rows still to add
without stopping an `-x` run before everyone else's tests.
"""

import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path

from tests.write_functions import MECHANISMS, WRITE_FUNCTIONS

ROOT = Path(__file__).resolve().parents[2]
# dashboard/ui talks to Streamlit (ui/app.py runs the app on import).
SKIPPED_PACKAGES = {"ui", "migrations"}


def _dashboard_modules() -> Iterator[str]:
    """Dotted names of the dashboard modules that may hold write functions."""
    for path in sorted((ROOT / "dashboard").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_PACKAGES & set(relative.parts):
            continue
        if path.stem.endswith("queries"):  # reads only, by the house rules
            continue
        yield ".".join(relative.with_suffix("").parts).removesuffix(".__init__")


def discovered_write_functions() -> set[str]:
    """Public functions in dashboard/ that take both `session` and `actor`."""
    found: set[str] = set()
    for name in _dashboard_modules():
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if attribute.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ != module.__name__:
                continue
            parameters = inspect.signature(value).parameters
            if "session" in parameters and "actor" in parameters:
                found.add(f"{value.__module__}.{value.__qualname__}")
    return found


def test_every_write_function_is_in_the_matrix() -> None:
    registered = {row.name for row in WRITE_FUNCTIONS}
    missing = discovered_write_functions() - registered - set(MECHANISMS)
    assert not missing, (
        "write functions not in the role matrix: add a WriteFunction row to "
        "tests/write_functions.py (or, for a layer below the role checks, a MECHANISMS entry) "
        "for: " + ", ".join(sorted(missing))
    )


def test_the_discovery_finds_the_known_write_functions() -> None:
    found = discovered_write_functions()
    assert {
        "dashboard.accounts.service.add_user",
        "dashboard.core.editing.save_edit",
        "dashboard.exchange.service.import_programme_as",
    } <= found
    assert {row.name for row in WRITE_FUNCTIONS} <= found
