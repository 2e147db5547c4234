"""Streamlit caches of query results and what pages work out from them (the engine itself is
in `connection`, which the login form needs alone).

Query results are shared by every user, so nothing here may depend on who is asking unless the
user is an argument. Every cache is keyed by the database's data version as well as the
arguments (`versioned_cache`): a write made anywhere is seen at the next run, nothing is cleared
by hand.
"""

from datetime import date

import pandas as pd

from dashboard.core import audit_queries as queries_audit
from dashboard.core import db
from dashboard.core.audit_queries import AuditFilter as AuditFilter
from dashboard.core.audit_queries import audit_csv as audit_csv
from dashboard.core.audit_queries import audit_table as audit_table
from dashboard.core.permissions import Viewer
from dashboard.core.vocabulary import Role
from dashboard.coverage import queries as coverage_queries
from dashboard.escalations import queries as escalation_queries
from dashboard.escalations.queries import EscalationRow as EscalationRow  # for pages
from dashboard.follow_ups import queries as follow_up_queries
from dashboard.follow_ups.rules import FollowUpDue
from dashboard.governance import queries as governance_queries
from dashboard.governance import view as governance_view
from dashboard.governance.rules import (
    ActionFacts,
    ChangeLine,
    MeetingFacts,
    PlannedInspection,
    Term,
)
from dashboard.inspections import queries as inspection_queries
from dashboard.inspections import view as inspections_view
from dashboard.inspections.queries import InspectionDetail as InspectionDetail  # for pages
from dashboard.overview.queries import overview_figures
from dashboard.overview.rules import OverviewFigures
from dashboard.planning import rules as planner
from dashboard.planning import service as planning
from dashboard.planning.queries import suggestion_for_group
from dashboard.planning.rules.suggestion import Suggestion
from dashboard.recommendations import queries as recommendation_queries
from dashboard.recommendations import view as recommendations_view
from dashboard.recommendations.queries import RecommendationDetail as RecommendationDetail
from dashboard.recommendations.rules import RecommendationFacts, ThemeCount
from dashboard.reference import queries as reference_queries
from dashboard.ui.connection import current_engine as current_engine  # re-exported for pages
from dashboard.ui.connection import engine
from dashboard.ui.versioned_cache import (
    PER_CHOICE,
    PER_RECORD,
    WHOLE,
    follows_the_data,
    shared_result,
)

AUDIT_FILE_NAME = queries_audit.EXPORT_FILE_NAME  # for the Audit log page's download


@follows_the_data(PER_CHOICE)
def overview(url: str, as_of: date, viewer: Viewer) -> OverviewFigures:
    """The Overview's figures as of a date, as the viewer may see them."""
    with db.session_scope(engine(url)) as session:
        return overview_figures(session, as_of, viewer=viewer)


# Recommendations, themes, good practice and escalations: whole registers, filtered by the page.
@shared_result(WHOLE)
def recommendation_register(url: str, viewer: Viewer) -> list[RecommendationFacts]:
    """Every recommendation the viewer may see with its inspection, group, provider, service."""
    with db.session_scope(engine(url)) as session:
        return recommendation_queries.recommendation_register(session, viewer=viewer)


@shared_result(WHOLE)
def recommendations_raised(
    url: str, as_of: date, viewer: Viewer
) -> tuple[list[RecommendationFacts], dict[str, list[str]]]:
    """Recommendations raised by the date that the viewer may see, and the values each register
    filter offers."""
    rows = recommendations_view.raised_by(recommendation_register(url, viewer), as_of)
    return rows, recommendations_view.filter_options(rows)


@shared_result(PER_CHOICE)
def recommendation_register_view(
    url: str, chosen: recommendations_view.RegisterFilter, as_of: date, viewer: Viewer
) -> recommendations_view.RegisterView:
    """The register tab for one choice of filters."""
    return recommendations_view.register_view(
        recommendations_raised(url, as_of, viewer)[0], chosen, as_of
    )


@follows_the_data(PER_RECORD)
def recommendation_detail(
    url: str, ref: str, viewer: Viewer
) -> recommendation_queries.RecommendationDetail | None:
    """One recommendation in full, with its follow-up timeline (None if the viewer may not
    see it)."""
    with db.session_scope(engine(url)) as session:
        return recommendation_queries.recommendation_detail(session, ref, viewer=viewer)


@shared_result(WHOLE)
def theme_counts(url: str, viewer: Viewer) -> list[ThemeCount]:
    """Recommendations the viewer may see counted by theme, key question, provider and year."""
    with db.session_scope(engine(url)) as session:
        return recommendation_queries.theme_counts(session, viewer=viewer)


