"""No user text is ever rendered as HTML or markdown.

1. No code under pages/ or dashboard/ asks Streamlit for HTML (`unsafe_allow_html=True`,
   `st.html`, `components.html`).
2. Every free-text write function in tests/write_functions.py stores a `<script>` payload in a
   copy of the demo (and the payload is put in those fields of every row), then every page is
   opened as every role that may open it, with the payload as the user's display name too: no
   element may render HTML, and markdown-rendered text may hold the payload only escaped.
"""

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from dashboard.accounts.rules import SessionUser
from dashboard.core import db
from dashboard.core.config import PAGES_DIR, PROJECT_ROOT
from dashboard.core.vocabulary import Role
from dashboard.ui.navigation import PAGES, PageSpec
from tests.apptest.conftest import TEST_COOKIE_KEY, new_app, signed_in
from tests.write_functions import ACTORS, FREE_TEXT_WRITES, PAYLOAD, Persona

HTML_TYPES = {"html", "iframe"}  # st.html, components.html / iframe
PLAIN_TYPES = {"text", "code", "json", "arrow_data_frame", "table", "exception"}
PLAIN_FIELDS = {"id", "form_id", "default", "value", "raw_value", "placeholder", "set_value"}
PLAIN_OPTIONS = {"selectbox", "multiselect"}  # their options are not markdown
LOGINS = {  # demo usernames; the inspector keeps her name so her own records show
    Role.ADMIN: ("admin", PAYLOAD),
    Role.PROGRAMME_MANAGER: ("manager", PAYLOAD),
    Role.INSPECTOR: ("inspector", "Amira Shah"),
    Role.PARTNER: ("partner", PAYLOAD),
}
# Free-text columns set to the payload on every row, so whatever rows a page shows carry it.
EVERY_ROW = {
    "provider": ("name", "lead_contact_name"),
    "recommendation": ("text", "theme"),
    "meeting": ("notes", "attendees"),
    "action": ("text", "owner_name"),
    "escalation": ("concern",),
    "follow_up": ("note", "made_by"),
}


# 1. Nothing asks for HTML -------------------------------------------------------------------


def html_requests(path: Path) -> list[str]:
    """Calls in a module that would render HTML: `*.html(...)` or `unsafe_allow_html=` not False."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute) and node.func.attr == "html":
            found.append(f"{path.name}:{node.lineno} {ast.unparse(node.func)}(...)")
        for keyword in node.keywords:
            allowed = isinstance(keyword.value, ast.Constant) and keyword.value.value is False
            if keyword.arg == "unsafe_allow_html" and not allowed:
                found.append(f"{path.name}:{node.lineno} unsafe_allow_html")
    return found


SOURCES = sorted(PAGES_DIR.glob("*.py")) + sorted((PROJECT_ROOT / "dashboard").rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_no_module_asks_streamlit_for_html(path: Path) -> None:
    assert html_requests(path) == []


def test_the_source_check_catches_each_way_to_html(tmp_path: Path) -> None:
    module = tmp_path / "leaky.py"
    module.write_text(
        "import streamlit as st\nimport streamlit.components.v1 as components\n"
        "st.markdown(x, unsafe_allow_html=True)\nst.html(x)\n"
        "components.html(x)\nst.caption(x, unsafe_allow_html=flag)\n"
        "st.markdown(x, unsafe_allow_html=False)\n"
    )
    assert [line.split()[0] for line in html_requests(module)] == [
        "leaky.py:3",
        "leaky.py:4",
        "leaky.py:5",
        "leaky.py:6",
    ]


# 2. Pages render the payload only as text ----------------------------------------------------


def _strings(message: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every (field path, string) in a protobuf message, nested messages included."""
    for field, value in message.ListFields():
        name = f"{path}.{field.name}"
        repeated = hasattr(value, "__len__") and not isinstance(value, str | bytes)
        for item in value if repeated and not hasattr(value, "ListFields") else [value]:
            if isinstance(item, str):
                yield field.name, item
            elif hasattr(item, "ListFields"):
                yield from _strings(item, name)


