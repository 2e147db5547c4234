"""The import rules (import-linter contracts in pyproject.toml) hold, and can fail."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """import-linter over the packages in `tree`, as `make lint` runs it."""
    command = [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"]
    return subprocess.run(command, cwd=tree, capture_output=True, text=True, timeout=120)


def _copy_of_the_tree(tmp_path: Path) -> Path:
    for name in ("dashboard", "models", "pages"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_every_import_contract_is_kept() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize(
    ("module", "breach", "contract"),
    [
        ("dashboard/coverage/rules/__init__.py", "import streamlit", "talk to Streamlit"),
        ("dashboard/inspections/rules/__init__.py", "import sqlmodel", "Rules and views are pure"),
        ("dashboard/core/workdays.py", "import dashboard.coverage", "Core imports no feature"),
        (
            "dashboard/governance/queries.py",
            "import dashboard.governance.service",
            "service and view above",
        ),
        ("pages/overview.py", "import dashboard.coverage.queries", "Pages never touch"),
        (
            "dashboard/overview/queries.py",
            "import dashboard.escalations.service",
            "never use escalations's service",
        ),
    ],
)
def test_a_deliberately_wrong_import_breaks_its_contract(
    tmp_path: Path, module: str, breach: str, contract: str
) -> None:
    tree = _copy_of_the_tree(tmp_path)
    with (tree / module).open("a") as source:
        source.write(f"\n{breach}  # noqa\n")
    result = _lint_imports(tree)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(contract in line for line in broken), result.stdout[-3000:]
