"""With OVERSIGHT_ENV=production the app will not start over demo logins or a short cookie key."""

from sqlmodel import Session

from dashboard.accounts.rules import system_actor
from dashboard.accounts.service import add_user
from dashboard.core import db
from dashboard.core.vocabulary import Role
from tests.apptest.conftest import TEST_COOKIE_KEY, new_app


def test_production_mode_refuses_the_demo_database(app_env, monkeypatch):
    monkeypatch.setenv("OVERSIGHT_ENV", "production")
    at = new_app().run()
    assert not at.exception
    assert "Production mode" in at.error[0].value
    listed = at.text[0].value
    for username in ("admin", "manager", "inspector", "partner"):
        assert f"The demo login '{username}' exists" in listed
    assert not at.text_input  # no login form


def _real_installation(tmp_path, monkeypatch) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'real.db'}")
    db.upgrade(engine)
    with Session(engine) as session:
        add_user(
            session,
            actor=system_actor("setup"),
            username="alice",
            role=Role.ADMIN,
            password="alice-own-long-password",
            display_name="Alice Smith",
        )
        session.commit()
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'real.db'}")
    monkeypatch.setenv("OVERSIGHT_LOGIN_SLEEP_SECONDS", "0")
    monkeypatch.setenv("OVERSIGHT_ENV", "production")


def test_production_mode_serves_a_real_installation(tmp_path, monkeypatch):
    _real_installation(tmp_path, monkeypatch)
    monkeypatch.setenv("OVERSIGHT_COOKIE_KEY", TEST_COOKIE_KEY)
    at = new_app().run()
    assert not at.exception and not at.error
    assert [field.label for field in at.text_input] == ["Username", "Password"]


def test_production_mode_needs_no_cookie_key(tmp_path, monkeypatch):
    _real_installation(tmp_path, monkeypatch)
    monkeypatch.delenv("OVERSIGHT_COOKIE_KEY", raising=False)
    monkeypatch.chdir(tmp_path)  # no .streamlit/secrets.toml to fall back on
    at = new_app().run()
    assert not at.exception and not at.error
    assert [field.label for field in at.text_input] == ["Username", "Password"]
