"""The governance pack's tables as plain data, so the PDF and the workbook show the same rows."""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dashboard.core.programme_year import programme_year_of, year_label
from dashboard.core.vocabulary import OPEN_ACTION_STATUSES, Risk
from dashboard.coverage.rules import CoverageStatus
from dashboard.governance.queries import EscalationRow, InspectionRow, OpenRecommendations
from dashboard.governance.rules import (
    ACTION_REPORT_COLUMNS,
    RAG_MEANING,
    ActionLogRow,
    ChangeLine,
    Term,
    action_report_cells,
    days_remaining,
    kind_label,
)
from dashboard.inspections.rules import SlaCell
from dashboard.overview.rules import OverviewFigures

Cell = str | int | float | date | None


@dataclass(frozen=True)
class PackTable:
    """One section's table: a sheet name, a heading, column names, typed rows, a short note."""

    sheet: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    note: str = ""


def headline_table(
    figures: OverviewFigures,
    recommendations: Sequence[OpenRecommendations],
    actions: Sequence[ActionLogRow],
    term: Term | None,
    kind: str,
) -> PackTable:
    """The figures a meeting opens with, as of the pack's date; actions are this kind of
    meeting's."""
    day = figures.as_of
    open_actions = [a for a in actions if a.status in OPEN_ACTION_STATUSES]
    late_actions = sum(1 for a in open_actions if a.action.due_on < day)
    year = figures.current_year
    rows: list[tuple[Cell, ...]] = [
        ("Active inspection groups", figures.active_groups),
        ("Groups overdue for inspection", figures.coverage_by_status[CoverageStatus.OVERDUE]),
        ("Groups due within 60 days", figures.coverage_by_status[CoverageStatus.DUE_SOON]),
    ]
    if year is not None and year.percent is not None:
        rows.append((f"Programme year {year_label(year.year)} covered (%)", round(year.percent, 1)))
    rows += [
        ("Inspections with overdue milestones", figures.inspections_with_overdue_milestones),
        ("Overdue milestones", figures.overdue_milestones),
        ("Open recommendations", sum(r.open for r in recommendations)),
        ("Overdue recommendations", sum(r.overdue for r in recommendations)),
        (f"Open actions ({kind_label(kind)} meetings)", len(open_actions)),
        (f"Overdue actions ({kind_label(kind)} meetings)", late_actions),
    ]
    if term is not None:
        rows.append((f"Days left in MoU term {term.ref}", days_remaining(term, day)))
    return PackTable("Headline", "Headline figures", ("figure", "value"), rows)


def coverage_table(figures: OverviewFigures) -> PackTable:
    """Active inspection groups by coverage status, worst first."""
    order = (CoverageStatus.OVERDUE, CoverageStatus.DUE_SOON, CoverageStatus.IN_DATE)
    rows: list[tuple[Cell, ...]] = [
        (status.value.replace("_", " "), figures.coverage_by_status[status]) for status in order
    ]
    rows.append(("total", figures.active_groups))
    note = "Every group with an open service is due an inspection within a year of its last."
    return PackTable("Coverage", "Coverage by status", ("status", "groups"), rows, note)


def programme_year_table(figures: OverviewFigures) -> PackTable:
    """Groups required and covered in each programme year up to the pack's date."""
    rows: list[tuple[Cell, ...]] = [
        (
            year_label(y.year),
            y.required,
            y.covered,
            None if y.percent is None else round(y.percent, 1),
        )
        for y in figures.programme_years
    ]
    return PackTable(
        "Programme years",
        "Programme-year coverage",
        ("programme year", "required", "covered", "coverage %"),
        rows,
        "Programme year Y runs 1 April Y to 31 March Y+1.",
    )


def sla_table(cells: Iterable[SlaCell], day: date) -> PackTable:
    """Milestones met on time in the programme year of the day, per milestone and in all."""
    year = programme_year_of(day)
    met: Counter[str] = Counter()
    counted: Counter[str] = Counter()
    order: list[str] = []
    for cell in cells:
        name = cell.milestone.value.replace("_", " ")
        if name not in order:
            order.append(name)
        if cell.quarter.year == year:
            met[name] += cell.met
            counted[name] += cell.counted
    rows: list[tuple[Cell, ...]] = [
        (name, counted[name], met[name], _percent(met[name], counted[name])) for name in order
    ]
    total_met, total = sum(met.values()), sum(counted.values())
    rows.append(("all milestones", total, total_met, _percent(total_met, total)))
    note = (
        f"Milestones due in programme year {year_label(year)} that were done or overdue "
        f"by {day:%d %b %Y}; pending ones are not counted."
    )
    return PackTable(
        "SLA",
        "Deadline (SLA) performance",
        ("milestone", "counted", "on time", "on time %"),
        rows,
        note,
    )


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def inspections_table(
    sheet: str,
    title: str,
    rows: Iterable[InspectionRow],
    flagged: Iterable[str] = (),
    note: str = "",
    names: Mapping[str, str] | None = None,
) -> PackTable:
    """A list of inspections; `flagged` refs start after the MoU term in force ends; `names`
    gives each provider code's name, shown beside it."""
    names = names or {}
    flags = set(flagged)
    return PackTable(
        sheet,
        title,
        (
            "inspection_ref",
            "group_code",
            "provider_code",
            "provider_name",
            "type",
            "mode",
            "lead_inspector",
            "start_on",
            "end_on",
            "flag",
        ),
        [
            (
                i.ref,
                i.group_code,
                i.provider_code,
                names.get(i.provider_code, ""),
                i.inspection_type,
                i.mode,
                i.lead_inspector,
                i.start_on,
                i.end_on,
                "after MoU term ends" if i.ref in flags else None,
            )
            for i in rows
        ],
        note,
    )


