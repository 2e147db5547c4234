"""What the coverage page shows, gathered from the database and laid out as table rows."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
from pandas.io.formats.style import Styler
from sqlmodel import Session

from dashboard.core.programme_year import programme_year_of, quarter_bounds, year_label
from dashboard.core.vocabulary import ServiceType
from dashboard.coverage import queries as queries_coverage
from dashboard.coverage.queries import GroupProfile, ServiceProfile
from dashboard.coverage.rules import (
    CoverageStatus,
    GroupCoverage,
    ServiceSpan,
    coverage_as_of,
    is_open_on,
)
from dashboard.coverage.year import (
    MonthCell,
    ProviderYear,
    month_cells,
    provider_year_coverage,
)
from dashboard.overview.figures import ProgrammeYearPercent, programme_year_percents
from dashboard.planning.rules import PlannedInspection

STATUS_WORDS = {
    CoverageStatus.OVERDUE: "overdue",
    CoverageStatus.DUE_SOON: "due soon",
    CoverageStatus.IN_DATE: "in date",
}
# Background and text colours for the status column; the words carry the meaning.
STATUS_STYLES = {
    "overdue": "background-color: #b2182b; color: white",
    "due soon": "background-color: #fdb863; color: black",
    "in date": "background-color: #d1e5f0; color: black",
}


@dataclass(frozen=True)
class CoverageRow:
    """One active group on the coverage page."""

    coverage: GroupCoverage
    profile: GroupProfile
    open_services: tuple[ServiceProfile, ...]

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.coverage.status]

    @property
    def regions(self) -> set[str]:
        return {s.region for s in self.open_services if s.region}

    @property
    def service_types(self) -> set[str]:
        return {s.service_type for s in self.open_services}


@dataclass(frozen=True)
class CoverageFilter:
    """The page's filters; an empty choice means everything."""

    providers: Sequence[str] = ()
    regions: Sequence[str] = ()
    service_types: Sequence[str] = ()
    statuses: Sequence[str] = ()
    inspectors: Sequence[str] = ()


@dataclass(frozen=True)
class CoverageData:
    """Everything the coverage page shows for an as-of date and a programme year."""

    as_of: date
    year: int
    rows: tuple[CoverageRow, ...]
    year_percents: tuple[ProgrammeYearPercent, ...]
    providers: tuple[ProviderYear, ...]
    months: tuple[MonthCell, ...]
    this_quarter: tuple[PlannedInspection, ...]


def _open_services(profile: GroupProfile, as_of: date) -> tuple[ServiceProfile, ...]:
    return tuple(
        s for s in profile.services if is_open_on(ServiceSpan(s.opened_on, s.closed_on), as_of)
    )


def coverage_data(session: Session, as_of: date, year: int | None = None) -> CoverageData:
    """Gather the coverage page for a date; the year view defaults to the date's year."""
    year = programme_year_of(as_of) if year is None else year
    profiles = queries_coverage.group_profiles(session)
    groups = queries_coverage.group_facts(session)
    starts = queries_coverage.inspection_starts(session)
    rows = tuple(
        CoverageRow(row, profiles[row.group_code], _open_services(profiles[row.group_code], as_of))
        for row in coverage_as_of(groups, starts, as_of)
    )
    names = {p.provider_code: p.provider_name for p in profiles.values()}
    first, last = quarter_bounds(as_of)
    return CoverageData(
        as_of=as_of,
        year=year,
        rows=rows,
        year_percents=tuple(programme_year_percents(groups, starts, as_of)),
        providers=tuple(provider_year_coverage(groups, starts, year, as_of, names)),
        months=tuple(month_cells(groups, starts, year, as_of)),
        this_quarter=tuple(queries_coverage.inspections_starting(session, first, last)),
    )


def filter_options(rows: Sequence[CoverageRow]) -> dict[str, list[str]]:
    """The choices each filter offers, from the rows themselves."""
    return {
        "providers": sorted({r.profile.provider_code for r in rows}),
        "regions": sorted(set().union(*(r.regions for r in rows))) if rows else [],
        "service_types": [t.value for t in ServiceType],
        "statuses": list(STATUS_WORDS.values()),
        "inspectors": sorted(
            {r.profile.allocated_inspector for r in rows if r.profile.allocated_inspector}
        ),
    }


def filter_rows(rows: Sequence[CoverageRow], chosen: CoverageFilter) -> list[CoverageRow]:
    """Rows matching every filter; a group matches a region or type if any open service does."""

    def keep(row: CoverageRow) -> bool:
        return (
            (not chosen.providers or row.profile.provider_code in chosen.providers)
            and (not chosen.regions or bool(row.regions & set(chosen.regions)))
            and (not chosen.service_types or bool(row.service_types & set(chosen.service_types)))
            and (not chosen.statuses or row.status_words in chosen.statuses)
            and (not chosen.inspectors or row.profile.allocated_inspector in chosen.inspectors)
        )

    return [row for row in rows if keep(row)]


