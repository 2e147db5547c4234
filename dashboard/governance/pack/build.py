"""Build a meeting's governance pack in one go, reporting progress as it goes."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session

from dashboard.core.gc_pause import collection_paused
from dashboard.core.vocabulary import Role
from dashboard.governance.pack.data import PackData, gather
from dashboard.governance.pack.images import pack_charts
from dashboard.governance.pack.pdf import pack_pdf
from dashboard.governance.pack.workbook import pack_workbook

PDF_NAME = "pack.pdf"
XLSX_NAME = "pack.xlsx"
# Called with the share done (0 to 1) and what is happening now.
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Pack:
    """A built pack: both files' bytes, the data behind them, and how long it took."""

    data: PackData
    pdf: bytes
    xlsx: bytes
    seconds: float


def _quiet(_done: float, _what: str) -> None:
    """Progress nobody watches."""


def build_pack(
    session: Session,
    meeting_ref: str,
    on_progress: Progress | None = None,
    *,
    role: Role,
    built_on: date | None = None,
) -> Pack:
    """Gather the meeting's figures as a reader of this role sees them (partners: only meetings
    they attend, findings of sent final reports only), draw the charts, write the PDF and
    workbook. The figures are as of the meeting's date once it is held; for a meeting still to
    come, as of the day the pack is built (`built_on`, today unless given)."""
    report = on_progress or _quiet
    started = time.perf_counter()
    with collection_paused():
        report(0.05, "Gathering the figures")
        data = gather(session, meeting_ref, role=role, built_on=built_on)
        report(0.35, "Drawing the charts")
        images = pack_charts(data, lambda sheet: report(0.5, f"Drawing the {sheet} chart"))
        report(0.7, "Writing pack.pdf")
        pdf = pack_pdf(data, images)
        report(0.9, "Writing pack.xlsx")
        xlsx = pack_workbook(data)
    seconds = time.perf_counter() - started
    report(1.0, f"Built in {seconds:.1f} s")
    return Pack(data, pdf, xlsx, seconds)


def write_pack(pack: Pack, out_dir: Path) -> tuple[Path, Path]:
    """Write pack.pdf and pack.xlsx into the folder (made if missing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf_path, xlsx_path = out_dir / PDF_NAME, out_dir / XLSX_NAME
    pdf_path.write_bytes(pack.pdf)
    xlsx_path.write_bytes(pack.xlsx)
    return pdf_path, xlsx_path