@shared_result(PER_CHOICE)
def themes_view(
    url: str, years: tuple[str, ...], providers: tuple[str, ...], viewer: Viewer
) -> recommendations_view.ThemesView:
    """The themes tab for the chosen programme years and providers."""
    return recommendations_view.themes_view(theme_counts(url, viewer), years, providers)


@follows_the_data(WHOLE)
def good_practice_log(url: str, viewer: Viewer) -> list[recommendation_queries.GoodPracticeEntry]:
    """The good-practice log as the viewer may see it, newest first."""
    with db.session_scope(engine(url)) as session:
        return recommendation_queries.good_practice_log(session, viewer=viewer)


@shared_result(WHOLE)
def inspections_led(url: str, as_of: date) -> list[tuple[str, str | None]]:
    """Inspections started by the date, with their lead inspector."""
    with db.session_scope(engine(url)) as session:
        return recommendation_queries.inspections_led(session, as_of)


@follows_the_data(WHOLE)
def escalation_rows(url: str) -> list[escalation_queries.EscalationRow]:
    """Every escalation with its inspection, group and provider."""
    with db.session_scope(engine(url)) as session:
        return escalation_queries.escalation_rows(session)


# Inspections: the register, one inspection in full, and the plan form's choices.
@shared_result(WHOLE)
def inspection_register(url: str, viewer: Viewer) -> list[inspection_queries.RegisterRow]:
    """Every inspection with its group, provider and milestone dates as the viewer sees them."""
    with db.session_scope(engine(url)) as session:
        return inspection_queries.register_rows(session, viewer=viewer)


@shared_result(WHOLE)
def inspection_filter_options(url: str, viewer: Viewer) -> inspections_view.FilterOptions:
    """The values the register's filters offer."""
    return inspections_view.filter_options(inspection_register(url, viewer))


@shared_result(PER_CHOICE)
def inspection_register_view(
    url: str, filters: inspections_view.RegisterFilters, as_of: date, viewer: Viewer
) -> inspections_view.RegisterView:
    """The filtered register with its late reports, what falls due and SLA performance."""
    return inspections_view.register_view(
        inspection_register(url, viewer), open_information_requests(url), filters, as_of
    )


@follows_the_data(WHOLE)
def open_information_requests(url: str) -> list[tuple[str, inspection_queries.RequestFact]]:
    """Information requests not yet answered, with their inspection's ref."""
    with db.session_scope(engine(url)) as session:
        return inspection_queries.open_requests(session)


@follows_the_data(PER_RECORD)
def inspection_detail(
    url: str, ref: str, with_internal_notes: bool, viewer: Viewer
) -> inspection_queries.InspectionDetail | None:
    """One inspection in full as the viewer may see it; internal notes only when asked for
    (never for partners)."""
    with db.session_scope(engine(url)) as session:
        return inspection_queries.inspection_detail(
            session, ref, with_internal_notes=with_internal_notes, viewer=viewer
        )


@follows_the_data(WHOLE)
def inspection_choices(
    url: str,
) -> tuple[list[inspection_queries.GroupOption], list[str]]:
    """The groups and lead inspectors a planned inspection can have."""
    with db.session_scope(engine(url)) as session:
        return (
            inspection_queries.group_options(session),
            inspection_queries.inspector_names(session),
        )


# Audit trail: filtered pages of entries and the filters' choices.


@follows_the_data(PER_CHOICE)
def audit_log(
    url: str, wanted: queries_audit.AuditFilter, limit: int
) -> tuple[int, list[queries_audit.AuditRow]]:
    """How many entries match, and the newest `limit` of them."""
    with db.session_scope(engine(url)) as session:
        return (
            queries_audit.audit_count(session, wanted),
            queries_audit.audit_rows(session, wanted, limit=limit),
        )


@follows_the_data(WHOLE)
def audit_choices(url: str) -> tuple[list[str], list[str]]:
    """The users and entities that appear in the audit trail."""
    with db.session_scope(engine(url)) as session:
        return queries_audit.audit_choices(session)


# Admin: the reference data lists (providers, groups, services, MoU terms).
@follows_the_data(PER_CHOICE)
def reference_frame(url: str, file_name: str, on: date) -> pd.DataFrame:
    """A reference file's rows in the exchange format, open services counted on a date."""
    with db.session_scope(engine(url)) as session:
        return reference_queries.reference_frame(session, file_name, on)


