"""Small real evidence files (a PDF that opens, images that decode, Office zips) and the
hostile ones the checks must refuse, built in memory."""

import io
import zipfile

from openpyxl import Workbook
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def pdf_bytes(writer: PdfWriter | None = None) -> bytes:
    """A one-page PDF as pypdf writes it (or the given writer's document)."""
    if writer is None:
        writer = PdfWriter()
        writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(image_format: str, size: tuple[int, int] = (4, 3), mode: str = "RGB") -> bytes:
    """A picture in this Pillow format ("PNG" or "JPEG"); mode "1" (a bit a pixel) keeps a
    large one small in memory."""
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format=image_format)
    return buffer.getvalue()


def office_zip(*parts: str, ratio_of: int = 0) -> bytes:
    """A zip with `[Content_Types].xml` and these parts; `ratio_of` bytes of zeros, deflated,
    are written into the first part when given (a zip bomb's shape)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for number, part in enumerate(parts):
            archive.writestr(part, b"\x00" * ratio_of if ratio_of and not number else b"<x/>")
    return buffer.getvalue()


def workbook_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


PDF_BYTES = pdf_bytes()
PNG_BYTES = image_bytes("PNG")
JPEG_BYTES = image_bytes("JPEG")
# The start of a Windows executable: the DOS header, then the PE signature it points to.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50 + b"PE\x00\x00"


def pdf_with_executable_after_header() -> bytes:
    """`%PDF-` and then a Windows executable, the rest of a real PDF after it."""
    header, rest = PDF_BYTES.split(b"\n", 1)
    return header + b"\n" + EXECUTABLE + b"\n" + rest


def pdf_with_zip_after_end() -> bytes:
    """A real PDF with a zip appended after its `%%EOF` (a PDF/zip polyglot)."""
    return PDF_BYTES + office_zip("payload.exe")


def pdf_with_attachment() -> bytes:
    """A PDF carrying an attached file (an executable)."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment("tool.exe", EXECUTABLE)
    return pdf_bytes(writer)


def pdf_with_open_javascript() -> bytes:
    """A PDF that runs JavaScript when opened."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hi')"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return pdf_bytes(writer)


def png_with_bad_header() -> bytes:
    """A PNG whose signature is right but whose header chunk (IHDR, the size) is damaged."""
    data = bytearray(PNG_BYTES)
    data[16:24] = b"\xff" * 8  # width and height: past what PNG allows, and the CRC now wrong
    return bytes(data)
