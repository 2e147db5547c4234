"""An error of the app's own: logged once with a reference, shown as one sentence.

Streamlit would log the traceback and show "This app has encountered an error" (details are off
in `.streamlit/config.toml`), leaving nothing that ties the screen to the log. The person gets a
reference to give the administrator; the log gets that reference, the page and the username.
Tracebacks carry code lines, not values, and the engines hide SQL parameters (`core.db`), so no
survivor's details reach the log.
"""

import logging
import secrets
import sys
from collections.abc import Callable

import streamlit as st

LOGGER = logging.getLogger("dashboard")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _log_to_stderr() -> None:
    """One handler on the app's logger (Streamlit configures only its own)."""
    if not LOGGER.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        LOGGER.addHandler(handler)
        LOGGER.setLevel(logging.INFO)


def run_logged(run: Callable[[], object], username: str | None) -> None:
    """Run the page; an exception it did not expect is logged once and told in a sentence."""
    try:
        run()
    except Exception:  # everything else became a refusal sentence before it got here
        reference = secrets.token_hex(4)
        _log_to_stderr()
        path = st.context.url or "?"
        LOGGER.exception("error %s on %s for %s", reference, path, username or "?")
        st.error(
            "Something went wrong on this page, so it stopped. If you were saving, check "
            "whether your change is there before trying again. Give the administrator the "
            f"reference {reference}: it points to the details in the server log."
        )
