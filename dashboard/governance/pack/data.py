"""Gather everything a governance pack shows for one meeting: as of the meeting's date once
it is held, as of the day the pack is built while it is still to come."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session

from dashboard.core.permissions import Viewer
from dashboard.core.programme_year import programme_year_bounds, programme_year_of
from dashboard.core.refusal import Refused
from dashboard.core.vocabulary import OPEN_ACTION_STATUSES, InspectionStatus, Role
from dashboard.coverage import queries as coverage_queries
from dashboard.governance import queries as queries_governance
from dashboard.governance.pack import tables
from dashboard.governance.pack.tables import PackTable
from dashboard.governance.queries import InspectionRow
from dashboard.governance.rules import (
    ActionFacts,
    ActionLogRow,
    MeetingFacts,
    PlannedInspection,
    Term,
    action_log,
    carried_forward,
    days_remaining,
    figures_day,
    is_still_to_come,
    next_meeting,
    planned_past_term_end,
    previous_meeting_held,
    term_in_force,
    term_warning,
)
from dashboard.inspections.rules import SlaCell, may_fall_due_between, sla_performance
from dashboard.overview.queries import overview_figures
from dashboard.overview.rules import OverviewFigures

# Without a next meeting of the kind, "planned before the next" looks this far ahead.
PLANNING_HORIZON = timedelta(days=91)


class UnknownMeeting(Refused):
    """No meeting has the ref asked for."""


@dataclass(frozen=True)
class PackData:
    """A meeting's pack: its context, the figures (as of `as_of`) and every section's table."""

    meeting: MeetingFacts
    as_of: date  # the meeting's date once held, else the day the pack was built
    previous: MeetingFacts | None
    next: MeetingFacts | None
    term: Term | None
    figures: OverviewFigures
    action_rows: list[ActionLogRow]
    sla_cells: list[SlaCell]  # the quarters of the as-of date's programme year
    tables: list[PackTable]

    @property
    def still_to_come(self) -> bool:
        """True when the pack was built before the meeting: its figures are of that day."""
        return is_still_to_come(self.meeting.held_on, self.as_of)

    def table(self, sheet: str) -> PackTable:
        """The section whose sheet is called `sheet`."""
        return next(t for t in self.tables if t.sheet == sheet)


def as_of_line(meeting: MeetingFacts, as_of: date) -> str:
    """What the figures are as of, as the cover says it."""
    if is_still_to_come(meeting.held_on, as_of):
        return f"Figures as of {as_of:%d %B %Y} for the meeting on {meeting.held_on:%d %B %Y}"
    return f"Held on {meeting.held_on:%d %B %Y}; figures as of that date"


def context_lines(data: PackData) -> list[str]:
    """The meeting's place in the programme: last and next meeting, the MoU term."""
    lines = []
    previous, following, term = data.previous, data.next, data.term
    lines.append(
        f"Last meeting of this kind: {previous.ref} on {previous.held_on:%d %b %Y}"
        if previous
        else "Last meeting of this kind: none"
    )
    lines.append(
        f"Next meeting of this kind: {following.ref} on {following.held_on:%d %b %Y}"
        if following
        else "Next meeting of this kind: not yet arranged"
    )
    if term is None:
        lines.append(f"MoU term: none in force on {data.as_of:%d %b %Y}")
    else:
        left = days_remaining(term, data.as_of)
        warning = " - ends within 90 days" if term_warning(term, data.as_of) else ""
        lines.append(
            f"MoU term {term.ref}: {term.starts_on:%d %b %Y} to "
            f"{term.ends_on:%d %b %Y}, {left} days remaining{warning}"
        )
    return lines


def find_meeting(meetings: list[MeetingFacts], ref: str, viewer: Viewer) -> MeetingFacts:
    """The meeting with this ref among those the viewer sees, or UnknownMeeting naming it."""
    for meeting in meetings:
        if meeting.ref == ref:
            return meeting
    if viewer.meeting_kinds is not None:
        raise UnknownMeeting(f"no meeting partners attend (MoU governance) has the ref {ref!r}")
    raise UnknownMeeting(f"no meeting has the ref {ref!r}")


