"""The governance pack: a meeting's figures as of its date, as pack.pdf and pack.xlsx."""

from dashboard.governance.pack.build import PDF_NAME, XLSX_NAME, Pack, build_pack, write_pack
from dashboard.governance.pack.data import PackData, UnknownMeeting

__all__ = [
    "PDF_NAME",
    "XLSX_NAME",
    "Pack",
    "PackData",
    "UnknownMeeting",
    "build_pack",
    "write_pack",
]
