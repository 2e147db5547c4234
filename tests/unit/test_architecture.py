"""House rules the code keeps: domain modules stay free of Streamlit, pages stay free of SQL."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The only dashboard package that talks to Streamlit.
STREAMLIT_PACKAGE = "ui"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def _domain_modules() -> list[Path]:
    return [
        path
        for path in sorted((ROOT / "dashboard").rglob("*.py"))
        if not {STREAMLIT_PACKAGE, "migrations"} & set(path.relative_to(ROOT).parts[1:2])
    ]


@pytest.mark.parametrize("path", _domain_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_domain_and_service_modules_do_not_import_streamlit(path: Path) -> None:
    assert "streamlit" not in _imports(path)


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_do_not_query_the_database(path: Path) -> None:
    assert not {"sqlalchemy", "sqlmodel", "models"} & _imports(path)


def test_the_rule_catches_an_import_of_streamlit(tmp_path: Path) -> None:
    module = tmp_path / "leaky.py"
    module.write_text("from streamlit import session_state\n")
    assert "streamlit" in _imports(module)
