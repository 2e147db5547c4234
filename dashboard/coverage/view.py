"""What the coverage page shows, laid out as table rows: the groups, the year, one group."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
from pandas.io.formats.style import Styler

from dashboard.core.vocabulary import ALL_KEY_QUESTIONS, ServiceType, in_words
from dashboard.coverage.queries import (
    CoverageRow,
    GroupDetail,
    ServiceProfile,
)
from dashboard.coverage.queries.group_inspections import InspectionRecord
from dashboard.coverage.rules import (
    DATE_PASSED,
    STATUS_WORDS,
    MonthCell,
    PlannedInspection,
    ProviderYear,
    inspection_state,
)
from dashboard.coverage.rules.booking import booking_flag

# Background and text colours for the status column; the words carry the meaning.
STATUS_STYLES = {
    "overdue": "background-color: #b2182b; color: white",
    "due soon": "background-color: #fdb863; color: black",
    "in date": "background-color: #d1e5f0; color: black",
}


@dataclass(frozen=True)
class CoverageFilter:
    """The page's filters; an empty choice means everything."""

    providers: Sequence[str] = ()
    regions: Sequence[str] = ()
    service_types: Sequence[str] = ()
    statuses: Sequence[str] = ()
    inspectors: Sequence[str] = ()


def date_passed_count(rows: Sequence[CoverageRow]) -> int:
    """Groups whose planned inspection's date has passed without being recorded."""
    return sum(row.coverage.date_passed_on is not None for row in rows)


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
                "Flag": _flag(row),
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
            "Flag",
        ],
    )


# What the coverage table shows first, without scrolling sideways: is it due, is it booked?
FIRST_COLUMNS = ("Status", "Group", "Next due", "Scheduled", "Flag")
PINNED_COLUMNS = ("Status", "Group")


def coverage_column_order(frame: pd.DataFrame) -> list[str]:
    """The table's columns as shown: status, group, next due, scheduled and flag first."""
    return [*FIRST_COLUMNS, *(c for c in frame.columns if c not in FIRST_COLUMNS)]


def _flag(row: CoverageRow) -> str:
    """Booked late or not at all, and a planned inspection whose date has passed."""
    coverage = row.coverage
    flags = [booking_flag(coverage.status, coverage.next_due_on, coverage.scheduled_on)]
    if coverage.date_passed_on is not None:
        flags.append(f"planned {coverage.date_passed_on}: {DATE_PASSED}")
    return "; ".join(flag for flag in flags if flag)


def styled_status(frame: pd.DataFrame) -> Styler:
    """The table with its Status column coloured as a tag (the words stay the meaning)."""
    return frame.style.map(lambda words: STATUS_STYLES.get(words, ""), subset=["Status"])


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
                "State": inspection_state(i.status, i.start_on, as_of, "started"),
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


# One inspection group in depth, for the drill-down.
NOT_IN_SCOPE = "—"
NOT_JUDGED = "no judgement"
REPORT_IN_PROGRESS = "report in progress"  # a partner's view until the final report is sent


def services_table(detail: GroupDetail, as_of: date) -> pd.DataFrame:
    """The group's services, open ones first."""
    rows = [
        {
            "Service": f"{s.code} · {s.name}",
            "Type": s.service_type,
            "Region": s.region or "",
            "Opened": s.opened_on,
            "Closed": s.closed_on,
            "Open now": "yes"
            if s.opened_on <= as_of and (s.closed_on is None or s.closed_on > as_of)
            else "no",
            "Bed spaces": s.bed_spaces,
            "Children": ""
            if s.accommodates_children is None
            else ("yes" if s.accommodates_children else "no"),
        }
        for s in detail.profile.services
    ]
    columns = [
        "Service",
        "Type",
        "Region",
        "Opened",
        "Closed",
        "Open now",
        "Bed spaces",
        "Children",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("Open now", ascending=False, kind="stable").reset_index(drop=True)


def _judgement(record: InspectionRecord, key_question: str) -> str:
    if key_question not in record.key_questions:
        return NOT_IN_SCOPE
    if record.report_in_progress:
        return REPORT_IN_PROGRESS
    return record.judgements.get(key_question, NOT_JUDGED)


def history_table(detail: GroupDetail, as_of: date) -> pd.DataFrame:
    """Inspections latest first, with the judgement on each key question in scope."""
    rows = []
    for record in detail.history:
        row: dict[str, object] = {
            "Start": record.start_on,
            "Inspection": record.ref,
            "Type": record.inspection_type,
            "Trigger": record.trigger or "",
            "Lead inspector": record.lead_inspector or "",
            "State": inspection_state(record.status, record.start_on, as_of, "done"),
        }
        row.update({kq.value: _judgement(record, kq) for kq in ALL_KEY_QUESTIONS})
        rows.append(row)
    columns = ["Start", "Inspection", "Type", "Trigger", "Lead inspector", "State"]
    return pd.DataFrame(rows, columns=columns + [kq.value for kq in ALL_KEY_QUESTIONS])


def judgement_points(detail: GroupDetail) -> pd.DataFrame:
    """One point per inspection and key question judged, for the judgements-over-time chart."""
    return pd.DataFrame(
        [
            {
                "start": record.start_on.isoformat(),
                "inspection": record.ref,
                "key question": kq,
                "judgement": judgement,
            }
            for record in detail.history
            for kq, judgement in record.judgements.items()
        ],
        columns=["start", "inspection", "key question", "judgement"],
    )


def recommendations_table(detail: GroupDetail, as_of: date) -> pd.DataFrame:
    """Open recommendations, earliest due first, marking those past their due date."""
    return pd.DataFrame(
        [
            {
                "Ref": r.ref,
                "Inspection": r.inspection_ref,
                "Key question": r.key_question or "",
                "KLOE": r.kloe or "",
                "Risk": r.risk,
                "Due": r.due_on,
                "Past due": "yes" if r.due_on and r.due_on < as_of else "no",
                "Status": r.status,
                "Owner": in_words(r.owner),
                "Recommendation": r.text,
            }
            for r in detail.recommendations
        ],
        columns=[
            "Ref",
            "Inspection",
            "Key question",
            "KLOE",
            "Risk",
            "Due",
            "Past due",
            "Status",
            "Owner",
            "Recommendation",
        ],
    )