def pack_action_rows(
    actions: Sequence[ActionFacts], meeting: MeetingFacts, since: date | None, day: date
) -> list[ActionLogRow]:
    """The meeting kind's actions open on the day, and those closed since the last meeting."""
    return [
        row
        for row in action_log(actions, day)
        if row.action.meeting_kind == meeting.kind
        and (
            row.status in OPEN_ACTION_STATUSES
            or (row.action.closed_on and since and since < row.action.closed_on <= day)
        )
    ]


def _inspection_tables(
    inspections: Sequence[InspectionRow],
    since: date | None,
    day: date,
    until: date,
    term: Term | None,
    names: Mapping[str, str],
) -> list[PackTable]:
    """Inspections carried out since the last meeting up to the day (one booked, however its
    date, is not started), and planned after the day up to the next meeting (none cancelled:
    the query leaves those out)."""
    planned = [i for i in inspections if day < i.start_on <= until]
    flagged = planned_past_term_end(
        (PlannedInspection(i.ref, i.group_code, i.start_on) for i in planned), term, day
    )
    since_text = f"after {since:%d %b %Y}" if since else "(no earlier meeting of this kind)"
    return [
        tables.inspections_table(
            "Inspections since",
            "Inspections since the last meeting",
            [
                i
                for i in inspections
                if since is not None
                and since < i.start_on <= day
                and i.status == InspectionStatus.CARRIED_OUT
            ],
            note=f"Started {since_text} up to {day:%d %b %Y}.",
            names=names,
        ),
        tables.inspections_table(
            "Inspections planned",
            "Inspections planned before the next meeting",
            planned,
            [p.ref for p in flagged],
            note=f"Starting after {day:%d %b %Y} up to {until:%d %b %Y}.",
            names=names,
        ),
    ]


def _sla_cells_of_year(facts: coverage_queries.ProgrammeFacts, day: date) -> list[SlaCell]:
    """SLA performance in the quarters of the day's programme year, scheduling only the
    inspections with a milestone that can fall due in it (a fifth of five years' worth)."""
    year = programme_year_of(day)
    first, last = programme_year_bounds(year)
    cells = sla_performance(
        (d for d in facts.dates.values() if may_fall_due_between(d, first, last)), day
    )
    return [cell for cell in cells if cell.quarter.year == year]


def gather(
    session: Session, meeting_ref: str, *, role: Role, built_on: date | None = None
) -> PackData:
    """Read the programme once and build every table of the meeting's pack, as a reader of
    this role sees it: as of the meeting's date once held, else as of the day it is built on
    (today unless given; a partner: only meetings partners attend, findings of sent reports
    only)."""
    built_on = built_on or date.today()
    reader = Viewer.of(role, built_on)  # which meetings: partners see only those they attend
    meetings = queries_governance.meetings(session, viewer=reader)
    meeting = find_meeting(meetings, meeting_ref, reader)
    day = figures_day(meeting.held_on, built_on)
    viewer = Viewer.of(role, day)
    previous = previous_meeting_held(meeting, meetings, day)
    following = next_meeting(meeting, meetings)
    since = previous.held_on if previous else None
    until = following.held_on if following else meeting.held_on + PLANNING_HORIZON
    inspections = queries_governance.inspections(session, after=since or day, until=until)
    recommendations = queries_governance.open_recommendation_counts(session, day, viewer=viewer)
    escalations = queries_governance.escalations(session)
    actions = queries_governance.actions(session, kind=meeting.kind, viewer=viewer)
    term = term_in_force(queries_governance.terms(session), day)
    facts = coverage_queries.programme_facts(session)
    names = queries_governance.provider_names(session)
    figures = overview_figures(session, day, facts, viewer=viewer)
    log = pack_action_rows(actions, meeting, since, day)
    cells = _sla_cells_of_year(facts, day)
    return PackData(
        meeting=meeting,
        as_of=day,
        previous=previous,
        next=following,
        term=term,
        figures=figures,
        action_rows=log,
        sla_cells=cells,
        tables=[
            tables.headline_table(figures, recommendations, log, term, meeting.kind),
            tables.coverage_table(figures),
            tables.programme_year_table(figures),
            tables.sla_table(cells, day),
            *_inspection_tables(inspections, since, day, until, term, names),
            tables.recommendations_table(recommendations, names),
            tables.escalations_table(escalations, since, day, names),
            tables.actions_table(log, [a.ref for a in carried_forward(meeting, actions, day)]),
            tables.changes_table(
                queries_governance.changes_between(session, previous, day, facts, viewer=viewer)
            ),
        ],
    )
