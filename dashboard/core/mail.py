"""Sending email through the SMTP server named in the environment (OVERSIGHT_SMTP_*)."""

import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage

from dashboard.core.refusal import Refused

SMTP_HOST_ENV = "OVERSIGHT_SMTP_HOST"
SMTP_PORT_ENV = "OVERSIGHT_SMTP_PORT"
SMTP_USER_ENV = "OVERSIGHT_SMTP_USER"
SMTP_PASSWORD_ENV = "OVERSIGHT_SMTP_PASSWORD"
MAIL_FROM_ENV = "OVERSIGHT_MAIL_FROM"
DEFAULT_PORT = 25
IMPLICIT_TLS_PORT = 465
TIMEOUT_SECONDS = 30


class MailNotConfigured(Refused):
    """The SMTP settings are missing or invalid; the message names the variable."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where and as whom to send: host, port, optional login, and the From address."""

    host: str
    port: int
    user: str | None
    password: str | None
    sender: str


def smtp_settings(environ: Mapping[str, str] | None = None) -> SmtpSettings:
    """The SMTP settings from the environment; MailNotConfigured names what is missing."""
    env = os.environ if environ is None else environ
    host, sender = env.get(SMTP_HOST_ENV, "").strip(), env.get(MAIL_FROM_ENV, "").strip()
    if not host:
        raise MailNotConfigured(f"set {SMTP_HOST_ENV} (and {MAIL_FROM_ENV}) to send email")
    if not sender:
        raise MailNotConfigured(f"set {MAIL_FROM_ENV}, the address reminders are sent from")
    port_text = env.get(SMTP_PORT_ENV, "").strip() or str(DEFAULT_PORT)
    if not port_text.isdigit():
        raise MailNotConfigured(f"{SMTP_PORT_ENV}: '{port_text}' is not a port number")
    return SmtpSettings(
        host,
        int(port_text),
        env.get(SMTP_USER_ENV) or None,
        env.get(SMTP_PASSWORD_ENV) or None,
        sender,
    )


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    """A connection, over TLS when the port or the server offers it, logged in if asked."""
    context = ssl.create_default_context()
    if settings.port == IMPLICIT_TLS_PORT:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=TIMEOUT_SECONDS, context=context
        )
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS)
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            smtp.starttls(context=context)
            smtp.ehlo()
    if settings.user:
        smtp.login(settings.user, settings.password or "")
    return smtp


def send_messages(messages: Sequence[EmailMessage], settings: SmtpSettings) -> int:
    """Send every message over one connection; returns how many were sent."""
    if not messages:
        return 0
    with _connect(settings) as smtp:
        for message in messages:
            smtp.send_message(message)
    return len(messages)
