"""One inspection group in depth for the coverage page's drill-down, as table rows."""

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session

from dashboard.core.vocabulary import ALL_KEY_QUESTIONS
from dashboard.coverage import queries as queries_coverage
from dashboard.coverage.queries import GroupProfile, InspectionRecord, OpenRecommendation
from dashboard.planning.suggestion import Suggestion, suggest_next_inspection

NOT_IN_SCOPE = "—"
NOT_JUDGED = "no judgement"


@dataclass(frozen=True)
class GroupDetail:
    """One group: its services, inspection history, open recommendations and suggestion."""

    profile: GroupProfile
    history: tuple[InspectionRecord, ...]
    recommendations: tuple[OpenRecommendation, ...]
    suggestion: Suggestion


def group_detail(session: Session, group_code: str, as_of: date) -> GroupDetail | None:
    """The drill-down of one group as of a date; None for an unknown group."""
    profile = queries_coverage.group_profiles(session).get(group_code)
    histories = queries_coverage.group_histories(session, as_of, group_code)
    if profile is None or group_code not in histories:
        return None
    return GroupDetail(
        profile,
        tuple(queries_coverage.inspection_history(session, group_code)),
        tuple(queries_coverage.open_recommendations(session, group_code)),
        suggest_next_inspection(histories[group_code]),
    )


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
            "State": "done" if record.start_on <= as_of else "scheduled",
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
                "Owner": r.owner or "",
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
