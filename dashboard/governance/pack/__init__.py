"""The governance pack: a meeting's figures as of its date (or, for a meeting still to come,
as of the day it is built), as pack.pdf and pack.xlsx."""

from dashboard.governance.pack.build import PDF_NAME, XLSX_NAME, Pack, build_pack, write_pack
from dashboard.governance.pack.data import PackData, UnknownMeeting, as_of_line

__all__ = [
    "PDF_NAME",
    "XLSX_NAME",
    "Pack",
    "PackData",
    "UnknownMeeting",
    "as_of_line",
    "build_pack",
    "write_pack",
]