# My follow-ups: one inspector's due recommendations, and the inspectors a manager may pick.
@shared_result(PER_CHOICE)
def my_follow_ups(url: str, inspector: str, as_of: date, within_days: int) -> list[FollowUpDue]:
    """Follow-ups due for an inspector (inspections led or providers allocated), oldest first."""
    with db.session_scope(engine(url)) as session:
        return follow_up_queries.follow_ups_due(
            session,
            as_of=as_of,
            within_days=within_days,
            inspector=inspector,
            include_allocated=True,
        )


@follows_the_data(WHOLE)
def follow_up_inspectors(url: str) -> list[str]:
    """Everyone who leads inspections or is allocated to a provider, by name."""
    with db.session_scope(engine(url)) as session:
        return follow_up_queries.inspector_names(session)


# Coverage and planner: the coverage page, one group's drill-down, and a year's plan.
@shared_result(PER_CHOICE)
def coverage_page(url: str, as_of: date, year: int) -> coverage_queries.CoverageData:
    """Active groups' coverage as of a date, and the programme year's month-by-month view."""
    with db.session_scope(engine(url)) as session:
        return coverage_queries.coverage_data(session, as_of, year)


@follows_the_data(PER_RECORD)
def group_drilldown(
    url: str, group_code: str, as_of: date, viewer: Viewer
) -> coverage_queries.GroupDetail | None:
    """One group's services, inspection history, open recommendations and suggestion, as the
    viewer may see them."""
    with db.session_scope(engine(url)) as session:
        return coverage_queries.group_detail(session, group_code, as_of, viewer=viewer)


@follows_the_data(PER_CHOICE)
def year_plan(url: str, year: int, as_of: date, per_month: int) -> planner.Plan:
    """The proposed schedule of a programme year with a monthly capacity per inspector."""
    with db.session_scope(engine(url)) as session:
        return planning.plan_for_year(session, year, as_of, planner.Capacity(per_month))


# Governance: MoU terms (every page's banner), meetings, the action log and what changed.
@follows_the_data(WHOLE)
def governance_terms(url: str) -> list[Term]:
    """Every MoU term, earliest first."""
    with db.session_scope(engine(url)) as session:
        return governance_queries.terms(session)


@shared_result(WHOLE)
def governance_meetings(url: str, viewer: Viewer) -> list[MeetingFacts]:
    """Every meeting the viewer sees, earliest first."""
    with db.session_scope(engine(url)) as session:
        return governance_queries.meetings(session, viewer=viewer)


@shared_result(PER_CHOICE)
def action_log_view(
    url: str,
    as_of: date,
    owner_orgs: tuple[str, ...],
    statuses: tuple[str, ...],
    meeting_ref: str | None,
    viewer: Viewer,
) -> governance_view.ActionLogView:
    """The action log as of a date for one choice of filters, as the viewer sees it."""
    return governance_view.action_log_view(
        governance_actions(url, viewer),
        as_of,
        owner_orgs=owner_orgs,
        statuses=statuses,
        meeting_ref=meeting_ref,
    )


@shared_result(WHOLE)
def governance_actions(url: str, viewer: Viewer) -> list[ActionFacts]:
    """Every action of the meetings the viewer sees, with its meeting and dated updates."""
    with db.session_scope(engine(url)) as session:
        return governance_queries.actions(session, viewer=viewer)


@follows_the_data(PER_RECORD)
def action_updates(url: str, action_ref: str, viewer: Viewer) -> list[governance_queries.UpdateRow]:
    """One action's dated updates, oldest first (none of a meeting the viewer does not see)."""
    with db.session_scope(engine(url)) as session:
        return governance_queries.action_updates(session, action_ref, viewer=viewer)


@shared_result(WHOLE)
def inspection_starts_planned(url: str) -> list[PlannedInspection]:
    """Every inspection's start, for flagging those planned after the MoU term ends."""
    with db.session_scope(engine(url)) as session:
        return [
            PlannedInspection(i.ref, i.group_code, i.start_on)
            for i in governance_queries.inspections(session)
        ]


@follows_the_data(PER_CHOICE)
def meeting_changes(
    url: str, meeting_ref: str, role: Role, read_on: date
) -> list[ChangeLine] | None:
    """What changed from the last meeting of the kind to this one (up to `read_on` for one
    still to come) as a reader of this role sees it (None for the first)."""
    with db.session_scope(engine(url)) as session:
        return governance_queries.meeting_changes(session, meeting_ref, role=role, read_on=read_on)


@follows_the_data(PER_RECORD)
def inspection_suggestion(url: str, group_code: str, as_of: date) -> Suggestion | None:
    """The suggested type of a group's next inspection, with why; None for an unknown group."""
    with db.session_scope(engine(url)) as session:
        try:
            return suggestion_for_group(session, group_code, as_of)
        except LookupError:
            return None
