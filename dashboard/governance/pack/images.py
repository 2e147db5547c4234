"""The pack's charts: the dashboard's own Altair charts, rendered to PNG offline."""

from collections.abc import Callable

import altair as alt
import vl_convert

from dashboard.core.programme_year import programme_year_of
from dashboard.coverage import charts as coverage_charts
from dashboard.governance import charts
from dashboard.governance.pack.data import PackData
from dashboard.inspections import charts as inspection_charts
from dashboard.inspections.rules import SlaCell
from dashboard.overview import charts as overview_charts

PNG_SCALE = 2


def chart_png(chart: alt.TopLevelMixin) -> bytes:
    """One chart as PNG bytes, drawn by vl-convert (no browser, no screenshots)."""
    return bytes(vl_convert.vegalite_to_png(chart.to_json(), scale=PNG_SCALE))


def _sla_cells_of_year(data: PackData) -> list[SlaCell]:
    year = programme_year_of(data.as_of)
    return [cell for cell in data.sla_cells if cell.quarter.year == year]


def pack_charts(data: PackData, on_chart: Callable[[str], None] | None = None) -> dict[str, bytes]:
    """The charts by the sheet of the section they illustrate, as PNG bytes."""
    figures = data.figures
    wanted: dict[str, alt.TopLevelMixin] = {
        "Coverage": overview_charts.coverage_status_chart(
            overview_charts.coverage_status_frame(figures)
        ),
        "Programme years": coverage_charts.programme_year_chart(
            coverage_charts.programme_year_frame(figures.programme_years)
        ),
        "Actions": charts.action_rag_chart(
            charts.action_rag_frame(row.rag.value for row in data.action_rows)
        ),
    }
    year_cells = _sla_cells_of_year(data)
    if any(cell.counted for cell in year_cells):
        wanted["SLA"] = inspection_charts.sla_chart(inspection_charts.sla_frame(year_cells))
    images = {}
    for sheet, chart in wanted.items():
        if on_chart:
            on_chart(sheet)
        images[sheet] = chart_png(chart.properties(width=460))
    return images
