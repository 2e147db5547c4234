"""AppTest fixtures: a demo database at its anchor date, and a logged-in app per role."""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest, app_test

from dashboard.accounts.rules import SessionUser
from dashboard.accounts.service import open_session
from dashboard.cli.data import seed_demo
from dashboard.core import db
from dashboard.core.config import PROJECT_ROOT

APP = str(PROJECT_ROOT / "dashboard" / "ui" / "app.py")
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


def _use_database(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("OVERSIGHT_COOKIE_KEY", TEST_COOKIE_KEY)
    monkeypatch.setenv("OVERSIGHT_LOGIN_SLEEP_SECONDS", "0")
    return engine


def _audit_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.exec_driver_sql("SELECT count(*) FROM audit_entry").scalar_one()


@pytest.fixture
def app_env(demo_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """The shared read-only demo database; tests that write use `writable_demo` instead.

    Every write is audited, so a new audit entry afterwards means a test wrote to the shared
    copy, which would leak into every later test: that fails here, naming the test."""
    before = _audit_count(demo_engine)
    yield _use_database(demo_engine, monkeypatch)
    written = _audit_count(demo_engine) - before
    assert written == 0, (
        f"wrote {written} audit entries to the shared demo database; use the writable_demo fixture"
    )


@pytest.fixture
def writable_demo(
    demo_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Engine]:
    """A private copy of the demo database for a test that saves something."""
    copy = tmp_path / "demo-copy.db"
    with demo_engine.connect() as connection:
        connection.exec_driver_sql(f"VACUUM INTO '{copy}'")
    engine = db.make_engine(f"sqlite:///{copy}")
    _use_database(engine, monkeypatch)
    yield engine
    engine.dispose()


def new_app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=20)


@pytest.fixture
def logged_in(request: pytest.FixtureRequest) -> Callable[..., AppTest]:
    """An app whose session is logged in with a role, as the login form would leave it.

    Reads the shared demo database unless the test also asks for `writable_demo`.
    """
    fixture = "writable_demo" if "writable_demo" in request.fixturenames else "app_env"
    request.getfixturevalue(fixture)

    def make(role: str, name: str = "Test User", username: str | None = None) -> AppTest:
        # The database the app will read: a test may have pointed DATABASE_URL elsewhere.
        engine = db.make_engine(os.environ["DATABASE_URL"])
        try:
            return signed_in(new_app(), engine, SessionUser(username or role, name, role))
        finally:
            engine.dispose()

    return make


def signed_in(at: AppTest, engine: Engine, user: SessionUser) -> AppTest:
    """The app with a live session for `user`, as a successful login leaves it: a session row
    (not audited, so the shared demo database stays as seeded) and its token in the state."""
    with db.session_scope(engine) as session:
        token = open_session(session, user)
    at.session_state["app_session_token"] = token
    at.session_state["app_cookie_read"] = True
    return at


def page_path(script: str) -> str:
    return str(Path(PROJECT_ROOT / "pages" / script))


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The bytes each download button gives, by file name (AppTest keeps them in memory).

    A button whose file is made when clicked is clicked here, as the browser would.
    """
    given: dict[str, bytes] = {}

    class Recording(MemoryMediaFileStorage):
        def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
            if filename and isinstance(path_or_data, bytes):
                given[filename] = path_or_data
            return super().load_and_get_id(path_or_data, mimetype, kind, filename)

    class Clicking(MediaFileManager):
        def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
            if file_name:
                given[file_name] = data_callable()
            return super().add_deferred(data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recording)
    monkeypatch.setattr(app_test, "MediaFileManager", Clicking)
    return given
