"""The governance pack as a short printable PDF, marked OFFICIAL-SENSITIVE on every page."""

import io
import struct
from collections.abc import Mapping
from datetime import date

from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboard.core.marking import MARKING
from dashboard.governance.pack.data import PackData, as_of_line, context_lines
from dashboard.governance.pack.tables import Cell, PackTable
from dashboard.governance.rules import kind_label

FONT = "Helvetica"
# The PDF's built-in font is Latin-1 only: typographic characters become their plain forms.
PLAIN = str.maketrans(
    {"–": "-", "—": "-", "→": "->", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "•": "-"}
)
CHART_WIDTH = 128
CELL_PADDING = 4.0
BESIDE_MAX_ROWS = 20
HEADINGS = FontFace(emphasis="BOLD", fill_color=(222, 231, 242))


# A printable paper: a table longer than this lists its first rows and points to pack.xlsx
# (at 100× the programme the action log alone ran to 2,234 rows and the pack to 80 s).
PDF_MAX_ROWS = 60


def plain(text: str) -> str:
    """Text the built-in font can draw; anything else becomes '?'."""
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def cell_text(value: Cell) -> str:
    """A table cell as the paper shows it: dates as `09 Sep 2026`, nothing for empty."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d %b %Y")
    if isinstance(value, float):
        return f"{value:.1f}"
    return plain(str(value))


class PackPdf(FPDF):
    """A landscape A4 document whose header and footer carry the protective marking."""

    def header(self) -> None:
        self.set_font(FONT, "B", 9)
        self.set_text_color(150, 0, 0)
        self.cell(0, 6, MARKING, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "B", 9)
        self.set_text_color(150, 0, 0)
        self.cell(0, 6, f"{MARKING}  -  page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _cover(pdf: PackPdf, data: PackData) -> None:
    meeting = data.meeting
    pdf.add_page()
    pdf.set_font(FONT, "B", 26)
    pdf.ln(20)
    pdf.cell(0, 14, "Governance pack", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 16)
    pdf.cell(
        0,
        10,
        plain(f"{kind_label(meeting.kind)} meeting {meeting.ref}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(0, 10, as_of_line(meeting, data.as_of), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(FONT, "", 12)
    for line in context_lines(data):
        pdf.cell(0, 8, plain(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_color(150, 0, 0)
    pdf.cell(0, 12, MARKING, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(
        0,
        6,
        "Programme data only: no survivor names or case details. Inspection "
        "reports are confidential. Share only as the marking allows.",
    )


def _widths(pdf: PackPdf, table: PackTable) -> tuple[float, ...]:
    """Column widths in mm: each column's longest text, the widest ones wrapped to fit the page."""

    def width(text: str) -> float:
        return pdf.get_string_width(text) + CELL_PADDING

    printed = table.rows[:PDF_MAX_ROWS]  # measuring rows that are not printed cost 10 s at 100×
    texts = [
        [plain(name.replace("_", " ")) + "  "] + [cell_text(row[i]) for row in printed]
        for i, name in enumerate(table.columns)
    ]
    natural = [max(width(text) for text in column) for column in texts]
    narrowest = [
        max(width(word) for text in column for word in text.split() or [""]) for column in texts
    ]
    widths = list(natural)
    while sum(widths) > pdf.epw:
        widest = max(range(len(widths)), key=lambda i: widths[i] - narrowest[i])
        room = widths[widest] - narrowest[widest]
        if room <= 0:
            break
        widths[widest] -= min(room, sum(widths) - pdf.epw, max(room / 2, 1))
    return tuple(widths)


def _font_size(table: PackTable) -> int:
    return 8 if len(table.columns) > 6 else 10


def _table(pdf: PackPdf, table: PackTable) -> None:
    pdf.set_font(FONT, "", _font_size(table))
    if not table.rows:
        pdf.cell(0, 7, "None.", new_x="LMARGIN", new_y="NEXT")
        return
    rows = table.rows[:PDF_MAX_ROWS]
    widths = _widths(pdf, table)
    with pdf.table(
        col_widths=widths,
        width=min(sum(widths), pdf.epw),
        align="LEFT",
        headings_style=HEADINGS,
        line_height=5,
        text_align="LEFT",
    ) as grid:
        heading = grid.row()
        for name in table.columns:
            heading.cell(plain(name.replace("_", " ")))
        for values in rows:
            row = grid.row()
            for value in values:
                row.cell(cell_text(value))
    if len(table.rows) > len(rows):
        pdf.set_font(FONT, "I", 9)
        pdf.cell(
            0,
            7,
            f"The first {len(rows)} of {len(table.rows):,} rows; pack.xlsx has them all.",
            new_x="LMARGIN",
            new_y="NEXT",
        )


def _png_height(png: bytes, width: float) -> float:
    """The height in mm of a PNG drawn `width` mm wide (from its header's pixel size)."""
    pixels_wide, pixels_high = struct.unpack(">II", png[16:24])
    return width * int(pixels_high) / int(pixels_wide)


def _fits_beside(pdf: PackPdf, table: PackTable) -> bool:
    """A short, narrow table leaves room for its chart on its right."""
    pdf.set_font(FONT, "", _font_size(table))
    narrow = sum(_widths(pdf, table)) <= pdf.epw - CHART_WIDTH - 8
    return narrow and len(table.rows) <= BESIDE_MAX_ROWS


def _section(pdf: PackPdf, table: PackTable, image: bytes | None) -> None:
    chart_height = _png_height(image, CHART_WIDTH) if image else 0.0
    beside = image is not None and _fits_beside(pdf, table)
    if pdf.get_y() + 40 + (chart_height if beside else 0) > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.ln(4)
    pdf.start_section(plain(table.title))
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 9, plain(table.title), new_x="LMARGIN", new_y="NEXT")
    if table.note:
        pdf.set_font(FONT, "I", 9)
        pdf.multi_cell(0, 5, plain(table.note), new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y()
    _table(pdf, table)
    if image is None:
        return
    if beside:
        pdf.image(io.BytesIO(image), x=pdf.l_margin + pdf.epw - CHART_WIDTH, y=top, w=CHART_WIDTH)
        pdf.set_y(max(pdf.get_y(), top + chart_height))
        return
    if pdf.get_y() + chart_height + 3 > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.ln(3)
    pdf.image(io.BytesIO(image), w=CHART_WIDTH)


def pack_pdf(data: PackData, images: Mapping[str, bytes]) -> bytes:
    """The whole pack: cover, then each section's table and chart, in the tables' order."""
    pdf = PackPdf(orientation="landscape", format="A4")
    pdf.set_title(plain(f"Governance pack {data.meeting.ref} ({MARKING})"))
    pdf.set_subject(MARKING)
    pdf.set_keywords(MARKING)
    pdf.set_auto_page_break(auto=True, margin=16)
    _cover(pdf, data)
    pdf.add_page()
    for table in data.tables:
        _section(pdf, table, images.get(table.sheet))
    return bytes(pdf.output())
