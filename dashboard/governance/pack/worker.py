"""Build a pack in its own process, at a lower CPU priority, for the browser.

A pack takes seconds of pure Python (figures, charts, PDF). Built in the app's process it held
the interpreter lock and both cores' share of a 2-core server, so everyone else's pages waited
while one person built a pack for a meeting room. In a child process at `nice` +10 the others'
pages come first, the server's memory does not grow by the pack's, and the person who asked
still sees the progress, read line by line from the child.

The child reads one JSON request on stdin, writes JSON lines on stdout (`progress`, then `built`
or `refused`) and the files into a temporary folder that the parent reads and removes.
"""

import json
import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from dashboard.core import db
from dashboard.core.refusal import Refused
from dashboard.core.vocabulary import Role
from dashboard.governance.pack.build import PDF_NAME, XLSX_NAME, Progress, build_pack, write_pack

LOGGER = logging.getLogger(__name__)
NICENESS = 10
FAILED = (
    "The pack could not be built: the error has been logged for the administrator. "
    "Try again; if it fails again, build it with `dashboard pack`."
)


@dataclass(frozen=True)
class BuiltPack:
    """Both files of a pack built in the worker, and how long the build itself took."""

    pdf: bytes
    xlsx: bytes
    seconds: float


class PackNotBuilt(Refused):
    """The worker stopped without a pack (the reason is in the server log)."""


def build_in_worker(
    database_url: str,
    meeting_ref: str,
    on_progress: Progress,
    *,
    role: Role,
    built_on: date | None,
) -> BuiltPack:
    """Build the pack in a child process on the same database, reporting its progress."""
    request = {
        "meeting_ref": meeting_ref,
        "role": role.value,
        "built_on": (built_on or date.today()).isoformat(),
    }
    with tempfile.TemporaryDirectory(prefix="pack-") as folder:
        request["out_dir"] = folder
        with tempfile.TemporaryFile("w+") as errors:  # a file: a full pipe would stall it
            child = subprocess.Popen(  # noqa: S603 (our module, no shell, no user text as args)
                [sys.executable, "-m", "dashboard.governance.pack.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                env={**os.environ, "DATABASE_URL": database_url},
                text=True,
            )
            assert child.stdin is not None and child.stdout is not None  # noqa: S101 (PIPEs)
            child.stdin.write(json.dumps(request))
            child.stdin.close()
            outcome = _follow(child.stdout, on_progress)
            if child.wait() != 0 or outcome is None:
                errors.seek(0)
                LOGGER.error("pack worker for %s failed:\n%s", meeting_ref, errors.read())
                raise PackNotBuilt(FAILED)
        if "refused" in outcome:
            raise Refused(str(outcome["refused"]))
        out = Path(folder)
        pdf, xlsx = (out / PDF_NAME).read_bytes(), (out / XLSX_NAME).read_bytes()
        return BuiltPack(pdf, xlsx, float(outcome["built"]))


def _follow(lines: IO[str], on_progress: Progress) -> dict[str, Any] | None:
    """Pass each progress line on; the last line (built or refused), or None if cut short."""
    last = None
    for line in lines:
        message = json.loads(line)
        if "progress" in message:
            on_progress(float(message["progress"]), str(message["what"]))
        else:
            last = message
    return last


def _say(**message: object) -> None:
    print(json.dumps(message), flush=True)


def main() -> int:
    """The child: build the requested pack and write both files into `out_dir`."""
    os.nice(NICENESS)
    request = json.loads(sys.stdin.read())
    engine = db.get_engine()
    try:
        with db.session_scope(engine) as session:
            pack = build_pack(
                session,
                request["meeting_ref"],
                lambda done, what: _say(progress=done, what=what),
                role=Role(request["role"]),
                built_on=date.fromisoformat(request["built_on"]),
            )
    except Refused as refusal:
        _say(refused=str(refusal))
        return 0
    write_pack(pack, Path(request["out_dir"]))
    _say(built=pack.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