def _count(services: Sequence[ServiceProfile], kind: ServiceType) -> int:
    return sum(s.service_type == kind for s in services)


def coverage_table(rows: Sequence[CoverageRow]) -> pd.DataFrame:
    """The coverage table, worst first, one row per active group."""
    return pd.DataFrame(
        [
            {
                "Status": row.status_words,
                "Group": f"{row.profile.code} · {row.profile.name}",
                "Provider": f"{row.profile.provider_code} · {row.profile.provider_name}",
                "Safehouses": _count(row.open_services, ServiceType.SAFEHOUSE),
                "Outreach": _count(row.open_services, ServiceType.OUTREACH),
                "Children": "yes"
                if any(s.accommodates_children for s in row.open_services)
                else "no",
                "Regions": ", ".join(sorted(row.regions)),
                "Last inspected": row.coverage.last_inspected_on,
                "Last type": row.coverage.last_inspection_type or "",
                "Next due": row.coverage.next_due_on,
                "Scheduled": row.coverage.scheduled_on,
                "Inspector": row.profile.allocated_inspector or "",
            }
            for row in rows
        ],
        columns=[
            "Status",
            "Group",
            "Provider",
            "Safehouses",
            "Outreach",
            "Children",
            "Regions",
            "Last inspected",
            "Last type",
            "Next due",
            "Scheduled",
            "Inspector",
        ],
    )


def styled_status(frame: pd.DataFrame) -> Styler:
    """The table with its Status column coloured as a tag (the words stay the meaning)."""
    return frame.style.map(lambda words: STATUS_STYLES.get(words, ""), subset=["Status"])


def year_percent_table(rows: Sequence[ProgrammeYearPercent]) -> pd.DataFrame:
    """Coverage % per programme year, in the columns the programme-year chart reads."""
    return pd.DataFrame(
        [
            {
                "programme year": year_label(r.year),
                "coverage %": round(r.percent, 1) if r.percent is not None else 0.0,
                "covered": r.covered,
                "required": r.required,
            }
            for r in rows
        ],
        columns=["programme year", "coverage %", "covered", "required"],
    )


def provider_table(rows: Sequence[ProviderYear]) -> pd.DataFrame:
    """Coverage of the year per provider, lowest first."""
    frame = pd.DataFrame(
        [
            {
                "Provider": f"{r.provider_code} · {r.provider_name}",
                "Required": r.required,
                "Covered": r.covered,
                "Coverage %": round(r.percent or 0.0, 1),
            }
            for r in rows
        ],
        columns=["Provider", "Required", "Covered", "Coverage %"],
    )
    return frame.sort_values(["Coverage %", "Provider"], kind="stable").reset_index(drop=True)


def month_table(cells: Sequence[MonthCell]) -> pd.DataFrame:
    """Group × month cells for the heat map, months labelled 'Apr 2026'."""
    return pd.DataFrame(
        [
            {"group": c.group_code, "month": f"{c.month:%b %Y}", "state": c.state.value}
            for c in cells
        ],
        columns=["group", "month", "state"],
    )


def quarter_table(inspections: Sequence[PlannedInspection], as_of: date) -> pd.DataFrame:
    """Inspections starting in the as-of date's quarter, started or still to come."""
    return pd.DataFrame(
        [
            {
                "Start": i.start_on,
                "Inspection": i.ref,
                "Group": i.group_code,
                "Type": i.inspection_type,
                "Lead inspector": i.lead_inspector or "",
                "State": "started" if i.start_on <= as_of else "scheduled",
            }
            for i in inspections
        ],
        columns=["Start", "Inspection", "Group", "Type", "Lead inspector", "State"],
    )


def provider_labels(rows: Sequence[CoverageRow]) -> dict[str, str]:
    """Provider code → 'P01 · name', for the provider filter."""
    return {
        r.profile.provider_code: f"{r.profile.provider_code} · {r.profile.provider_name}"
        for r in rows
    }


def group_labels(rows: Sequence[CoverageRow]) -> dict[str, str]:
    """Group code → 'G01 · name (overdue)', in the rows' order, for the drill-down."""
    return {r.profile.code: f"{r.profile.code} · {r.profile.name} ({r.status_words})" for r in rows}


# More rows than this and a groups × months heat map cannot be read from across a room.
HEATMAP_MAX_GROUPS = 120


def heatmap_cells(cells: Sequence[MonthCell], groups: Iterable[str]) -> list[MonthCell]:
    """The month cells of these groups only (the filtered table's), in their order."""
    wanted = set(groups)
    return [cell for cell in cells if cell.group_code in wanted]
