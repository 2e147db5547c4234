"""What an evidence file really is: its name cleaned, its type read from its content by
`puremagic` and then its structure checked, so a file passes only when it is what it says.

- Names: folders are dropped; control and format characters (NUL, ESC, a right-to-left
  override that turns `exe.pdf` round) are refused with the name shown escaped.
- PDF: a `%PDF-` header followed by objects (nothing smuggled between them), nothing but blank
  space after the last `%%EOF`, a document pypdf opens with its pages, and no attached files,
  JavaScript or launch action in its catalogue.
- Word and Excel: a zip within the importer's zip-bomb limits, holding `[Content_Types].xml`
  and the document's parts, and no macro project (`vbaProject.bin`).
- PNG and JPEG: a header Pillow decodes to a size, at most `MAX_EVIDENCE_PIXELS`.

Every refusal is an `EvidenceRefused` whose sentence starts with the file's name.
"""

import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Mapping
from pathlib import PurePath, PurePosixPath
from types import MappingProxyType

import puremagic
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from dashboard.core.refusal import Refused
from dashboard.exchange.reader import archive_problem
from models.base import NAME_LENGTH

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_PIXELS = 100_000_000  # a 108-megapixel phone photo is the largest in common use
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"
CONTENT_TYPES: Mapping[str, str] = MappingProxyType(
    {".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG}
)
KIND_NAMES: Mapping[str, str] = MappingProxyType(
    {
        PDF: "a PDF",
        DOCX: "a Word document",
        XLSX: "an Excel workbook",
        PNG: "a PNG image",
        JPEG: "a JPEG image",
    }
)
ACCEPTED = "PDF (.pdf), Word (.docx), Excel (.xlsx) or an image (.png, .jpg, .jpeg)"
# What puremagic calls the accepted types: an Office file is a zip it cannot tell apart
# (it offers .docx, .xlsx and .pptx alike), so the zip's own parts decide.
OFFICE_ZIP = "office zip"
_MAGIC_KINDS: Mapping[str, str] = MappingProxyType(
    {
        ".pdf": PDF,
        ".png": PNG,
        ".jpg": JPEG,
        ".jpeg": JPEG,
        ".docx": OFFICE_ZIP,
        ".xlsx": OFFICE_ZIP,
        ".zip": OFFICE_ZIP,
    }
)
# The header line, any comment lines (the binary marker), then the first object.
_PDF_START = re.compile(
    rb"%PDF-[12]\.\d[ \t]*(?:\r\n|\r|\n)"  # %PDF-1.7
    rb"(?:\s*%[^\r\n]*(?:\r\n|\r|\n))*"  # %\xe2\xe3\xcf\xd3
    rb"\s*\d+\s+\d+\s+obj\b"  # 1 0 obj
)
_PDF_END = b"%%EOF"
_RISKY_NAMES = ("/EmbeddedFiles", "/JavaScript")
_RISKY_ACTIONS = ("/JavaScript", "/Launch")
_PIL_FORMATS: Mapping[str, str] = MappingProxyType({PNG: "PNG", JPEG: "JPEG"})


class EvidenceRefused(Refused):
    """An evidence file that is too large, empty or not an accepted type; nothing is stored."""


def _hidden(ch: str) -> bool:
    """A control character (NUL, ESC, newline) or an invisible format one (a bidi override)."""
    return unicodedata.category(ch) in ("Cc", "Cf")


def _shown(name: str) -> str:
    """The name with every hidden character written as an escape, safe to show."""
    escaped = (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}" for ch in name)
    return "".join(code if _hidden(ch) else ch for ch, code in zip(name, escaped, strict=True))


def clean_filename(filename: str) -> str:
    """The file's own name without any folders, trimmed to fit the column; a name holding a
    control or format character is refused rather than guessed at."""
    hidden = sorted(set(filter(_hidden, filename)))
    if hidden:
        named = ", ".join(
            f"U+{ord(ch):04X} ({unicodedata.name(ch, 'a control character')})" for ch in hidden
        )
        raise EvidenceRefused(
            f"{_shown(filename)}: the file name holds {named}; rename the file and attach it again"
        )
    name = PurePath(filename.replace("\\", "/")).name.strip().rstrip(". ")
    if not name:
        raise EvidenceRefused(f"{filename.strip() or 'file name'}: the file has no name")
    stem, suffix = PurePath(name).stem, PurePath(name).suffix
    return name if len(name) <= NAME_LENGTH else stem[: NAME_LENGTH - len(suffix)] + suffix


def _magic_kind(data: bytes) -> str | None:
    """The accepted kind puremagic finds most likely (PDF, PNG, JPEG or an Office zip)."""
    try:
        matches = puremagic.magic_string(data)
    except (puremagic.PureError, ValueError):
        return None
    for match in matches:  # most confident first
        kind = _MAGIC_KINDS.get(match.extension.lower())
        if kind is not None:
            return kind
    return None


def _office_type(filename: str, data: bytes) -> str | None:
    """DOCX or XLSX when the zip is an Office document without macros, within the zip-bomb
    limits; None when it is no Office document at all."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        return None
    with archive:
        problem = archive_problem(filename, archive)
        if problem is not None:
            raise EvidenceRefused(str(problem))
        names = archive.namelist()
    if "[Content_Types].xml" not in names:
        return None
    macros = [name for name in names if PurePosixPath(name).name.lower() == "vbaproject.bin"]
    if macros:
        raise EvidenceRefused(
            f"{filename}: holds a macro project ({macros[0]}); save it without macros "
            "(as a plain .docx or .xlsx) and attach it again"
        )
    if any(name.startswith("word/") for name in names):
        return DOCX
    if any(name.startswith("xl/") for name in names):
        return XLSX
    return None


def _check_pdf(filename: str, data: bytes) -> None:
    """Refuse a PDF with anything hidden before its first object or after its end, one that
    does not open, or one that carries attachments, scripts or a launch action."""
    if not _PDF_START.match(data):
        raise EvidenceRefused(
            f"{filename}: does not go on like a PDF after its first line (something else is "
            "hidden in it); save or print it as PDF again and attach that"
        )
    end = data.rfind(_PDF_END)
    if end < 0 or data[end + len(_PDF_END) :].strip(b" \t\r\n\f\x00"):
        raise EvidenceRefused(
            f"{filename}: has content after the end of the PDF (%%EOF) or no end at all; "
            "save or print it as PDF again and attach that"
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = len(reader.pages)
        risky = _pdf_risks(reader.root_object)
    except Exception:  # pypdf raises many types for a damaged or hostile file
        raise EvidenceRefused(
            f"{filename}: cannot be opened as a PDF; save or print it as PDF again and attach that"
        ) from None
    if not pages:
        raise EvidenceRefused(f"{filename}: the PDF has no pages")
    if risky:
        raise EvidenceRefused(
            f"{filename}: the PDF carries {risky}; print it to PDF again (printing leaves "
            "these out) and attach that"
        )


def _pdf_risks(catalogue: DictionaryObject) -> str:
    """What in a PDF's catalogue could run or hide a file: attachments, JavaScript, launch."""
    found: list[str] = []
    names = catalogue.get("/Names")
    if names is not None:
        names = names.get_object()
        found += [
            "attached files" if key == "/EmbeddedFiles" else "JavaScript"
            for key in _RISKY_NAMES
            if key in names
        ]
    actions = [catalogue.get("/OpenAction")]
    extra = catalogue.get("/AA")
    if extra is not None:
        actions += list(extra.get_object().values())
    for action in actions:
        action = action.get_object() if action is not None else None
        if isinstance(action, DictionaryObject) and action.get("/S") in _RISKY_ACTIONS:
            found.append(f"an action that runs {str(action['/S'])[1:]}")
    return " and ".join(dict.fromkeys(found))


def _check_image(filename: str, data: bytes, content_type: str) -> None:
    """Refuse an image whose header does not decode to a size, or whose PNG chunks are
    damaged, or that would unpack to more than `MAX_EVIDENCE_PIXELS`."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[_PIL_FORMATS[content_type]])
            with image:
                width, height = image.size
                image.verify()  # a PNG's chunk checksums; a JPEG's markers
    except Image.DecompressionBombError:
        width = height = MAX_EVIDENCE_PIXELS  # over the limit whatever its real size
    except Exception:  # Pillow raises many types for a damaged or foreign header
        raise EvidenceRefused(
            f"{filename}: the image's header cannot be read (it is damaged or not a picture); "
            "save the picture again as PNG or JPEG and attach that"
        ) from None
    if width < 1 or height < 1:
        raise EvidenceRefused(f"{filename}: the image has no pixels")
    if width * height > MAX_EVIDENCE_PIXELS:
        raise EvidenceRefused(
            f"{filename}: the image is over {MAX_EVIDENCE_PIXELS // 1_000_000} megapixels; "
            "save a smaller copy and attach that"
        )


def sniff_content_type(filename: str, data: bytes) -> str | None:
    """The accepted type the bytes really are, or None for anything else; an Office file with
    macros or past the zip limits is refused here already."""
    kind = _magic_kind(data)
    if kind == OFFICE_ZIP:
        return _office_type(filename, data)
    return kind


def checked_content_type(filename: str, data: bytes) -> str:
    """The file's content type when its size, name, content and structure agree; else
    EvidenceRefused with a sentence starting with the file's name."""
    if not data:
        raise EvidenceRefused(f"{filename}: the file is empty")
    if len(data) > MAX_EVIDENCE_BYTES:
        raise EvidenceRefused(
            f"{filename}: {len(data) / 1024 / 1024:.1f} MB is over the 10 MB limit for evidence"
        )
    expected = CONTENT_TYPES.get(PurePath(filename).suffix.lower())
    if expected is None:
        raise EvidenceRefused(f"{filename}: not an accepted type; attach {ACCEPTED}")
    actual = sniff_content_type(filename, data)
    if actual != expected:
        found = KIND_NAMES[actual] if actual else "none of the accepted types"
        raise EvidenceRefused(
            f"{filename}: the name says {KIND_NAMES[expected]} but the content is {found}; "
            f"attach {ACCEPTED}"
        )
    if expected == PDF:
        _check_pdf(filename, data)
    elif expected in _PIL_FORMATS:
        _check_image(filename, data, expected)
    return expected
