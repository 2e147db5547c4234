"""AppTest fixtures: a demo database at its anchor date, and a logged-in app per role."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from dashboard import db
from dashboard.config import PROJECT_ROOT
from dashboard.demo import seed_demo

APP = str(PROJECT_ROOT / "dashboard" / "app.py")
TEST_COOKIE_KEY = "test-only-cookie-key-0123456789abcdef"


@pytest.fixture(scope="session")
def demo_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The demo programme as written (anchor date), loaded once for every page test."""
    path = tmp_path_factory.mktemp("apptest") / "demo.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        seed_demo(session, actor="test")
    yield engine
    engine.dispose()


@pytest.fixture
def app_env(demo_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("DATABASE_URL", str(demo_engine.url))
    monkeypatch.setenv("OVERSIGHT_COOKIE_KEY", TEST_COOKIE_KEY)
    monkeypatch.setenv("OVERSIGHT_LOGIN_SLEEP_SECONDS", "0")
    return demo_engine


def new_app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=20)


@pytest.fixture
def logged_in(app_env: Engine) -> Callable[[str, str], AppTest]:
    """An app whose session is logged in with a role, as the login form would leave it."""

    def make(role: str, name: str = "Test User") -> AppTest:
        at = new_app()
        at.session_state["authentication_status"] = True
        at.session_state["name"] = name
        at.session_state["username"] = role
        at.session_state["roles"] = [role]
        at.session_state["logout"] = None
        return at

    return make


def page_path(script: str) -> str:
    return str(Path(PROJECT_ROOT / "pages" / script))