def recommendations_table(
    counts: Iterable[OpenRecommendations], names: Mapping[str, str] | None = None
) -> PackTable:
    """Open recommendations on the day, and how many are overdue, by provider (code and name)
    and risk."""
    names = names or {}
    risks = [risk.value for risk in Risk]
    ordered = sorted(
        counts,
        key=lambda c: (c.provider_code, risks.index(c.risk) if c.risk in risks else len(risks)),
    )
    table: list[tuple[Cell, ...]] = [
        (c.provider_code, names.get(c.provider_code, ""), c.risk, c.open, c.overdue)
        for c in ordered
    ]
    table.append(
        ("all providers", "", "all", sum(c.open for c in ordered), sum(c.overdue for c in ordered))
    )
    return PackTable(
        "Recommendations",
        "Open and overdue recommendations by provider and risk",
        ("provider_code", "provider_name", "risk", "open", "overdue"),
        table,
    )


def escalations_table(
    rows: Iterable[EscalationRow],
    since: date | None,
    day: date,
    names: Mapping[str, str] | None = None,
) -> PackTable:
    """Escalations open on the day, and those resolved since the last meeting; `names` gives
    each provider code's name, shown beside it."""
    names = names or {}
    chosen = [
        e
        for e in rows
        if e.raised_on <= day
        and (
            e.resolved_on is None
            or e.resolved_on > day
            or (since is not None and since < e.resolved_on)
        )
    ]
    return PackTable(
        "Escalations",
        "Escalations",
        (
            "escalation_ref",
            "inspection_ref",
            "provider_code",
            "provider_name",
            "raised_on",
            "escalated_to",
            "early_outcome_letter_on",
            "resolved_on",
            "state",
        ),
        [
            (
                e.ref,
                e.inspection_ref,
                e.provider_code,
                names.get(e.provider_code, ""),
                e.raised_on,
                e.escalated_to,
                e.early_outcome_letter_on,
                e.resolved_on if e.resolved_on and e.resolved_on <= day else None,
                "resolved" if e.resolved_on and e.resolved_on <= day else "open",
            )
            for e in chosen
        ],
        f"Open on {day:%d %b %Y}, or resolved since the last meeting.",
    )


def actions_table(log: Iterable[ActionLogRow], carried: Iterable[str]) -> PackTable:
    """The action log with RAG in words; carried-forward actions are marked."""
    carried_refs = set(carried)
    return PackTable(
        "Actions",
        "Action log",
        (*ACTION_REPORT_COLUMNS, "rag_meaning", "carried_forward", "action"),
        [
            (
                *action_report_cells(row),
                RAG_MEANING[row.rag],
                "yes" if row.action.ref in carried_refs else "no",
                row.action.text,
            )
            for row in log
        ],
        "Red overdue, amber due within 10 working days, green on track, blue done, grey dropped.",
    )


# Refs listed per change: enough to find them, few enough that a row fits on one PDF page (and
# a workbook cell) when thousands changed, as at 100× the programme.
REFS_LISTED = 40


def _refs_text(refs: Sequence[str]) -> str:
    listed = "; ".join(refs[:REFS_LISTED])
    more = len(refs) - REFS_LISTED
    return f"{listed}; and {more:,} more" if more > 0 else listed


def changes_table(lines: Iterable[ChangeLine] | None) -> PackTable:
    """What changed since the last meeting of the kind: counts and refs only."""
    rows: list[tuple[Cell, ...]] = [
        (line.what, line.count, _refs_text(line.refs)) for line in lines or ()
    ]
    note = "" if lines is not None else "No earlier meeting of this kind to compare with."
    return PackTable(
        "Changes", "What changed since the last meeting", ("change", "count", "refs"), rows, note
    )