def html_problems(at: AppTest) -> list[str]:
    """Elements that render HTML, and markdown-rendered fields holding the raw payload."""
    problems = []
    for node in at._tree:
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if kind in HTML_TYPES or getattr(proto, "allow_html", False):
            problems.append(f"{kind} renders HTML")
        if kind in PLAIN_TYPES or proto is None:
            continue
        for field, value in _strings(proto, kind):
            plain = field in PLAIN_FIELDS or (field == "options" and kind in PLAIN_OPTIONS)
            if PAYLOAD in value and not plain:
                problems.append(f"{kind}.{field} shows user text as markdown: {value[:80]!r}")
    return problems


def _leaky_page() -> None:
    import streamlit as st  # AppTest.from_function runs this function's source on its own

    payload = "<script>alert(1)</script>"
    st.text(payload)
    st.dataframe({"name": [payload]})
    st.selectbox("Provider", [payload])
    st.markdown(payload)
    st.markdown("**bold**", unsafe_allow_html=True)
    st.error(f"Refused: {payload}")
    with st.expander(payload):
        st.caption("inside")


def test_the_page_check_catches_markdown_and_html_but_not_plain_text() -> None:
    at = AppTest.from_function(_leaky_page, default_timeout=30).run()
    assert not at.exception
    problems = html_problems(at)
    assert [problem.split()[0] for problem in problems] == [
        "markdown.body",
        "markdown",
        "error.body",
        "expander.label",
    ], problems


@pytest.fixture(scope="module")
def payload_demo(demo_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A copy of the demo with the payload written by every free-text write function."""
    copy = tmp_path_factory.mktemp("payload") / "payload.db"
    with demo_engine.connect() as connection:
        connection.exec_driver_sql(f"VACUUM INTO '{copy}'")
    engine = db.make_engine(f"sqlite:///{copy}")
    with Session(engine) as session:
        for row in FREE_TEXT_WRITES:
            row.write(session, ACTORS[Persona.ADMIN], PAYLOAD)
        session.commit()
    with engine.begin() as connection:
        for table, columns in EVERY_ROW.items():
            values = ", ".join(f"{column} = :payload || ' ' || id" for column in columns)
            connection.execute(text(f"UPDATE {table} SET {values}"), {"payload": PAYLOAD})
    yield engine
    engine.dispose()


def _open(engine: Engine, monkeypatch: pytest.MonkeyPatch, spec: PageSpec, role: Role) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("OVERSIGHT_COOKIE_KEY", TEST_COOKIE_KEY)
    monkeypatch.setenv("OVERSIGHT_LOGIN_SLEEP_SECONDS", "0")
    username, name = LOGINS[role]
    at = signed_in(new_app(), engine, SessionUser(username, name, role.value))
    at.run(timeout=60)
    at.switch_page(str(PAGES_DIR / spec.script)).run(timeout=60)
    return at


PAGE_ROLES = [(spec, role) for spec in PAGES for role in Role if role in spec.roles]


@pytest.mark.parametrize(
    ("spec", "role"), PAGE_ROLES, ids=[f"{spec.url_path}-{role.value}" for spec, role in PAGE_ROLES]
)
def test_each_page_shows_the_payload_only_as_text(payload_demo, monkeypatch, spec, role):
    at = _open(payload_demo, monkeypatch, spec, role)
    assert not at.exception, at.exception
    assert html_problems(at) == []


def test_the_payload_does_reach_the_pages(payload_demo, monkeypatch):
    audit_log = next(spec for spec in PAGES if spec.script == "audit_log.py")
    at = _open(payload_demo, monkeypatch, audit_log, Role.ADMIN)
    table = at.dataframe[0].value
    assert table["Changed fields (before → after)"].str.contains(PAYLOAD, regex=False).any()
    assert any(PAYLOAD in caption.value.replace("\\", "") for caption in at.sidebar.caption)
