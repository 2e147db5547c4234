"""`dashboard remind` sends each person one digest through a real SMTP server on localhost."""

import email
import socket
from collections.abc import Iterator
from datetime import date
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine
from sqlmodel import Session

from dashboard.cli import main
from models import User
from tests import factories as make

AS_OF = "2026-11-02"


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def by_recipient(self) -> dict[str, EmailMessage]:
        return {recipients[0]: message for recipients, message in self.received}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    """A real SMTP server on localhost, and the settings that point the app at it."""
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("OVERSIGHT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("OVERSIGHT_SMTP_PORT", str(port))
    monkeypatch.setenv("OVERSIGHT_MAIL_FROM", "oversight@cqc.example")
    monkeypatch.delenv("OVERSIGHT_SMTP_USER", raising=False)
    yield inbox
    controller.stop()


@pytest.fixture
def programme(engine: Engine, session: Session, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """Follow-ups for Amira (lead) and Tom (allocated), Grace without email; CQC actions."""
    provider = make.provider(session, "P1")
    provider.allocated_inspector = "Tom Okafor"
    other = make.provider(session, "P2")
    mine = make.inspection(
        session,
        "I1",
        make.group(session, "G1", provider),
        date(2026, 1, 5),
        lead_inspector="Amira Shah",
    )
    graces = make.inspection(
        session,
        "I2",
        make.group(session, "G2", other),
        date(2026, 2, 2),
        lead_inspector="Grace Lin",
    )
    make.recommendation(session, "R-LATE", mine, date(2026, 10, 30), risk="high")
    make.recommendation(session, "R-SOON", mine, date(2026, 11, 20), status="in progress")
    make.recommendation(session, "R-CLOSED", mine, date(2026, 10, 1), status="closed")
    make.recommendation(session, "R-GRACE", graces, date(2026, 10, 1))
    meeting = make.meeting(session, "M1", date(2026, 9, 1))
    owners = [
        ("A-RUTH", "cqc", "Ruth Pryce", "open"),
        ("A-ANALYST", "cqc", "CQC analyst", "open"),
        ("A-PROVIDER", "provider", "Ruth Pryce", "open"),
        ("A-DONE", "cqc", "Ruth Pryce", "done"),
    ]
    for ref, org, owner, status in owners:
        action = make.action(session, ref, meeting, date(2026, 10, 20), status=status)
        action.owner_org, action.owner_name = org, owner
    people = [("amira", "Amira Shah"), ("tom", "Tom Okafor"), ("ruth", "Ruth Pryce")]
    for username, name in people:
        session.add(
            User(
                username=username,
                display_name=name,
                role="inspector",
                password_hash="-",
                email=f"{username}@cqc.example",
            )
        )
    session.add(
        User(username="grace", display_name="Grace Lin", role="inspector", password_hash="-")
    )
    # a disabled account's address is never used
    session.add(
        User(
            username="old",
            display_name="CQC analyst",
            role="inspector",
            password_hash="-",
            email="old@cqc.example",
            disabled=True,
        )
    )
    session.commit()
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return engine


def test_each_inspector_and_action_owner_gets_one_digest(programme, smtp_server, capsys):
    assert main(["remind", "--as-of", AS_OF]) == 0
    err = capsys.readouterr().err
    assert sorted(rcpts for rcpts, _ in smtp_server.received) == [
        ["amira@cqc.example"],
        ["ruth@cqc.example"],
        ["tom@cqc.example"],
    ]
    mail = smtp_server.by_recipient()
    amira = mail["amira@cqc.example"]
    assert amira["From"] == "oversight@cqc.example"
    assert amira["Subject"] == (
        "OFFICIAL-SENSITIVE: 1 overdue and 1 soon-due follow-ups (2026-11-02)"
    )
    body = amira.get_content()
    assert "- R-LATE (inspection I1, P1): high risk, due 2026-10-30, open, 3 days overdue" in body
    assert "- R-SOON (inspection I1, P1): medium risk, due 2026-11-20, in progress" in body
    assert "R-CLOSED" not in body and "R-GRACE" not in body
    assert "Review policy" not in body  # refs only, never the recommendation's text
    # Tom is allocated to the provider, so he hears about the same two
    assert "R-LATE" in mail["tom@cqc.example"].get_content()
    ruth = mail["ruth@cqc.example"]
    assert ruth["Subject"] == "OFFICIAL-SENSITIVE: 1 open governance actions (2026-11-02)"
    assert "- A-RUTH (meeting M1): due 2026-10-20, open, 13 days overdue" in ruth.get_content()
    assert "A-PROVIDER" not in ruth.get_content() and "A-DONE" not in ruth.get_content()
    assert "sent 3 reminders" in err
    assert "skipped (no email address known): CQC analyst, Grace Lin" in err


def test_a_dry_run_prints_the_messages_and_sends_nothing(programme, smtp_server, capsys):
    assert main(["remind", "--as-of", AS_OF, "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert smtp_server.received == []
    assert captured.out.count("Subject: OFFICIAL-SENSITIVE") == 3
    assert "To: Amira Shah <amira@cqc.example>" in captured.out
    assert "dry run: would send 3 reminders" in captured.err


def test_sending_without_smtp_settings_is_refused(programme, monkeypatch, capsys):
    monkeypatch.delenv("OVERSIGHT_SMTP_HOST", raising=False)
    assert main(["remind", "--as-of", AS_OF]) == 1
    assert "set OVERSIGHT_SMTP_HOST" in capsys.readouterr().err
