"""The data exchange format: read, check, import and export the programme's data."""

from dashboard.exchange.exporter import export_programme, export_workbook_bytes
from dashboard.exchange.formats import FORMAT_BY_NAME, FORMATS, FileFormat
from dashboard.exchange.importer import import_programme
from dashboard.exchange.problems import ImportRejected, Problem
from dashboard.exchange.reader import RawSource, read_source, read_upload
from dashboard.exchange.summary import FileSummary, ImportSummary

__all__ = [
    "FORMATS",
    "FORMAT_BY_NAME",
    "FileFormat",
    "FileSummary",
    "ImportRejected",
    "ImportSummary",
    "Problem",
    "RawSource",
    "export_programme",
    "export_workbook_bytes",
    "import_programme",
    "read_source",
    "read_upload",
]
